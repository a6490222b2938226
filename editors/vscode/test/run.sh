#!/usr/bin/env bash
# Real-editor test of the VS Code extension: builds the linux-x64 .vsix
# (with the release roadmap-lsp inside) as a release does, checks it holds
# the server, installs it into code-server running with no roadmap-lsp on
# PATH, opens a roadmap in headless Chromium through Playwright and checks
# what a user would see, the bundled server answering.
#
#   cargo build --release && editors/vscode/test/run.sh
#
# Installs what is missing (Debian packages, code-server, playwright-core,
# the extension's npm dependencies) and caches the npm parts under the
# repository's ignored .cache/vscode-e2e, so a second run skips them.
# Everything else it writes goes to the scratch folder (.cache/vscode-e2e/run,
# or $ROADMAP_E2E_SCRATCH), which keeps the screenshots after the run.
#
# Environment: ROADMAP_LSP (server binary, default target/release/roadmap-lsp),
# ROADMAP_E2E_SCRATCH, UPDATE_SCREENSHOT=1 (copy the README screenshot into
# editors/vscode/images), E2E_TIMEOUT_MS (per wait, default 30000).
set -euo pipefail

CODE_SERVER_VERSION=4.100.3    # VS Code 1.100; newer ones need Node 24
PLAYWRIGHT_VERSION=1.65.1
RIPGREP_CACHE=vscode-ripgrep-cache-1.15.11
RIPGREP_TARBALL=ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz

TEST_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
EXT_DIR=$(dirname "$TEST_DIR")
REPO=$(cd "$EXT_DIR/../.." && pwd)
CACHE="$REPO/.cache/vscode-e2e"
SCRATCH="${ROADMAP_E2E_SCRATCH:-$CACHE/run}"
SERVER_BIN="${ROADMAP_LSP:-$REPO/target/release/roadmap-lsp}"

started=$(date +%s)
phase_start=$started
phase() { # name: prints how long the previous phase took
  local now
  now=$(date +%s)
  printf '[vscode-e2e] %-40s (+%ss, %ss total)\n' "$1" "$((now - phase_start))" "$((now - started))"
  phase_start=$now
}
die() { echo "[vscode-e2e] FAIL: $*" >&2; exit 1; }

[[ -x "$SERVER_BIN" ]] || die "no server binary at $SERVER_BIN: run 'cargo build --release' or set ROADMAP_LSP"

# --- Scratch folder and the tools' home directories -------------------------
rm -rf "$SCRATCH"
mkdir -p "$SCRATCH"/{tmp,home,config,data,state,user-data,extensions,workspace,chromium-profile,shots}
# npm reads the user's npmrc (registry, proxy, nodedir) even with HOME moved.
export npm_config_userconfig="${npm_config_userconfig:-$HOME/.npmrc}"
export HOME="$SCRATCH/home"
export XDG_CONFIG_HOME="$SCRATCH/config" XDG_DATA_HOME="$SCRATCH/data"
export XDG_STATE_HOME="$SCRATCH/state" XDG_CACHE_HOME="$CACHE/xdg-cache"
export TMPDIR="$SCRATCH/tmp" TMP="$SCRATCH/tmp" TEMP="$SCRATCH/tmp"
export npm_config_cache="$CACHE/npm" npm_config_update_notifier=false
export npm_config_fund=false npm_config_audit=false
# Traps of installing code-server as root with npm 11 (see the notes):
# run scripts as root, let node-pty's `npx node-gyp` answer yes, and do not
# skip dependencies' install scripts.
export npm_config_unsafe_perm=true npm_config_yes=true
export npm_config_dangerously_allow_all_scripts=true
# node-gyp would download Node's headers; Debian's nodejs ships them.
if [[ -z "${npm_config_nodedir:-}" && -f /usr/include/node/node.h ]]; then
  export npm_config_nodedir=/usr
fi

