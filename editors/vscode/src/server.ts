// Where the roadmap-lsp binary is: the copy bundled in a platform-specific
// extension, else the `roadmap.server.path` setting, else `roadmap-lsp` on
// PATH. The bundled copy comes first because it is the version this
// extension was released and tested with.

import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as vscode from "vscode";

export type ServerLocation =
  | { kind: "setting" | "path" | "bundled"; path: string; ignoredSetting?: string }
  | { kind: "missing"; reason: string };

const EXE = process.platform === "win32" ? "roadmap-lsp.exe" : "roadmap-lsp";

export function findServer(extensionPath: string): ServerLocation {
  const configured = vscode.workspace.getConfiguration("roadmap").get<string>("server.path", "").trim();
  const bundled = path.join(extensionPath, "server", EXE);
  if (fs.existsSync(bundled)) {
    makeExecutable(bundled);
    if (isExecutable(bundled)) {
      // Said in the output channel, so a setting is never ignored silently.
      return { kind: "bundled", path: bundled, ignoredSetting: configured || undefined };
    }
  }
  if (configured) {
    const resolved = expand(configured);
    // A setting that points nowhere is an error, not a reason to silently
    // run some other binary.
    return isExecutable(resolved)
      ? { kind: "setting", path: resolved }
      : { kind: "missing", reason: `roadmap.server.path is set to "${configured}", but ${resolved} is not an executable file.` };
  }
  const onPath = searchPath(EXE);
  if (onPath) {
    return { kind: "path", path: onPath };
  }
  return { kind: "missing", reason: "the roadmap-lsp language server was not found (none bundled for this platform, not set in roadmap.server.path, not on PATH)." };
}

export function installHint(): string {
  return "Install the Roadmap extension for your platform (it bundles the server), or install the server with `cargo install --locked --path .` in a clone of https://github.com/roadmap-lsp/roadmap-lsp (puts it in ~/.cargo/bin), or set roadmap.server.path to the binary, then run \"Roadmap: Restart server\".";
}

function expand(configured: string): string {
  let value = configured;
  if (value === "~" || value.startsWith("~/")) {
    value = path.join(os.homedir(), value.slice(1));
  }
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  if (folder) {
    value = value.replace(/\$\{workspaceFolder\}/g, folder);
    if (!path.isAbsolute(value)) {
      value = path.join(folder, value);
    }
  }
  return value;
}

function searchPath(name: string): string | undefined {
  const dirs = (process.env.PATH ?? "").split(path.delimiter).filter(Boolean);
  // ~/.cargo/bin is where `cargo install` puts it, and VS Code started from
  // a desktop launcher often has a PATH without it.
  dirs.push(path.join(os.homedir(), ".cargo", "bin"));
  for (const dir of dirs) {
    const candidate = path.join(dir, name);
    if (isExecutable(candidate)) {
      return candidate;
    }
  }
  return undefined;
}

function isExecutable(file: string): boolean {
  try {
    if (!fs.statSync(file).isFile()) {
      return false;
    }
    fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

// A .vsix is a zip; if the executable bit got lost on the way, restore it.
function makeExecutable(file: string): void {
  if (process.platform === "win32") {
    return;
  }
  try {
    const mode = fs.statSync(file).mode;
    if ((mode & 0o111) === 0) {
      fs.chmodSync(file, mode | 0o755);
    }
  } catch {
    // Reported as "not found" by the caller.
  }
}
