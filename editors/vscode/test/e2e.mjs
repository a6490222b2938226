// Drives code-server in headless Chromium and checks what a user sees with
// the Roadmap extension installed: run by run.sh, which starts code-server
// on a workspace holding career.roadmap.toml with today pinned to
// 2026-11-23.
//
//   node e2e.mjs --url URL --workspace DIR --user-data DIR --shots DIR --profile DIR --playwright PATH --extensions DIR
//
// Every step waits on a condition, never on a pause. The editor draws
// asynchronously and redraws as the server's answers arrive (code lenses
// push lines down, inlay hints widen them, the light bulb and list rows are
// re-rendered), so an action whose target may move is retried until its
// effect shows: see `retry`.

import { createRequire } from "node:module";
import * as fs from "node:fs";
import * as path from "node:path";
import { parseArgs } from "node:util";

const { values: args } = parseArgs({
  options: {
    url: { type: "string" },
    workspace: { type: "string" },
    "user-data": { type: "string" },
    shots: { type: "string" },
    profile: { type: "string" },
    playwright: { type: "string" },
    extensions: { type: "string" },
  },
});
const require = createRequire(import.meta.url);
const { chromium } = require(args.playwright);

const TIMEOUT = Number(process.env.E2E_TIMEOUT_MS ?? 30_000);
// How long one attempt of a retried action waits for its effect before it
// tries again. Only a bound on retrying: every retried action is safe to
// repeat, so a slow machine costs attempts, not failures.
const PATIENCE = Math.min(5_000, TIMEOUT);
const FILE = "career.roadmap.toml";
const filePath = path.join(args.workspace, FILE);
const original = fs.readFileSync(filePath, "utf8");
const lineOf = (text) => original.split("\n").findIndex((line) => line.includes(text)) + 1;

const started = Date.now();
let page;

// Runs one check, printing its time; on failure saves a screenshot.
async function check(name, body) {
  const t0 = Date.now();
  try {
    await body();
  } catch (error) {
    const shot = path.join(args.shots, `failure-${name.replace(/\W+/g, "-")}.png`);
    await page?.screenshot({ path: shot }).catch(() => {});
    throw new Error(`${name}: ${error.message}\n  screenshot: ${shot}`);
  }
  console.log(`[vscode-e2e]   ok  ${name} (${((Date.now() - t0) / 1000).toFixed(1)}s)`);
}

const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const holds = (condition) => condition().catch(() => false);

