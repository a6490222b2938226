// Part of `vscode:prepublish`: `vsce package --target T` puts the
// roadmap-lsp binary built for T in server/, so the platform .vsix ships
// its server however it is packaged (scripts/package.mjs, or vsce by hand).
//
// vsce does not tell the prepublish step its target, so it is read from
// the command lines of the processes above this one (vsce → npm → this).
// The binary is the one already in server/ if it fits, else the first of
// $ROADMAP_LSP_SERVER, ../../target/<rust target>/release/roadmap-lsp and
// ../../target/release/roadmap-lsp whose header says it was built for T.
// Without a target (a universal .vsix, or a system where the command line
// cannot be read) nothing is done.

import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { fileURLToPath } from "node:url";

import { TARGETS, executableKind } from "./executable.mjs";

const EXTENSION_DIR = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const REPOSITORY = path.resolve(EXTENSION_DIR, "..", "..");

// The Rust target whose release build fits each VS Code target.
const RUST_TARGETS = {
  "linux-x64": "x86_64-unknown-linux-gnu",
  "linux-arm64": "aarch64-unknown-linux-gnu",
  "alpine-x64": "x86_64-unknown-linux-musl",
  "alpine-arm64": "aarch64-unknown-linux-musl",
  "darwin-x64": "x86_64-apple-darwin",
  "darwin-arm64": "aarch64-apple-darwin",
  "win32-x64": "x86_64-pc-windows-msvc",
  "win32-arm64": "aarch64-pc-windows-msvc",
};

function fail(message) {
  console.error(`prepublish-server: ${message}`);
  process.exit(2);
}

// The command line (as arguments) and parent of a process, or null.
function processInfo(pid) {
  try {
    if (process.platform === "linux") {
      const args = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").filter(Boolean);
      const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
      const parent = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      return { args, parent };
    }
    if (process.platform === "darwin") {
      const line = execFileSync("ps", ["-o", "ppid=,args=", "-p", String(pid)], { encoding: "utf8" }).trim();
      const [parent, ...args] = line.split(/\s+/);
      return { args, parent: Number(parent) };
    }
  } catch {
    // Gone, or not ours to read.
  }
  return null;
}

// The `--target` of the packaging command above this process, if any.
function packagingTarget() {
  let pid = process.ppid;
  for (let depth = 0; depth < 8 && pid > 1; depth++) {
    const info = processInfo(pid);
    if (!info) {
      return null;
    }
    for (let index = 0; index < info.args.length; index++) {
      const arg = info.args[index];
      if ((arg === "--target" || arg === "-t") && info.args[index + 1]) {
        return info.args[index + 1];
      }
      if (arg.startsWith("--target=")) {
        return arg.slice("--target=".length);
      }
    }
    pid = info.parent;
  }
  return null;
}

function fits(binary, want) {
  try {
    const kind = executableKind(fs.readFileSync(binary).subarray(0, 4096));
    return kind.format === want.format && kind.cpu === want.cpu;
  } catch {
    return false;
  }
}

const target = packagingTarget();
if (target === null) {
  process.exit(0);
}
const want = TARGETS[target];
if (!want) {
  fail(`unknown target ${target}; one of ${Object.keys(TARGETS).join(", ")}`);
}
const exe = target.startsWith("win32-") ? "roadmap-lsp.exe" : "roadmap-lsp";
const serverDir = path.join(EXTENSION_DIR, "server");
const placed = path.join(serverDir, exe);
if (fits(placed, want)) {
  console.log(`prepublish-server: ${target}: ${path.relative(EXTENSION_DIR, placed)} is in place`);
  process.exit(0);
}
const candidates = [
  process.env.ROADMAP_LSP_SERVER,
  path.join(REPOSITORY, "target", RUST_TARGETS[target], "release", exe),
  path.join(REPOSITORY, "target", "release", exe),
].filter(Boolean);
const binary = candidates.find((candidate) => fits(candidate, want));
if (!binary) {
  fail(
    `no roadmap-lsp built for ${target} (${want.format} ${want.cpu}) in:\n  ${candidates.join("\n  ")}\n` +
      `build it (cargo build --release --target ${RUST_TARGETS[target]}) or set ROADMAP_LSP_SERVER`,
  );
}
// Emptied first, so a binary for another target never ships.
fs.rmSync(serverDir, { recursive: true, force: true });
fs.mkdirSync(serverDir);
fs.copyFileSync(binary, placed);
fs.chmodSync(placed, 0o755);
console.log(`prepublish-server: ${target}: ${binary} → ${path.relative(EXTENSION_DIR, placed)}`);
