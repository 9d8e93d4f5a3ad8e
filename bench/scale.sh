#!/usr/bin/env bash
# Incremental story clustering at scale: articles added one by one to a
# growing collection of N (default 100,000) built from the evaluation texts,
# one thread pinned to one core. Reports adds/s, mean and p99 time per add
# over the 1,000 adds ending at 1k, 10k and 100k (wall clock and on-CPU),
# peak RSS, and the target check (mean add < 5 ms at 100k, peak RSS < 2 GiB).
#   bench/scale.sh               (needs ../shared/eval)
# Environment: EVAL_DIR (default ../shared/eval), N (default 100000), CORE
# (default 0), ARGS (extra flags: --no-entities, --shuffle).
set -euo pipefail
cd "$(dirname "$0")/.."
eval_dir=${EVAL_DIR:-../shared/eval}
n=${N:-100000}
core=${CORE:-0}
if [ ! -d "$eval_dir" ]; then
  echo "no evaluation data at $eval_dir; set EVAL_DIR" >&2
  exit 4
fi
cargo build --release -q -p parallax-bench
# shellcheck disable=SC2086
out=$(taskset -c "$core" target/release/parallax-bench scale "$eval_dir" --n "$n" ${ARGS:-})
echo "$out"
last=$(echo "$out" | grep -E "^ +$n:" || true)
rss=$(echo "$out" | grep -o '[0-9]* MiB at the end' | cut -d' ' -f1)
if [ -n "$last" ]; then
  echo "$last" | awk -v rss="$rss" '{
    wall = $3; cpu = $5;
    printf "target: mean add at %s %s us wall, %s us on-CPU (< 5000: %s); peak RSS %s MiB (< 2048: %s)\n",
      $1, wall, cpu, (cpu + 0 < 5000 ? "yes" : "NO"), rss, (rss + 0 < 2048 ? "yes" : "NO") }'
fi
