#!/usr/bin/env bash
# `parallax add` benchmark: a few thousand real articles (every dataset of
# ../shared/eval that holds article texts, bench/make_add_corpus.py, one JSONL
# file per dataset) added to a new collection with the default worker threads.
# Reports articles added / duplicates / rejected, wall time, articles/s, peak
# RSS, CPU use, the size of the collection on disk (all, parallax.db, index/),
# the story count; then the same corpus added again (every input a duplicate),
# then in-process search latency on the collection (bench/src/search_latency.rs).
#   bench/add.sh         (needs ../shared/eval)
# Environment: EVAL_DIR (default ../shared/eval), BATCH (default 64),
#   QUERIES (search queries, default 1000), KEEP=1 keeps the temporary folder.
set -euo pipefail
cd "$(dirname "$0")/.."
eval_dir=${EVAL_DIR:-../shared/eval}
batch=${BATCH:-64}
queries=${QUERIES:-1000}
tmp=$(mktemp -d)
if [ "${KEEP:-0}" = 1 ]; then echo "keeping $tmp"; else trap 'rm -rf "$tmp"' EXIT; fi

cargo build --release -q -p parallax -p parallax-bench
python3 bench/make_add_corpus.py "$eval_dir" "$tmp/corpus"
inputs=$(cat "$tmp/corpus"/*.jsonl | grep -c .)
cores=$(nproc)
data="$tmp/data"

# run LABEL: one `parallax add` of the whole corpus, timed; sets secs, kb, cpu, added, dups, rej.
run() {
  /usr/bin/time -f "%e %M %P" -o "$tmp/time.$1" \
    target/release/parallax --quiet add --data "$data" --batch "$batch" "$tmp/corpus" > "$tmp/out.$1"
  read -r secs kb cpu < "$tmp/time.$1"
  added=$(grep -c '^added	' "$tmp/out.$1" || true)
  dups=$(grep -c '^duplicate	' "$tmp/out.$1" || true)
  rej=$(grep -c '^rejected	' "$tmp/out.$1" || true)
}

run first
kb_of() { du -sk "$1" | cut -f1; }
all_kb=$(kb_of "$data")
db_kb=$(du -ck "$data"/parallax.db* | tail -1 | cut -f1)
index_kb=$(kb_of "$data/index")
stories=$(target/release/parallax stories --data "$data" --limit 1 | head -1 | cut -d' ' -f1)
echo "add corpus: $inputs inputs in $(ls "$tmp/corpus" | wc -l) JSONL files; $cores cores, default threads, batch $batch"
if [ $((added + dups + rej)) -ne "$inputs" ]; then
  echo "warning: $((added + dups + rej)) result lines for $inputs inputs (a whole file rejected?)" >&2
fi
awk -v n="$inputs" -v a="$added" -v d="$dups" -v r="$rej" -v s="$secs" -v kb="$kb" -v cpu="$cpu" \
    -v st="$stories" -v c="$cores" 'BEGIN {
  printf "parallax add: %d inputs -> %d added, %d duplicates, %d rejected; %d stories\n", n, a, d, r, st
  printf "parallax add: %.2f s wall = %.1f articles/s (%.1f inputs/s); CPU %s of %d cores; peak RSS %.1f MiB\n", s, a / s, n / s, cpu, c, kb / 1024 }'
awk -v all="$all_kb" -v db="$db_kb" -v ix="$index_kb" -v a="$added" 'BEGIN {
  printf "collection on disk: %.1f MiB (parallax.db %.1f MiB, index/ %.1f MiB) = %.1f KiB per article\n", all / 1024, db / 1024, ix / 1024, all / a }'

run again
awk -v a="$added" -v d="$dups" -v r="$rej" -v s="$secs" -v kb="$kb" 'BEGIN {
  printf "parallax add again (same corpus): %.2f s; %d added, %d duplicates, %d rejected; peak RSS %.1f MiB\n", s, a, d, r, kb / 1024 }'

target/release/search_latency "$data" --queries "$queries"
