#!/usr/bin/env bash
# Deterministic A/B: instructions executed (valgrind's cachegrind, no cache
# simulation) by two parallax binaries on the whole-analyze corpus, one
# thread. On a shared VM whose speed drifts by 10% over minutes, this is
# the figure that separates a 1% change from noise; it is not time (cache
# misses and branch mispredictions do not show), so confirm large changes
# with bench/ab.sh. About a minute per binary.
#   bench/instructions.sh BIN_A BIN_B [CORPUS_DIR]   (needs valgrind, ../shared/eval)
# Environment: EVAL_DIR (default ../shared/eval).
set -euo pipefail
cd "$(dirname "$0")/.."
a=$1 b=$2
eval_dir=${EVAL_DIR:-../shared/eval}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
corpus=${3:-}
if [ -z "$corpus" ]; then
  corpus="$tmp/in"
  python3 bench/make_analyze_corpus.py "$eval_dir" "$corpus" > /dev/null
fi
count() {
  valgrind --tool=cachegrind --cache-sim=no --cachegrind-out-file="$tmp/cg.$2" \
    "$1" --quiet --threads 1 analyze "$corpus" --format json --out "$tmp/out.$2.json" 2>&1 |
    sed -n 's/.*I *refs: *//p' | tr -d ','
}
ia=$(count "$a" a)
ib=$(count "$b" b)
same=$(cmp -s "$tmp/out.a.json" "$tmp/out.b.json" && echo identical || echo DIFFERENT)
awk -v a="$ia" -v b="$ib" -v s="$same" 'BEGIN {
  printf "A %.3f G, B %.3f G instructions; B/A = %.4f; reports %s\n", a / 1e9, b / 1e9, b / a, s }'
