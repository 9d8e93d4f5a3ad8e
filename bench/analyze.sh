#!/usr/bin/env bash
# Whole-analyze benchmark: `parallax analyze` (all stages: ingest, extract,
# annotate, clustering, reuse, story synthesis, JSON report) on 1,000 articles
# in 100 stories (bench/make_analyze_corpus.py), one worker thread pinned to
# one core, best of ROUNDS runs. Reports articles/s per core and peak memory.
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
for r in $(seq "$rounds"); do
  /usr/bin/time -f "%e %M" -o "$corpus/time" taskset -c "$core" \
    target/release/parallax --quiet --threads 1 analyze "$corpus/in" --format json --out "$corpus/report.json"
  read -r secs kb < "$corpus/time"
  echo "run $r: ${secs}s, peak RSS ${kb} KB"
  if [ -z "$best" ] || awk -v a="$secs" -v b="$best" 'BEGIN{exit !(a<b)}'; then best=$secs; best_kb=$kb; fi
done
stories=$(python3 -c "import json,sys; r=json.load(open(sys.argv[1])); print(len(r['stories']), sum(len(s['reuse']) for s in r['stories']), sum(len(s['summary']) for s in r['stories']))" "$corpus/report.json")
read -r ns nreuse nsum <<< "$stories"
awk -v n="$n" -v s="$best" -v kb="$best_kb" -v ns="$ns" -v nr="$nreuse" 'BEGIN {
  printf "parallax analyze: %d articles -> %d stories, %d reuse pairs; best %.2f s = %.1f articles/s on one core; peak RSS %.1f MiB\n", n, ns, nr, s, n / s, kb / 1024 }'
