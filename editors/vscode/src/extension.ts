// The Roadmap extension: starts the roadmap-lsp language server for
// *.roadmap.toml files and shows its state in the status bar.

import * as path from "path";
import * as vscode from "vscode";
import {
  DidChangeConfigurationNotification,
  ExecuteCommandRequest,
  LanguageClient,
  LanguageClientOptions,
  RevealOutputChannelOn,
  ServerOptions,
  State,
} from "vscode-languageclient/node";

import { findServer, installHint, ServerLocation } from "./server";
import { serverSettings } from "./settings";

const LANGUAGE_ID = "roadmap-toml";

let client: LanguageClient | undefined;
let output: vscode.OutputChannel;
let traceOutput: vscode.OutputChannel;
let status: vscode.StatusBarItem;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  output = vscode.window.createOutputChannel("Roadmap");
  traceOutput = vscode.window.createOutputChannel("Roadmap Trace");
  status = vscode.window.createStatusBarItem("roadmap.status", vscode.StatusBarAlignment.Right, 100);
  status.name = "Roadmap language server";
  status.command = "roadmap.showOutput";
  context.subscriptions.push(output, traceOutput, status);

  context.subscriptions.push(
    vscode.commands.registerCommand("roadmap.restartServer", () => restart(context)),
    vscode.commands.registerCommand("roadmap.showOutput", () => output.show(true)),
    vscode.commands.registerCommand("roadmap.showAgenda", () => showAgenda(context)),
    vscode.workspace.onDidChangeConfiguration((event) => {
      // The server's path is read once at start; a new one needs a restart.
      if (event.affectsConfiguration("roadmap.server.path")) {
        void restart(context);
      }
    }),
    vscode.window.onDidChangeActiveTextEditor(updateStatusVisibility),
  );

  await start(context);
}

export async function deactivate(): Promise<void> {
  await stop();
}

async function start(context: vscode.ExtensionContext): Promise<void> {
  showStatus("starting");
  const location = findServer(context.extensionPath);
  if (location.kind === "missing") {
    reportMissingServer(location.reason);
    return;
  }
  const origins = { bundled: "bundled with the extension", setting: "from roadmap.server.path", path: "found on PATH or in ~/.cargo/bin" };
  output.appendLine(`Starting ${location.path} (${origins[location.kind]})`);
  if (location.ignoredSetting) {
    output.appendLine(`roadmap.server.path ("${location.ignoredSetting}") is not used: the bundled server comes first.`);
  }

  // No `transport`: the server speaks stdio by default, and
  // TransportKind.stdio would only append a `--stdio` argument.
  const serverOptions: ServerOptions = {
    run: { command: location.path, args: [] },
    debug: { command: location.path, args: ["--log-level", "debug"] },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ language: LANGUAGE_ID }],
    initializationOptions: serverSettings(),
    synchronize: { configurationSection: "roadmap" },
    outputChannel: output,
    traceOutputChannel: traceOutput,
    revealOutputChannelOn: RevealOutputChannelOn.Never,
    middleware: {
      workspace: {
        // VS Code's setting names differ from the server's keys
        // (`maxActiveGoals` vs `max-active-goals`), so answer with the
        // mapped settings rather than the raw section.
        configuration: async (params, token, next) => {
          const raw = await next(params, token);
          if (!Array.isArray(raw)) {
            return raw;
          }
          return params.items.map((item, index) =>
            item.section === "roadmap" ? serverSettings(item.scopeUri) : raw[index],
          );
        },
        didChangeConfiguration: async (sections, next) => {
          if (!sections?.includes("roadmap") || !client) {
            return next(sections);
          }
          await client.sendNotification(DidChangeConfigurationNotification.type, {
            settings: { roadmap: serverSettings() },
          });
        },
      },
    },
  };

  const newClient = new LanguageClient("roadmap", "Roadmap", serverOptions, clientOptions);
  newClient.onDidChangeState(({ newState }) => {
    if (newState === State.Running) {
      showStatus("running", location);
    } else if (newState === State.Starting) {
      showStatus("starting");
    } else if (client === newClient) {
      showStatus("stopped");
    }
  });
  client = newClient;
  try {
    await newClient.start();
    showStatus("running", location);
  } catch (error) {
    client = undefined;
    const message = error instanceof Error ? error.message : String(error);
    output.appendLine(`The server did not start: ${message}`);
    showStatus("error", location);
    const choice = await vscode.window.showErrorMessage(
      `Roadmap: the language server ${location.path} did not start: ${message}`,
      "Show output",
      "Open settings",
    );
    handleChoice(choice);
  }
}

