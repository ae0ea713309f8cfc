#!/usr/bin/env bash
# Benchmark: field collection with the whole `sanarip serve` process (release build) on loopback.
# 1. Durable submissions per second of a 250-question form from 16 concurrent clients (load.py, keep-alive
#    connections, bodies built before the clock starts); every 201 is committed (SQLite WAL, synchronous=FULL).
#    ODK Central's published figure for such a form is 41/s (not run here: no Central on this machine).
# 2. `sanarip export` of 10,000 and of 100,000 submissions to CSV and to .sav, whole process: wall time and peak
#    resident memory (/usr/bin/time -v).
# Usage: Benchmarks/collect/run.sh [SUBMISSIONS=100000] [CLIENTS=16] [PORT=18300]   (SANARIP=path: use that binary)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
total=${1:-100000}
clients=${2:-16}
port=${3:-18300}
first=$(( total < 10000 ? total : 10000 ))
work=$(mktemp -d /tmp/collect-bench.XXXXXX)
server=""
cleanup() { if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi; rm -rf "$work"; }
trap cleanup EXIT
source "$root/Benchmarks/lib/sanarip-binary.sh"
bin=$(sanarip_binary)
python3 Benchmarks/collect/make-form.py "$work/form"
"$bin" form publish "$work/form" --data "$work/data" >/dev/null 2>&1
key=$("$bin" collector add Bench --data "$work/data" 2>/dev/null)
mkdir -p "$work/none"
echo "benchmark-admin-password" >"$work/admin"

start_server() {
  "$bin" serve --data "$work/data" --port "$port" --instruments "$work/none" --admin-password-file "$work/admin" \
    --log-level error >"$work/serve.log" 2>&1 &
  server=$!
  for _ in $(seq 300); do grep -q "running at" "$work/serve.log" && return; sleep 0.1; done
  cat "$work/serve.log" >&2; exit 1
}
stop_server() { kill "$server"; wait "$server" 2>/dev/null || true; server=""; }
# CPU seconds (user + system) the server has used so far.
server_cpu() { awk -v hz="$(getconf CLK_TCK)" '{ printf "%.1f", ($14 + $15) / hz }' "/proc/$server/stat"; }
# Wall seconds and peak resident memory (MB) of one whole process, from /usr/bin/time -v.
measure() {
  /usr/bin/time -v "$@" >/dev/null 2>"$work/time.txt" || { cat "$work/time.txt" >&2; exit 1; }
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s }' "$work/time.txt")
  peak=$(awk -F': ' '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' "$work/time.txt")
}
load() {  # COUNT FIRST
  start_server
  local before; before=$(server_cpu)
  local line; line=$(python3 Benchmarks/collect/load.py "http://127.0.0.1:$port$key/submission" "$1" "$clients" "$2")
  local after; after=$(server_cpu)
  stop_server
  echo "$line server-cpu $(awk -v a="$after" -v b="$before" 'BEGIN { printf "%.1f", a - b }')"
}
exports() {  # N
  measure "$bin" export bench250 --format csv --data "$work/data" -o "$work/export.csv"
  echo "export $1 csv wall ${wall}s peak ${peak}MB"
  measure "$bin" export bench250 --format sav --data "$work/data" -o "$work/export.sav"
  echo "export $1 sav wall ${wall}s peak ${peak}MB"
}
echo "machine: $(nproc) cores, $(uname -m), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "submissions $first: $(load "$first" 0)"
exports "$first"
if [ "$total" -gt "$first" ]; then
  echo "submissions $((total - first)) more: $(load "$((total - first))" "$first")"
  exports "$total"
fi
echo "database $(du -sh "$work/data" | cut -f1), load $(cut -d' ' -f1-3 /proc/loadavg)"
