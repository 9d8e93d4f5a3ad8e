#!/usr/bin/env bash
# Whole-analyze benchmark: `parallax analyze` (all stages: ingest, extract,
# annotate, clustering, reuse, story synthesis, JSON report) on 1,000 articles
# in 100 stories (bench/make_analyze_corpus.py), one worker thread pinned to
# one core, best of ROUNDS runs. Reports articles/s per core by the wall
# clock and by CPU time (user + system: on a shared virtual machine the wall
# clock also counts time the core was given to other guests), and peak memory.
#   bench/analyze.sh         (needs ../shared/eval)
# Environment: EVAL_DIR (default ../shared/eval), ROUNDS (default 3), CORE (default 0).
set -euo pipefail
cd "$(dirname "$0")/.."
eval_dir=${EVAL_DIR:-../shared/eval}
rounds=${ROUNDS:-3}
core=${CORE:-0}
corpus=$(mktemp -d)
trap 'rm -rf "$corpus"' EXIT
python3 bench/make_analyze_corpus.py "$eval_dir" "$corpus/in"
cargo build --release -q -p parallax
n=$(ls "$corpus/in" | wc -l)
best=""
best_cpu=""
for r in $(seq "$rounds"); do
  /usr/bin/time -f "%e %M %U %S" -o "$corpus/time" taskset -c "$core" \
    target/release/parallax --quiet --threads 1 analyze "$corpus/in" --format json --out "$corpus/report.json"
  read -r secs kb usr sys < "$corpus/time"
  cpu=$(awk -v u="$usr" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')
  echo "run $r: ${secs}s wall, ${cpu}s CPU, peak RSS ${kb} KB"
  if [ -z "$best" ] || awk -v a="$secs" -v b="$best" 'BEGIN{exit !(a<b)}'; then best=$secs; best_kb=$kb; fi
  if [ -z "$best_cpu" ] || awk -v a="$cpu" -v b="$best_cpu" 'BEGIN{exit !(a<b)}'; then best_cpu=$cpu; fi
done
stories=$(python3 -c "import json,sys; r=json.load(open(sys.argv[1])); print(len(r['stories']), sum(len(s['reuse']) for s in r['stories']), sum(len(s['summary']) for s in r['stories']))" "$corpus/report.json")
read -r ns nreuse nsum <<< "$stories"
awk -v n="$n" -v s="$best" -v c="$best_cpu" -v kb="$best_kb" -v ns="$ns" -v nr="$nreuse" 'BEGIN {
  printf "parallax analyze: %d articles -> %d stories, %d reuse pairs; best %.2f s wall = %.1f articles/s on one core; best %.2f s CPU = %.1f articles per CPU-second; peak RSS %.1f MiB\n", n, ns, nr, s, n / s, c, n / c, kb / 1024 }'
