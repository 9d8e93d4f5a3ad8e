#!/usr/bin/env bash
# Summary benchmark: Parallax's story summary vs sumy's LexRank on the same
# three articles per story (NeuS/AllSides), same ROUGE settings, same cut to
# the reference length (score_summary.py).
#   bench/summary.sh             (needs ../shared/eval; installs sumy and rouge-score in .venv)
# Environment: EVAL_DIR (default ../shared/eval), SPLIT (default val), JOBS (default 2),
# N (summary sentences, default 5, for both systems).
set -euo pipefail
cd "$(dirname "$0")/.."
eval_dir=${EVAL_DIR:-../shared/eval}
eval_dir=$(cd "$eval_dir" && pwd)
split=${SPLIT:-val}
jobs=${JOBS:-2}
n=${N:-5}
if ! .venv/bin/python -c 'import sumy, rouge_score, numpy, nltk' 2>/dev/null; then
  [ -x .venv/bin/python ] || python3 -m venv .venv
  .venv/bin/pip install -q sumy rouge-score numpy nltk
fi
cargo build -q
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

echo "== Parallax: parallax analyze a.txt b.txt c.txt per story (clustering included), --summary-sentences $n"
# The scorer runs `CMD analyze FILES --format json --out R`: a wrapper adds the option.
printf '#!/bin/sh\nexec %s "$@" --summary-sentences %s\n' "$PWD/target/debug/parallax" "$n" > "$tmp/px"
chmod +x "$tmp/px"
.venv/bin/python "$eval_dir/score_summary.py" --split "$split" --jobs "$jobs" \
  --parallax "$tmp/px" | tee "$tmp/parallax.log"

echo "== Parallax summarizer alone: the three articles taken as one story (no clustering)"
NEUS_DIR="$eval_dir/neus-allsides" NEUS_SPLIT="$split" NEUS_N="$n" NEUS_OUT="$tmp/parallax-one-story" \
  cargo test -q -p parallax-story --lib summary::tests::neus_outputs -- --ignored >/dev/null 2>&1

echo "== LexRank (sumy), $n sentences, document order and rank order"
.venv/bin/python bench/peer_lexrank.py --eval-dir "$eval_dir" --split "$split" --sentences "$n" \
  --out "$tmp/lexrank-document-order"
.venv/bin/python bench/peer_lexrank.py --eval-dir "$eval_dir" --split "$split" --sentences "$n" \
  --order rank --out "$tmp/lexrank-rank-order"
.venv/bin/python "$eval_dir/score_summary.py" --split "$split" --system-outputs \
  "$tmp/parallax-one-story" "$tmp/lexrank-document-order" "$tmp/lexrank-rank-order" | tee "$tmp/systems.log"

echo "== Side by side ($split split, ROUGE F, stemmed, cut to the reference length)"
px=$(grep '^ROUGE-1 F' "$tmp/parallax.log" | awk '{print $3, $6, $9}')
{
  echo "parallax-cli $px"
  # The scorer's table: name R-1 R-2 R-L stories empty (4 decimals).
  awk 'NR > 1 && NF == 6 && $1 != "system" {print $1, $2, $3, $4}' "$tmp/systems.log"
} | awk '
  { name[NR] = $1; r1[NR] = $2; r2[NR] = $3; rl[NR] = $4 }
  END {
    printf "%-22s %8s %8s %8s\n", "system", "ROUGE-1", "ROUGE-2", "ROUGE-L"
    for (i = 1; i <= NR; i++) printf "%-22s %8.4f %8.4f %8.4f\n", name[i], r1[i], r2[i], rl[i]
    for (i = 1; i <= 2; i++) for (j = 3; j <= NR; j++)
      printf "R-2 gain of %s over %s: %+.1f%% (target >= +10%%)\n", name[i], name[j], 100 * (r2[i] / r2[j] - 1)
  }'