// Asks the server for the agenda of every roadmap in the workspace folders
// (open ones with their unsaved edits) and shows it as rendered Markdown.
// The preview does not follow `file:` links, so the agenda is written to
// the extension's storage with links relative to it, which it does follow
// (to the line, through the `#L` fragment). Running it again refreshes it.
async function showAgenda(context: vscode.ExtensionContext): Promise<void> {
  if (!client || !client.isRunning()) {
    void vscode.window.showErrorMessage("Roadmap: the language server is not running, so there is no agenda.", "Show output").then(handleChoice);
    return;
  }
  const folders = (vscode.workspace.workspaceFolders ?? []).map((folder) => folder.uri.toString());
  try {
    const markdown = await client.sendRequest(ExecuteCommandRequest.type, {
      command: "roadmap.agenda",
      arguments: folders,
    });
    const text = typeof markdown === "string" ? markdown : "The server sent no agenda.";
    const dir = context.globalStorageUri;
    await vscode.workspace.fs.createDirectory(dir);
    const file = vscode.Uri.joinPath(dir, "Roadmap agenda.md");
    await vscode.workspace.fs.writeFile(file, Buffer.from(relativeLinks(text, dir.fsPath), "utf8"));
    await vscode.commands.executeCommand("markdown.showPreview", file);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    output.appendLine(`roadmap.agenda failed: ${message}`);
    void vscode.window.showErrorMessage(`Roadmap: the agenda failed: ${message}`, "Show output").then(handleChoice);
  }
}

// `](<file:///a/b.roadmap.toml#L7>)` → `](<../../a/b.roadmap.toml#L7>)`,
// relative to `from`.
function relativeLinks(markdown: string, from: string): string {
  return markdown.replace(/\]\(<(file:[^>]+)>\)/g, (_link: string, target: string) => {
    const uri = vscode.Uri.parse(target);
    const relative = path.relative(from, uri.fsPath).split(path.sep).join("/");
    return `](<${relative}${uri.fragment ? `#${uri.fragment}` : ""}>)`;
  });
}

async function stop(): Promise<void> {
  const running = client;
  client = undefined;
  if (running) {
    try {
      await running.stop();
    } catch (error) {
      output.appendLine(`Stopping the server failed: ${String(error)}`);
    }
  }
}

async function restart(context: vscode.ExtensionContext): Promise<void> {
  output.appendLine("Restarting the server");
  await stop();
  await start(context);
}

function reportMissingServer(reason: string): void {
  output.appendLine(reason);
  output.appendLine(installHint());
  showStatus("error");
  status.tooltip = `${reason}\n${installHint()}`;
  void vscode.window
    .showErrorMessage(
      `Roadmap: ${reason} ${installHint()}`,
      "Open settings",
      "Show output",
    )
    .then(handleChoice);
}

function handleChoice(choice: string | undefined): void {
  if (choice === "Open settings") {
    void vscode.commands.executeCommand("workbench.action.openSettings", "roadmap.server.path");
  } else if (choice === "Show output") {
    output.show(true);
  }
}

type ServerState = "starting" | "running" | "stopped" | "error";

let lastState: ServerState = "stopped";

function showStatus(state: ServerState, location?: ServerLocation): void {
  lastState = state;
  const icons: Record<ServerState, string> = {
    starting: "$(sync~spin)",
    running: "$(check)",
    stopped: "$(circle-slash)",
    error: "$(error)",
  };
  status.text = `${icons[state]} Roadmap`;
  const where = location && location.kind !== "missing" ? `\n${location.path}` : "";
  status.tooltip = `roadmap-lsp: ${state}${where}\nClick to show the output.`;
  status.backgroundColor =
    state === "error" ? new vscode.ThemeColor("statusBarItem.errorBackground") : undefined;
  updateStatusVisibility();
}

// Shown while a roadmap is open, and always when something went wrong.
function updateStatusVisibility(): void {
  const editor = vscode.window.activeTextEditor;
  if (lastState === "error" || editor?.document.languageId === LANGUAGE_ID) {
    status.show();
  } else {
    status.hide();
  }
}
