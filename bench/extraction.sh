#!/usr/bin/env bash
# Extraction benchmark: Parallax vs trafilatura on the same 181 pages, same run.
#   bench/extraction.sh            (needs ../shared/eval; installs trafilatura in .venv)
set -euo pipefail
cd "$(dirname "$0")/.."
eval_dir=${EVAL_DIR:-../shared/eval}
pages="$eval_dir/article-extraction/html"
cargo build --release -q -p parallax-bench -p parallax
if ! .venv/bin/python -c 'import trafilatura' 2>/dev/null; then
  [ -x .venv/bin/python ] || python3 -m venv .venv
  .venv/bin/pip install -q trafilatura lxml_html_clean
fi
echo "== Parallax (one thread, in memory)"
taskset -c 0 target/release/parallax-bench extract "$pages" --rounds 3 --pred /tmp/parallax-pred.json
python3 "$eval_dir/score_extraction.py" /tmp/parallax-pred.json
echo "== Parallax CLI (whole process, all cores)"
python3 "$eval_dir/score_extraction.py" --parallax target/release/parallax
echo "== trafilatura (one thread, in memory)"
taskset -c 0 .venv/bin/python "$eval_dir/peer_trafilatura.py" /tmp/trafilatura-pred.json
python3 "$eval_dir/score_extraction.py" /tmp/trafilatura-pred.json
