#!/usr/bin/env bash
# Runs one fuzz target (issue 6) at the lowest priority, one process, for
# a while; seeds its corpus with every fixture first.
#
#   fuzz/run.sh engine 1800      # 30 minutes of the engine target
#   fuzz/run.sh positions 600
#   fuzz/run.sh frames 600
#   fuzz/run.sh edits 600        # incremental checker vs whole analysis
#
# Needs the nightly toolchain and cargo-fuzz (`cargo install cargo-fuzz`).
# A crash leaves its input in fuzz/artifacts/<target>/: fix it, then copy
# the input to fuzz/regressions/<target>/ so `cargo test` replays it
# (tests/fuzz_regressions.rs).
set -euo pipefail
cd "$(dirname "$0")"

target=${1:-engine}
seconds=${2:-600}
corpus=corpus/$target
mkdir -p "$corpus"
# Seeds: the fixtures for the text targets (inputs without the 0xFF mark
# query offsets spread over the text), hand-made frames for `frames`, and
# earlier findings.
dict=roadmap.dict
if [ "$target" = frames ]; then
    seeds=(seeds/frames/*)
    dict=frames.dict
else
    seeds=(../fixtures/*.toml ../fixtures/*/*.toml ../fixtures/*/*/*.toml)
fi
for seed in "${seeds[@]}" regressions/"$target"/*; do
    if [ -f "$seed" ]; then cp "$seed" "$corpus/seed$(echo "${seed#..}" | tr / -)"; fi
done
# `edits` reads edits after a 0xFF byte: give each fixture a few random
# ones to start from.
if [ "$target" = edits ]; then
    for seed in "${seeds[@]}"; do
        out="$corpus/seed-edits$(echo "${seed#..}" | tr / -)"
        { cat "$seed"; printf '\377'; head -c 40 /dev/urandom; } > "$out"
    done
fi

exec nice -n 19 cargo +nightly fuzz run "$target" "$corpus" -- \
    -dict="$dict" \
    -max_total_time="$seconds" \
    -max_len=65536 \
    -timeout=10 \
    -rss_limit_mb=4096 \
    -print_final_stats=1
