#!/usr/bin/env bash
# HTTP load benchmark of `parallax serve`: a collection built from the
# whole-analyze corpus (1,000 articles in 100 stories, bench/make_analyze_corpus.py;
# the seed articles when ../shared/eval is missing), served on 127.0.0.1, and
# CLIENTS concurrent keep-alive clients (bench/src/load.rs) sending requests back
# to back for SECS seconds over the story list, story detail and search
# endpoints. Reports requests/s, p50/p99 latency, errors, and the server's peak
# RSS (VmHWM). Client and server share the machine's cores.
#   bench/load.sh
# Environment: EVAL_DIR (default ../shared/eval), CLIENTS (default 200),
# SECS (default 20), HTML=1 to load the web pages instead of the JSON API.
set -euo pipefail
cd "$(dirname "$0")/.."
eval_dir=${EVAL_DIR:-../shared/eval}
clients=${CLIENTS:-200}
secs=${SECS:-20}
work=$(mktemp -d)
pid=""
cleanup() {
  if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
if [ -d "$eval_dir/basil" ]; then
  python3 bench/make_analyze_corpus.py "$eval_dir" "$work/in"
else
  echo "no evaluation data at $eval_dir: using the seed articles" >&2
  mkdir -p "$work/in"
  cp ../shared/seeds/* "$work/in/"
fi
cargo build --release -q -p parallax -p parallax-bench
t0=$(date +%s.%N)
target/release/parallax --quiet add --data "$work/data" "$work/in" > /dev/null
t1=$(date +%s.%N)
n=$(ls "$work/in" | wc -l)
awk -v n="$n" -v a="$t0" -v b="$t1" 'BEGIN { printf "collection: %d inputs added in %.1f s\n", n, b - a }'
target/release/parallax serve --data "$work/data" --addr 127.0.0.1:0 2> "$work/serve.err" &
pid=$!
addr=""
for _ in $(seq 300); do
  addr=$(sed -n 's|^listening on http://||p' "$work/serve.err" | head -n1)
  [ -n "$addr" ] && break
  sleep 0.1
done
if [ -z "$addr" ]; then
  echo "parallax serve did not start:" >&2
  cat "$work/serve.err" >&2
  exit 1
fi
idle_kb=$(awk '/^VmRSS/ { print $2 }' "/proc/$pid/status")
cpu0=$(awk '{ print $14 + $15 }' "/proc/$pid/stat")
extra=()
if [ "${HTML:-0}" = 1 ]; then extra+=(--html); fi
target/release/parallax-load --addr "$addr" --clients "$clients" --secs "$secs" "${extra[@]}"
cpu1=$(awk '{ print $14 + $15 }' "/proc/$pid/stat")
hz=$(getconf CLK_TCK)
peak_kb=$(awk '/^VmHWM/ { print $2 }' "/proc/$pid/status")
threads=$(awk '/^Threads/ { print $2 }' "/proc/$pid/status")
awk -v p="$peak_kb" -v i="$idle_kb" -v t="$threads" -v c="$((cpu1 - cpu0))" -v hz="$hz" -v s="$secs" 'BEGIN {
  printf "server: peak RSS %.1f MiB (%.1f MiB idle before the load), %d threads, %.1f CPU-seconds in the %d s run (%.2f cores)\n",
    p / 1024, i / 1024, t, c / hz, s, c / hz / s }'
