#!/usr/bin/env bash
# A/B of two parallax binaries on the whole-analyze corpus: alternating runs,
# one thread pinned to one core, minimum user CPU time of each, and whether
# the two JSON reports are byte-identical. On a shared machine whose speed
# drifts over minutes, the ratio of the two minimums is the figure to trust.
#   bench/ab.sh BIN_A BIN_B [ROUNDS] [CORE]      (needs ../shared/eval)
# Environment: EVAL_DIR (default ../shared/eval).
set -euo pipefail
cd "$(dirname "$0")/.."
a=$1 b=$2 rounds=${3:-5} core=${4:-0}
eval_dir=${EVAL_DIR:-../shared/eval}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 bench/make_analyze_corpus.py "$eval_dir" "$tmp/in" > /dev/null
min_a="" min_b=""
for r in $(seq "$rounds"); do
  # A then B in odd rounds, B then A in even ones: on this machine the
  # second run of a pair was measured 6% slower even for two copies of one
  # binary, so a fixed order biases the ratio.
  order="a b"
  [ $((r % 2)) -eq 0 ] && order="b a"
  for x in $order; do
    bin=${!x}
    /usr/bin/time -f "%U" -o "$tmp/t" taskset -c "$core" \
      "$bin" --quiet --threads 1 analyze "$tmp/in" --format json --out "$tmp/out.$x.json"
    t=$(cat "$tmp/t")
    if [ $x = a ]; then
      if [ -z "$min_a" ] || awk -v p="$t" -v q="$min_a" 'BEGIN{exit !(p<q)}'; then min_a=$t; fi
    else
      if [ -z "$min_b" ] || awk -v p="$t" -v q="$min_b" 'BEGIN{exit !(p<q)}'; then min_b=$t; fi
    fi
  done
done
same=$(cmp -s "$tmp/out.a.json" "$tmp/out.b.json" && echo identical || echo DIFFERENT)
awk -v a="$min_a" -v b="$min_b" -v s="$same" 'BEGIN {
  printf "A %.2f s, B %.2f s user (minimum of each); B/A = %.3f (%.2fx); reports %s\n", a, b, b / a, a / b, s }'
