// Packages a platform-specific .vsix with the roadmap-lsp server inside:
//
//   node scripts/package.mjs --target linux-x64 --server ../../target/release/roadmap-lsp [--out FILE]
//
// Copies the binary to server/roadmap-lsp (server/roadmap-lsp.exe for
// Windows), where the extension looks first, after checking that it was
// built for the target's system and processor, then runs `npm run package`
// with `--target`, and checks that the .vsix holds the binary.

import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

import { TARGETS, executableKind } from "./executable.mjs";

const EXTENSION_DIR = path.dirname(path.dirname(fileURLToPath(import.meta.url)));


function fail(message) {
  console.error(`package.mjs: ${message}`);
  process.exit(2);
}

const { values: args } = parseArgs({
  options: { target: { type: "string" }, server: { type: "string" }, out: { type: "string" } },
});
const target = TARGETS[args.target ?? ""];
if (!target) {
  fail(`--target must be one of ${Object.keys(TARGETS).join(", ")} (got ${args.target ?? "nothing"})`);
}
if (!args.server) {
  fail("--server PATH: the roadmap-lsp binary built for the target");
}
const binary = path.resolve(args.server);
let header;
try {
  header = fs.readFileSync(binary).subarray(0, 4096);
} catch (error) {
  fail(`cannot read the server binary ${binary}: ${error.message}`);
}
const found = executableKind(header);
if (found.format !== target.format || found.cpu !== target.cpu) {
  fail(`${binary} is built for ${found.format} ${found.cpu}; ${args.target} needs ${target.format} ${target.cpu}`);
}

const exe = args.target.startsWith("win32-") ? "roadmap-lsp.exe" : "roadmap-lsp";
const serverDir = path.join(EXTENSION_DIR, "server");
// Emptied first, so a binary left from another target never ships.
fs.rmSync(serverDir, { recursive: true, force: true });
fs.mkdirSync(serverDir);
fs.copyFileSync(binary, path.join(serverDir, exe));
fs.chmodSync(path.join(serverDir, exe), 0o755);

const version = JSON.parse(fs.readFileSync(path.join(EXTENSION_DIR, "package.json"), "utf8")).version;
const out = path.resolve(args.out ?? `roadmap-lsp-${args.target}-${version}.vsix`);
const npm = spawnSync("npm", ["run", "package", "--", "--target", args.target, "--out", out], {
  cwd: EXTENSION_DIR,
  stdio: "inherit",
  shell: process.platform === "win32",
});
// Removed again, so a later `npm run package` (the universal .vsix) never
// picks up this target's binary.
fs.rmSync(serverDir, { recursive: true, force: true });
if (npm.status !== 0) {
  fail(`npm run package failed (exit ${npm.status ?? npm.signal})`);
}

const entries = zipEntries(fs.readFileSync(out));
const inside = `extension/server/${exe}`;
if (!entries.includes(inside)) {
  fail(`${out} does not hold ${inside}; it holds:\n  ${entries.join("\n  ")}`);
}
console.log(`${out}: ${args.target}, with ${inside}`);


// The names in a zip's central directory (a .vsix is a zip).
function zipEntries(zip) {
  const endOfDirectory = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (endOfDirectory < 0) {
    fail("the .vsix is not a zip file");
  }
  const count = zip.readUInt16LE(endOfDirectory + 10);
  let offset = zip.readUInt32LE(endOfDirectory + 16);
  const names = [];
  for (let index = 0; index < count; index++) {
    if (zip.readUInt32LE(offset) !== 0x02014b50) {
      fail("the .vsix has a damaged zip directory");
    }
    const nameLength = zip.readUInt16LE(offset + 28);
    const extraLength = zip.readUInt16LE(offset + 30);
    const commentLength = zip.readUInt16LE(offset + 32);
    names.push(zip.toString("utf8", offset + 46, offset + 46 + nameLength));
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return names;
}
