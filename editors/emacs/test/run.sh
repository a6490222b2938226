#!/usr/bin/env bash
# Real-editor test of editors/emacs: in headless Emacs 28 with eglot 1.9,
# each setup block of editors/emacs/README.md is loaded as init.el, then
# test/e2e.el opens test/emoji.roadmap.toml and checks diagnostics (through
# Flymake, at the right characters after emoji), hover, completion and a
# quick fix applied by eglot, against roadmap-lsp.
#
#   editors/emacs/test/run.sh                       # builds target/release/roadmap-lsp
#   ROADMAP_LSP=/path/to/roadmap-lsp editors/emacs/test/run.sh
#
# Installs emacs-nox and elpa-eglot with apt when missing. Writes only under
# .cache/emacs-e2e/ (and, when it builds the server, target/).
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)
package="$repo/editors/emacs"
scratch="$repo/.cache/emacs-e2e/run"
ELPA=/usr/share/emacs/site-lisp/elpa

now_ms() { date +%s%3N; }
started=$(now_ms)

echo "== Emacs and eglot"
missing=()
for deb in emacs-nox elpa-eglot; do
  dpkg -s "$deb" >/dev/null 2>&1 || missing+=("$deb")
done
if [[ ${#missing[@]} -gt 0 ]]; then
  echo "installing Debian packages: ${missing[*]}"
  sudo=()
  [[ $(id -u) -eq 0 ]] || sudo=(sudo)
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null
fi
emacs --version | sed -n 1p
ls -d "$ELPA"/eglot-* >/dev/null || { echo "error: no eglot under $ELPA" >&2; exit 2; }
basename "$(ls -d "$ELPA"/eglot-*)"
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
built=$(now_ms)

# Everything Emacs and the server write goes to the scratch folder.
rm -rf "$scratch"
mkdir -p "$scratch"/{home,bin,tmp,work,config,data,state,cache}
export HOME="$scratch/home" TMPDIR="$scratch/tmp"
export XDG_CONFIG_HOME="$scratch/config" XDG_DATA_HOME="$scratch/data"
export XDG_STATE_HOME="$scratch/state" XDG_CACHE_HOME="$scratch/cache"
# The README's entry runs plain `roadmap-lsp`: put this one first on PATH.
ln -s "$server" "$scratch/bin/roadmap-lsp"
export PATH="$scratch/bin:$PATH"
# Checked as of a fixed day, so the diagnostics do not follow the calendar.
export ROADMAP_TODAY=2026-11-23

# The README's setup blocks: each ```elisp block after a "tested" marker,
# with the clone's path for the example's ~/src/roadmap-lsp.
awk -v dir="$scratch" '
  /<!-- tested: editors\/emacs\/test\/run.sh/ { marked = 1; next }
  marked && /^```elisp$/ { n++; file = sprintf("%s/init-%d.el", dir, n); inside = 1; marked = 0; printf "" > file; next }
  inside && /^```$/ { inside = 0; close(file); next }
  inside { print > file }
' "$package/README.md"
mapfile -t inits < <(ls "$scratch"/init-*.el 2>/dev/null)
[[ ${#inits[@]} -eq 2 ]] || { echo "error: expected 2 tested setup blocks in editors/emacs/README.md, found ${#inits[@]}" >&2; exit 1; }
sed -i "s|~/src/roadmap-lsp|$repo|g" "${inits[@]}"

status=0
for init in "${inits[@]}"; do
  name=$(basename "$init" .el)
  echo "== editor test: README block $name"
  sed 's/^/   | /' "$init"
  workspace="$scratch/work/$name"
  mkdir -p "$workspace"
  # An empty roadmap-lsp.toml: this folder's settings, not whatever is above.
  : > "$workspace/roadmap-lsp.toml"
  cp "$package/test/emoji.roadmap.toml" "$workspace/"
  out="$scratch/$name.out"
  run_status=0
  # Debian's eglot and the newer project/xref/seq it needs live in
  # site-lisp/elpa, which `emacs -Q` does not load: add them first.
  (cd "$workspace" && timeout 180 emacs -Q --batch \
    --eval "(dolist (dir (file-expand-wildcards \"$ELPA/*\")) (when (file-directory-p dir) (add-to-list 'load-path dir)))" \
    -l "$init" -l "$package/test/e2e.el" "$workspace/emoji.roadmap.toml") \
    >"$out" 2>"$scratch/$name.stderr" || run_status=$?
  grep -v '^SERVER_PID ' "$out" || true
  pids=$(sed -n 's/^SERVER_PID //p' "$out")
  [[ -n $pids ]] || { echo "FAILED: eglot never started the server"; run_status=1; }
  for pid in $pids; do
    if kill -0 "$pid" 2>/dev/null; then
      echo "FAILED: the server (pid $pid) outlived Emacs"
      kill "$pid" 2>/dev/null || true
      run_status=1
    fi
  done
  if [[ $run_status -ne 0 ]]; then
    echo "FAILED: README block $name (exit $run_status); Emacs's messages:"
    tail -n 40 "$scratch/$name.stderr"
    status=1
  fi
done

finished=$(now_ms)
echo "== times: Emacs install $((installed - started)) ms, server $((built - installed)) ms, editor tests $((finished - built)) ms"
if [[ $status -ne 0 ]]; then
  echo "editors/emacs: FAILED"
  exit 1
fi
echo "editors/emacs: all passed"