// Waits until `condition` returns a truthy value, polling; returns it.
async function until(description, condition, timeout = TIMEOUT) {
  const deadline = Date.now() + timeout;
  let last;
  for (;;) {
    last = await condition().catch((error) => error);
    if (last && !(last instanceof Error)) {
      return last;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${description}${last instanceof Error ? ` (${last.message})` : ""}`);
    }
    await pause(100);
  }
}

// Does `action` until `done` holds, for what the editor may drop or move
// under load: a hover over a line a code lens pushed down, a click on a row
// re-rendered under the pointer, keys sent before their target had focus.
// `done` is checked first, then polled for `patience` ms after each
// attempt; an attempt that throws is retried too. `action` gets the
// attempt's number and must be safe to repeat. Prints the attempts it took
// when one was not enough, so a slow run shows where it struggled.
async function retry(description, { done, action, patience = PATIENCE, timeout = TIMEOUT }) {
  const deadline = Date.now() + timeout;
  let lastError;
  for (let attempt = 1; ; attempt++) {
    if (await holds(done)) {
      if (attempt > 2) {
        console.log(`[vscode-e2e]       ${description}: ${attempt - 1} attempts`);
      }
      return;
    }
    if (Date.now() > deadline) {
      const why = lastError ? ` (last attempt: ${lastError.message.split("\n")[0]})` : "";
      throw new Error(`timed out after ${attempt - 1} attempts waiting for ${description}${why}`);
    }
    lastError = undefined;
    await action(attempt).catch((error) => {
      lastError = error;
    });
    const waitUntil = Math.min(Date.now() + patience, deadline);
    while (Date.now() < waitUntil && !(await holds(done))) {
      await pause(100);
    }
  }
}

// The text of the Roadmap output channel, from the log file VS Code keeps
// for each output channel under the user data's logs folder.
function outputChannelText() {
  const logs = path.join(args["user-data"], "logs");
  const found = [];
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        walk(full);
      } else if (/^\d+-Roadmap\.log$/.test(entry.name)) {
        found.push(fs.readFileSync(full, "utf8"));
      }
    }
  };
  if (fs.existsSync(logs)) {
    walk(logs);
  }
  return found.join("\n");
}

// The roadmap-lsp processes running from the installed extension's folder.
function bundledServersRunning(bundled) {
  const running = [];
  for (const pid of fs.readdirSync("/proc").filter((name) => /^\d+$/.test(name))) {
    try {
      const argv0 = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0")[0];
      if (argv0 === bundled) {
        running.push(pid);
      }
    } catch {
      // Gone meanwhile.
    }
  }
  return running;
}

// The folder the .vsix was installed in, which must be the linux-x64 one.
const installedExtension = () => {
  const dirs = fs.readdirSync(args.extensions).filter((name) => name.startsWith("roadmap-lsp.roadmap-lsp-"));
  if (dirs.length !== 1) {
    throw new Error(`expected one Roadmap extension in ${args.extensions}, found: ${fs.readdirSync(args.extensions).join(", ")}`);
  }
  const folder = path.join(args.extensions, dirs[0]);
  const manifest = fs.readFileSync(path.join(folder, ".vsixmanifest"), "utf8");
  if (!manifest.includes('TargetPlatform="linux-x64"')) {
    throw new Error(`the installed extension ${folder} is not the linux-x64 one`);
  }
  return folder;
};

const visible = (locator) => locator.filter({ visible: true });
const isShown = async (locator) => (await visible(locator).count()) > 0;

// The roadmap's text editor (not the settings search box or a hover's).
const editor = () => page.locator(`.editor-instance .monaco-editor[data-uri$="/${FILE}"]`).first();
const editorFocused = () => isShown(page.locator(`.editor-instance .monaco-editor.focused[data-uri$="/${FILE}"]`));
const roadmapTab = () => page.locator(".tabs-container .tab", { hasText: FILE }).first();
const problemRows = () => page.locator(".markers-panel .monaco-list-row");
const problemsText = async () => (await problemRows().allInnerTexts()).join("\n");
const quickInput = () => page.locator(".quick-input-widget");
const cursorAt = (line, column) =>
  page.locator('[id="status.editor.selection"]', { hasText: new RegExp(`^\\s*Ln ${line}, Col ${column}\\b`) });

// Gives the roadmap's editor the keyboard, by its tab as a user would.
async function focusEditor() {
  await retry("the roadmap's editor to have the keyboard", {
    done: editorFocused,
    action: () => roadmapTab().click({ timeout: PATIENCE }),
  });
}

// Puts the cursor at line:column through "Go to Line" (Ctrl+G), and waits
// until the status bar says it is there, with the editor focused.
async function goTo(line, column = 1) {
  await retry(`the cursor at ${line}:${column}`, {
    done: async () => (await isShown(cursorAt(line, column))) && (await editorFocused()),
    action: async () => {
      if (!(await isShown(quickInput()))) {
        await page.keyboard.press("Control+G");
      }
      const input = quickInput().locator("input");
      await input.waitFor({ state: "visible", timeout: PATIENCE });
      await input.fill(`:${line}:${column}`);
      await input.press("Enter");
      await quickInput().waitFor({ state: "hidden", timeout: PATIENCE });
    },
  });
}

// Runs a command from the palette (F1) by clicking its row.
async function runCommand(title) {
  const row = quickInput().locator(".monaco-list-row", { hasText: title });
  await retry(`the command palette to offer ${title}`, {
    done: () => isShown(row),
    action: async () => {
      if (!(await isShown(quickInput()))) {
        await page.keyboard.press("F1");
      }
      const input = quickInput().locator("input");
      await input.waitFor({ state: "visible", timeout: PATIENCE });
      await input.fill(`>${title}`, { timeout: PATIENCE });
    },
  });
  await visible(row).first().click();
  await quickInput().waitFor({ state: "hidden" });
}

const context = await chromium.launchPersistentContext(args.profile, {
  executablePath: "/usr/bin/chromium",
  headless: true,
  viewport: { width: 1440, height: 900 },
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ],
});
try {
  page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(TIMEOUT);

  await check("workbench loads", async () => {
    await page.goto(args.url);
    await page.locator(".monaco-workbench").waitFor();
    await page.locator(".explorer-folders-view .monaco-list-row", { hasText: FILE }).waitFor();
  });

  await check("Restricted Mode keeps the extension working", async () => {
    // A new folder asks for trust; the untrusting answer is the harder case.
    await page.locator(".monaco-dialog-box .monaco-button", { hasText: "No, I don't trust the authors" }).click();
    await page.locator(".statusbar-item", { hasText: "Restricted Mode" }).waitFor();
    // Its banner would crowd the screenshot; the status bar still says it.
    await page.locator(".part.banner .action-container .codicon").click();
    await page.locator(".part.banner").waitFor({ state: "hidden" });
  });

  await check("opening the roadmap sets the language mode", async () => {
    // The explorer's rows are re-rendered as the folder loads and the
    // problems decorate them; click again if a click fell between.
    await retry("the roadmap to open in Roadmap TOML mode", {
      done: () => isShown(page.locator('[id="status.editor.mode"]', { hasText: "Roadmap TOML" })),
      action: () =>
        page.locator(".explorer-folders-view .monaco-list-row", { hasText: FILE }).click({ timeout: PATIENCE }),
    });
  });

  await check("the grammar highlights keys, dates and strings", async () => {
    // Monaco gives each token colour its own mtk class; plain text is mtk1.
    // Tokenizing runs in a worker, so the first paint may be uncoloured.
    const classOf = (line, text) =>
      editor()
        .locator(".view-line", { hasText: line })
        .locator("span span", { hasText: text })
        .first()
        .getAttribute("class", { timeout: 1_000 });
    await until("keys, dates and strings in distinct colours", async () => {
      const key = await classOf(/horizon\W+2030-12-31/, "horizon");
      const date = await classOf(/horizon\W+2030-12-31/, "2030-12-31");
      const title = await classOf(/title\W+"Senior/, "Senior Project Manager");
      return new Set([key, date, title, "mtk1"]).size === 4;
    });
  });

  await check("the status bar shows the server running", async () => {
    await page
      .locator(".statusbar-item", { has: page.locator(".codicon-check"), hasText: /^\s*Roadmap\s*$/ })
      .waitFor();
  });

  await check("the bundled server runs, and the output channel says so", async () => {
    const bundled = path.join(installedExtension(), "server", "roadmap-lsp");
    const line = `Starting ${bundled} (bundled with the extension)`;
    await until(`the Roadmap output channel to say "${line}"`, async () => outputChannelText().includes(line));
    const pids = await until(`a process running ${bundled}`, async () => {
      const running = bundledServersRunning(bundled);
      return running.length > 0 && running;
    });
    console.log(`[vscode-e2e]       ${line} (pid ${pids.join(", ")})`);
  });

  await check("a warning squiggle appears", async () => {
    await editor().locator(".squiggly-warning").first().waitFor();
  });

  await check("the Problems panel lists the rule codes", async () => {
    // Ctrl+Shift+M toggles the panel: press it only while it is closed.
    await retry("the Problems panel to open", {
      done: () => isShown(page.locator(".markers-panel")),
      action: () => page.keyboard.press("Control+Shift+M"),
    });
    const expected = ["unaddressed-gap", "overdue", "mentor-overdue"];
    await until(`Problems rows naming ${expected.join(", ")}`, async () => {
      const text = await problemsText();
      return expected.every((code) => text.includes(code));
    });
  });

  await check("a code lens shows a goal's progress", async () => {
    // Lenses off screen are in the DOM but hidden.
    await editor()
      .locator(".codelens-decoration", { hasText: /\d+\/\d+ actions/ })
      .first()
      .waitFor({ state: "attached" });
  });

  await check("hovering a goal shows its progress", async () => {
    // Scrolled so that the goal's title and its overdue action both show.
    await goTo(lineOf('id = "pmp"') + 10);
    // The goal's lens and its title's inlay hint arrive on their own time
    // and move the title down and along; wait for both, though a refresh
    // from the server may still redraw them (hence the retries below).
    await editor().locator(".codelens-decoration", { hasText: "0/2 actions" }).first().waitFor();
    const titleLine = editor().locator(".view-line", { hasText: /title\W+"Pass\sthe\sPMP/ });
    await titleLine.filter({ hasText: /exam"\s*0\/2/ }).first().waitFor();
    // Monaco renders spaces as U+00A0, which \s matches.
    const title = titleLine.locator("span span", { hasText: /^"?Pass\sthe\sPMP\scertification\sexam"?$/ });
    const hovers = visible(page.locator(".monaco-hover:not(.hidden) .hover-contents"));
    const showsProgress = async () =>
      (await hovers.allInnerTexts()).some(
        (text) => /Pass the PMP certification exam/.test(text) && /Actions: 0\/2 done/.test(text),
      );
    // Hover, squiggles, code lenses, inlay hints and Problems in one picture,
    // taken again if the hover closed while it was taken.
    const screenshot = path.join(args.shots, "screenshot.png");
    await until("a screenshot showing the goal's hover", async () => {
      // Re-found and re-hovered each attempt: the title may have moved since
      // the pointer got there, and a hover waits for the pointer to move.
      await retry("the hover over the goal's title to show its progress", {
        done: showsProgress,
        action: async (attempt) => {
          const box = await title.first().boundingBox({ timeout: PATIENCE });
          if (!box) {
            throw new Error("the goal's title is not on screen");
          }
          const x = box.x + box.width * [0.5, 0.3, 0.7][attempt % 3];
          await page.mouse.move(x, box.y + box.height / 2, { steps: 2 });
        },
        patience: 2_000,
      });
      await page.screenshot({ path: screenshot, animations: "disabled" });
      return showsProgress();
    });
    const text = (await hovers.allInnerTexts()).join("\n");
    if (!/in-progress · 128 days left/.test(text) || !/Metric: 68 of 80%/.test(text)) {
      throw new Error(`the hover lacks the goal's status or metric:\n${text}`);
    }
    await retry("the hover to close", {
      done: async () => !(await isShown(hovers)),
      action: async () => {
        await page.mouse.move(0, 0);
        await page.keyboard.press("Escape");
      },
    });
  });

  await check("a quick fix from the light bulb changes the text", async () => {
    const dueLine = lineOf("due = 2026-11-15");
    const dirtyTab = page.locator(".tabs-container .tab.dirty", { hasText: FILE });
    const fix = visible(page.locator(".action-widget .monaco-list-row", { hasText: "Mark the action done" }));
    // The bulb with a spark: a preferred quick fix here (a plain one may
    // linger from the previous line). VS Code 1.100 draws it in the gutter,
    // older versions in the text. It is redrawn when the code actions for
    // the line arrive, and a click that missed it may move the cursor.
    const bulb = editor().locator(
      '[class*="gutter-lightbulb-auto-fix"]:visible, .lightBulbWidget.codicon-lightbulb-autofix:visible',
    );
    const openMenu = () =>
      retry("the light bulb's menu to offer “Mark the action done”", {
        done: () => isShown(fix),
        action: async () => {
          if (await isShown(page.locator(".action-widget"))) {
            await page.keyboard.press("Escape");
          }
          await goTo(dueLine, 10);
          await bulb.first().click({ timeout: PATIENCE });
        },
      });
    await openMenu();
    await page.screenshot({ path: path.join(args.shots, "quick-fix.png"), animations: "disabled" });
    const expected = original.replace(
      'due = 2026-11-15\nstatus = "in-progress"',
      'due = 2026-11-15\nstatus = "done"',
    );
    if (expected === original) {
      throw new Error("the fixture no longer has the overdue action this test fixes");
    }
    const saved = () => fs.readFileSync(filePath, "utf8") === expected;
    // Clicked once it is known to be in the menu. A click that lands is not
    // repeated (once the action is done the fix is no longer offered, but
    // the text may be mid-change); one lost with a redrawn menu is. VS Code
    // saves a file a code action changed (files.refactoring.autoSave), so
    // the change shows as an unsaved tab or, already, in the file.
    let clicked = false;
    await until("the quick fix to change the text", async () => {
      if (saved() || (await isShown(dirtyTab))) {
        return true;
      }
      if (!clicked) {
        await openMenu();
        // The menu lays a pointer block over the page that the first
        // pointer move removes; move there as a user would before clicking.
        const box = await fix.first().boundingBox({ timeout: PATIENCE });
        await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
        await fix.first().click({ timeout: PATIENCE });
        clicked = true;
      }
      return false;
    });
    await retry("the saved file to have the action marked done", {
      done: async () => saved() && !(await isShown(dirtyTab)),
      action: async () => {
        await focusEditor();
        await page.keyboard.press("Control+S");
      },
    });
    await until("the overdue problem to go away", async () => {
      const text = await problemsText();
      return text.includes("unaddressed-gap") && !/\boverdue\b(?!-)/.test(text.replace(/mentor-overdue/g, ""));
    });
  });

  const settingsPath = path.join(args.workspace, ".vscode", "settings.json");
  // Written whole through a rename, so the editor never reads half a file.
  const writeSettings = (settings) => {
    const temporary = `${settingsPath}.tmp`;
    fs.writeFileSync(temporary, JSON.stringify({ "roadmap.today": "2026-11-23", ...settings }, null, 2));
    fs.renameSync(temporary, settingsPath);
  };

  await check("a changed rule level reaches the server", async () => {
    writeSettings({ "roadmap.rules": { "mentor-overdue": "off" } });
    await until("mentor-overdue to leave the Problems panel", async () => {
      const text = await problemsText();
      return text.includes("unaddressed-gap") && !text.includes("mentor-overdue");
    });
  });

  await check("Roadmap: Show agenda opens the agenda", async () => {
    await runCommand("Roadmap: Show agenda");
    // The Markdown preview renders in nested webview frames; its script
    // puts the text in, so text there means its link handler is there too.
    const expected = ["Agenda for 2026-11-23", "Mentors to meet", "meet Priya Raman", "career.roadmap.toml:"];
    const linkToPriya = async () => {
      for (const frame of page.frames()) {
        const text = await frame.locator("body").innerText({ timeout: 1_000 }).catch(() => "");
        if (expected.every((part) => text.includes(part))) {
          return frame.locator("a", { hasText: "career.roadmap.toml:202" }).first();
        }
      }
      return false;
    };
    // Each item links to its line, as a link the preview follows.
    const link = await until(`a preview showing ${expected.join(", ")}`, linkToPriya);
    const href = await link.getAttribute("href");
    if (!/career\.roadmap\.toml#L202$/.test(href ?? "")) {
      throw new Error(`the link to Priya's line is ${href}`);
    }
    await page.screenshot({ path: path.join(args.shots, "agenda.png"), animations: "disabled" });
    // Following it opens the roadmap at that line. The frame is found again
    // each attempt: a webview may swap its frame while it loads.
    await retry("the link to open the roadmap at line 202", {
      done: () => isShown(page.locator('[id="status.editor.selection"]', { hasText: /^\s*Ln 202,/ })),
      action: async () => {
        const again = await linkToPriya();
        if (!again) {
          throw new Error("the agenda preview is gone");
        }
        await again.click({ timeout: PATIENCE });
      },
    });
  });

  await check('completion after status = " lists the statuses', async () => {
    await focusEditor();
    await goTo(lineOf('task = "Book the exam slot"'));
    await page.keyboard.press("End");
    await page.keyboard.press("Enter");
    await page.keyboard.type('status = "');
    const newLine = lineOf('task = "Book the exam slot"') + 1;
    // Right after the quote, whether the editor closed it or not (under
    // load it sometimes does not; the server completes either).
    await cursorAt(newLine, 11).waitFor();
    const widget = visible(page.locator(".suggest-widget.visible"));
    const statuses = ["todo", "in-progress", "blocked", "done", "dropped"];
    const offered = () => widget.locator(".monaco-list-row .label-name").allInnerTexts();
    // `"` is a trigger character, so typing it is the first attempt; then
    // ask with Ctrl+Space (closing first a list that holds only words from
    // the file, as Ctrl+Space on an open list toggles its details).
    await retry("the five statuses in the completion list", {
      done: async () => {
        const names = await offered();
        return statuses.every((status) => names.includes(status));
      },
      action: async (attempt) => {
        if (attempt === 1) {
          return;
        }
        if (await isShown(widget)) {
          await page.keyboard.press("Escape");
          await widget.waitFor({ state: "hidden", timeout: PATIENCE });
        }
        await page.keyboard.press("Control+Space");
      },
    });
    console.log(`[vscode-e2e]       offered: ${(await offered()).join(", ")}`);
    await page.screenshot({ path: path.join(args.shots, "completion.png"), animations: "disabled" });
    await retry("the completion list to close", {
      done: async () => !(await isShown(widget)),
      action: () => page.keyboard.press("Escape"),
    });
  });

  await check("a server path is not used while a server is bundled, and reported when it does not exist", async () => {
    // Through the Settings editor: Restricted Mode ignores a workspace's
    // server path, and a remote window (code-server is one) takes a
    // machine-specific setting from the Remote tab, not from User.
    const settings = page.locator(".settings-editor");
    const search = settings.locator(".settings-header .suggest-input-container .monaco-editor");
    const item = settings.locator(".setting-item-contents", { hasText: "Server: Path" });
    await page.keyboard.press("Control+Comma");
    await settings.locator(".settings-header").waitFor();
    // Typed into the search box only once it has the keyboard: typed
    // earlier, the keys would land in the roadmap.
    const query = "roadmap.server.path";
    await retry(`the settings search box to hold ${query}`, {
      done: async () => (await search.locator(".view-lines").innerText({ timeout: 1_000 })).trim() === query,
      action: async () => {
        if (!(await isShown(search.and(page.locator(".focused"))))) {
          await search.click({ timeout: PATIENCE });
        }
        await page.keyboard.press("Control+A");
        await page.keyboard.type(query);
      },
    });
    const remoteTab = settings.locator(".settings-tabs-widget .action-label", { hasText: "Remote" });
    const machineSettings = path.join(args["user-data"], "Machine", "settings.json");
    const bad = "/nonexistent/roadmap-lsp";
    // Switching tabs redraws the list: fill the input of the Remote tab's
    // list, and know it landed by the file the Remote tab writes.
    await retry("the Remote settings file to hold the server path", {
      done: async () => JSON.parse(fs.readFileSync(machineSettings, "utf8"))["roadmap.server.path"] === bad,
      action: async () => {
        await remoteTab.click({ timeout: PATIENCE });
        await remoteTab.and(page.locator(".checked")).waitFor({ timeout: PATIENCE });
        const input = visible(item.locator("input")).first();
        await input.fill(bad, { timeout: PATIENCE });
        await input.press("Tab");
      },
    });
    // The bundled server comes first: the setting restarts the server, is
    // named as not used in the output channel, and the server runs on.
    const notUsed = `roadmap.server.path ("${bad}") is not used: the bundled server comes first.`;
    const bundled = path.join(installedExtension(), "server", "roadmap-lsp");
    await until(`the Roadmap output channel to say '${notUsed}'`, async () => outputChannelText().includes(notUsed));
    // (The status-bar item hides while the Settings editor is in front.)
    await until(`the bundled server to run again`, async () => bundledServersRunning(bundled).length > 0);
    // Without a bundled server (the universal .vsix), the setting is next,
    // and one that points nowhere is reported.
    fs.rmSync(path.join(installedExtension(), "server"), { recursive: true });
    // From the roadmap, as the Settings editor may keep F1 to itself.
    await focusEditor();
    await runCommand("Roadmap: Restart server");
    await page
      .locator(".notifications-toasts .notification-toast", { hasText: "roadmap.server.path" })
      .first()
      .waitFor();
    await page.locator(".statusbar-item", { has: page.locator(".codicon-error"), hasText: "Roadmap" }).waitFor();
    await page.screenshot({ path: path.join(args.shots, "server-missing.png"), animations: "disabled" });
  });

  console.log(`[vscode-e2e] all editor checks passed in ${((Date.now() - started) / 1000).toFixed(1)}s`);
} finally {
  await context.close();
}