# --- Processes: everything started here is killed on exit ------------------
pids=()
cleanup() {
  local status=$?
  for pid in "${pids[@]}"; do
    # Each was started with setsid: its process group holds its children.
    kill -TERM -- "-$pid" 2>/dev/null || true
  done
  for pid in "${pids[@]}"; do
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL -- "-$pid" 2>/dev/null || true
  done
  if [[ $status -ne 0 ]]; then
    echo "[vscode-e2e] logs and screenshots: $SCRATCH" >&2
    [[ -f "$SCRATCH/code-server.log" ]] && tail -n 30 "$SCRATCH/code-server.log" >&2
  fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- Debian packages --------------------------------------------------------
apt_install() { # packages...: installs those not installed yet
  local missing=()
  for package in "$@"; do
    dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
  done
  [[ ${#missing[@]} -eq 0 ]] && return 0
  echo "[vscode-e2e] installing Debian packages: ${missing[*]}"
  local sudo=()
  [[ $(id -u) -eq 0 ]] || sudo=(sudo)
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null
}
# Chromium runs the test; the rest only builds code-server's native modules.
if [[ ! -x /usr/bin/chromium ]]; then apt_install chromium; fi
phase "Debian packages"

# --- code-server and playwright-core, cached ------------------------------
TOOLS="$CACHE/tools-code-server-$CODE_SERVER_VERSION-playwright-$PLAYWRIGHT_VERSION"
if [[ ! -f "$TOOLS/.complete" ]]; then
  apt_install ripgrep build-essential pkg-config libkrb5-dev libx11-dev libxkbfile-dev libsecret-1-dev
  echo "[vscode-e2e] installing code-server $CODE_SERVER_VERSION and playwright-core $PLAYWRIGHT_VERSION (about 90 s)"
  rm -rf "$TOOLS"
  mkdir -p "$TOOLS"
  # @vscode/ripgrep's postinstall downloads rg from GitHub; offer it
  # Debian's rg in the cache it looks in first.
  mkdir -p "$TMPDIR/$RIPGREP_CACHE"
  tar -czf "$TMPDIR/$RIPGREP_CACHE/$RIPGREP_TARBALL" -C "$(dirname "$(command -v rg)")" rg
  echo '{ "private": true }' > "$TOOLS/package.json"
  (cd "$TOOLS" && npm install --no-save --loglevel=error \
    "code-server@$CODE_SERVER_VERSION" "playwright-core@$PLAYWRIGHT_VERSION" >"$SCRATCH/tools-install.log" 2>&1) \
    || { tail -n 40 "$SCRATCH/tools-install.log" >&2; die "npm install of code-server failed"; }
  [[ -x "$TOOLS/node_modules/code-server/lib/vscode/node_modules/@vscode/ripgrep/bin/rg" ]] \
    || die "code-server installed without ripgrep (install scripts skipped?)"
  touch "$TOOLS/.complete"
fi
CODE_SERVER="$TOOLS/node_modules/.bin/code-server"
phase "code-server and playwright-core"

# --- The extension's npm dependencies, cached by lockfile -----------------
lock_hash=$(sha256sum "$EXT_DIR/package-lock.json" | cut -c1-16)
EXT_DEPS="$CACHE/extension-deps-$lock_hash"
if [[ ! -f "$EXT_DEPS/.complete" ]]; then
  rm -rf "$EXT_DEPS"
  mkdir -p "$EXT_DEPS"
  cp "$EXT_DIR/package.json" "$EXT_DIR/package-lock.json" "$EXT_DEPS/"
  (cd "$EXT_DEPS" && npm ci --loglevel=error >"$SCRATCH/extension-install.log" 2>&1) \
    || { tail -n 40 "$SCRATCH/extension-install.log" >&2; die "npm ci of the extension failed"; }
  touch "$EXT_DEPS/.complete"
fi
phase "extension dependencies"

# --- Build the linux-x64 .vsix from a copy, so the worktree stays untouched --
# The way a release does: scripts/package.mjs puts the server inside.
BUILD="$SCRATCH/extension"
VSIX="$SCRATCH/roadmap-lsp-linux-x64.vsix"
mkdir -p "$BUILD"
(cd "$EXT_DIR" && cp -r package.json package-lock.json README.md CHANGELOG.md \
  language-configuration.json tsconfig.json esbuild.mjs .vscodeignore src scripts syntaxes images "$BUILD/")
ln -s "$EXT_DEPS/node_modules" "$BUILD/node_modules"
(cd "$BUILD" && node scripts/package.mjs --target linux-x64 --server "$SERVER_BIN" --out "$VSIX" >"$SCRATCH/vsce.log" 2>&1) \
  || { cat "$SCRATCH/vsce.log" >&2; die "packaging the .vsix failed"; }
tail -n 1 "$SCRATCH/vsce.log"
# What a user downloads holds the server, executable, for linux-x64 only.
unzip -l "$VSIX" >"$SCRATCH/vsix-contents.txt"
grep -Eq ' extension/server/roadmap-lsp$' "$SCRATCH/vsix-contents.txt" \
  || { cat "$SCRATCH/vsix-contents.txt" >&2; die "the .vsix does not contain extension/server/roadmap-lsp"; }
# grep -q stops reading at its first match, so under pipefail a producer
# still writing would fail with SIGPIPE: listings are read from files.
unzip -p "$VSIX" extension.vsixmanifest >"$SCRATCH/vsix-manifest.xml"
grep -q 'TargetPlatform="linux-x64"' "$SCRATCH/vsix-manifest.xml" \
  || die "the .vsix manifest does not name the linux-x64 target"
cmp -s <(unzip -p "$VSIX" extension/server/roadmap-lsp) "$SERVER_BIN" \
  || die "the server in the .vsix differs from $SERVER_BIN"
echo "[vscode-e2e] $(basename "$VSIX") holds extension/server/roadmap-lsp ($(stat -c %s "$SERVER_BIN") bytes, same as $SERVER_BIN)"
# By hand, `vsce package --target linux-x64` ships the server too: the
# prepublish step finds the binary built for the target.
rm -rf "$BUILD/server"
(cd "$BUILD" && ROADMAP_LSP_SERVER="$SERVER_BIN" node_modules/.bin/vsce package --no-dependencies \
  --target linux-x64 --out "$SCRATCH/by-hand.vsix" >"$SCRATCH/vsce-by-hand.log" 2>&1) \
  || { cat "$SCRATCH/vsce-by-hand.log" >&2; die "vsce package --target linux-x64 failed"; }
unzip -l "$SCRATCH/by-hand.vsix" >"$SCRATCH/by-hand-contents.txt"
grep -Eq ' extension/server/roadmap-lsp$' "$SCRATCH/by-hand-contents.txt" \
  || { cat "$SCRATCH/by-hand-contents.txt" >&2; die "vsce package --target linux-x64 left the server out of the .vsix"; }
echo "[vscode-e2e] vsce package --target linux-x64 by hand holds extension/server/roadmap-lsp too"
phase "build the .vsix"

# --- A PATH without roadmap-lsp, as on a machine that never built it -------
clean_path=""
IFS=: read -ra path_dirs <<<"$PATH"
for dir in "${path_dirs[@]}"; do
  [[ -n "$dir" && ! -e "$dir/roadmap-lsp" ]] && clean_path="${clean_path:+$clean_path:}$dir"
done
if PATH="$clean_path" command -v roadmap-lsp >/dev/null; then
  die "roadmap-lsp is still on the cleaned PATH"
fi
export PATH="$clean_path"

# --- Install it and prepare the workspace ----------------------------------
code_server_args=(--user-data-dir "$SCRATCH/user-data" --extensions-dir "$SCRATCH/extensions")
"$CODE_SERVER" "${code_server_args[@]}" --install-extension "$VSIX" >"$SCRATCH/install-extension.log" 2>&1 \
  || { cat "$SCRATCH/install-extension.log" >&2; die "installing the .vsix failed"; }

WORKSPACE="$SCRATCH/workspace"
cp "$REPO/fixtures/career.roadmap.toml" "$WORKSPACE/"
mkdir -p "$WORKSPACE/.vscode" "$SCRATCH/user-data/User"
# Today is pinned so the warnings do not depend on the calendar.
cat >"$WORKSPACE/.vscode/settings.json" <<'JSON'
{ "roadmap.today": "2026-11-23" }
JSON
# A quiet editor: no welcome page, tips, or update and telemetry traffic.
cat >"$SCRATCH/user-data/User/settings.json" <<'JSON'
{
  "workbench.startupEditor": "none",
  "workbench.tips.enabled": false,
  "workbench.enableExperiments": false,
  "telemetry.telemetryLevel": "off",
  "update.mode": "none",
  "extensions.autoCheckUpdates": false,
  "extensions.autoUpdate": false,
  "extensions.ignoreRecommendations": true,
  "chat.disableAIFeatures": true,
  "git.enabled": false,
  "workbench.secondarySideBar.defaultVisibility": "hidden",
  "editor.minimap.enabled": false,
  "workbench.colorTheme": "Default Dark Modern",
  "window.zoomLevel": 0
}
JSON
phase "install the .vsix"

# --- Start code-server on a free port --------------------------------------
port=$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
setsid "$CODE_SERVER" "${code_server_args[@]}" --bind-addr "127.0.0.1:$port" --auth none \
  --disable-telemetry --disable-update-check \
  --disable-getting-started-override "$WORKSPACE" >"$SCRATCH/code-server.log" 2>&1 &
pids+=($!)
# Ready when /healthz answers; give up after 60 s or if it exited.
for _ in $(seq 600); do
  if curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1; then break; fi
  kill -0 "${pids[-1]}" 2>/dev/null || die "code-server exited"
  sleep 0.1
done
curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null || die "code-server did not answer on port $port"
phase "start code-server"

# --- Drive it ----------------------------------------------------------------
setsid env NODE_PATH="$TOOLS/node_modules" node "$TEST_DIR/e2e.mjs" \
  --url "http://127.0.0.1:$port/?folder=$WORKSPACE" \
  --workspace "$WORKSPACE" --user-data "$SCRATCH/user-data" --shots "$SCRATCH/shots" \
  --profile "$SCRATCH/chromium-profile" --playwright "$TOOLS/node_modules/playwright-core/index.js" \
  --extensions "$SCRATCH/extensions" &
pids+=($!)
wait "${pids[-1]}" || die "the editor checks failed (screenshots in $SCRATCH/shots)"
phase "editor checks"

if [[ "${UPDATE_SCREENSHOT:-}" == 1 ]]; then
  cp "$SCRATCH/shots/screenshot.png" "$EXT_DIR/images/screenshot.png"
  echo "[vscode-e2e] updated editors/vscode/images/screenshot.png"
fi
echo "[vscode-e2e] PASS in $(( $(date +%s) - started ))s; screenshots in $SCRATCH/shots"
