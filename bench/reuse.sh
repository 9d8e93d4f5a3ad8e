#!/usr/bin/env bash
# Provenance benchmarks: the near-duplicate step (MinHash + LSH) against datasketch's
# MinHashLSH on the same documents and settings, both on one core; then find_reuse on
# derived pairs and on independent same-event reports.
#   bench/reuse.sh            (needs ../shared/eval; datasketch in .venv)
# Environment: EVAL_DIR (default ../shared/eval), ROUNDS (default 3), CORE (default 0),
#   THRESHOLD (0.5), NUM_PERM (128), SHINGLE (5 words), OUT (a temp dir).
set -euo pipefail
cd "$(dirname "$0")/.."
eval_dir=${EVAL_DIR:-../shared/eval}
rounds=${ROUNDS:-3}
core=${CORE:-0}
th=${THRESHOLD:-0.5}
perm=${NUM_PERM:-128}
k=${SHINGLE:-5}
out=${OUT:-$(mktemp -d)}
cargo build --release -q -p parallax-bench
if ! .venv/bin/python -c 'import datasketch' 2>/dev/null; then
  [ -x .venv/bin/python ] || python3 -m venv .venv
  .venv/bin/pip install -q datasketch
fi
bin=target/release/parallax-bench
$bin reuse make "$eval_dir" "$out" --threshold "$th" --shingle "$k"
echo "== Parallax MinHash + LSH (one thread, core $core)"
taskset -c "$core" $bin reuse lsh "$out" --threshold "$th" --num-perm "$perm" --shingle "$k" --rounds "$rounds"
echo "== datasketch MinHash + MinHashLSH (one thread, core $core)"
OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 taskset -c "$core" .venv/bin/python bench/peer_datasketch.py "$out" \
  --threshold "$th" --num-perm "$perm" --shingle "$k" --rounds "$rounds"
echo "== find_reuse: derived pairs and independent same-event reports"
taskset -c "$core" $bin reuse align "$eval_dir"
echo "(documents and pairs in $out)"
