#!/usr/bin/env bash
# Benchmark: field collection with the whole `sanarip serve` process (release build) on loopback.
# 1. Durable submissions per second of a 250-question form from 16 concurrent clients (load.py, keep-alive
#    connections, bodies built before the clock starts); every 201 is committed (SQLite WAL, synchronous=FULL).
#    ODK Central's published figure for such a form is 41/s (not run here: no Central on this machine).
# 2. `sanarip export` of 10,000 and of 100,000 submissions to CSV and to .sav, whole process: wall time, CPU time
#    (user + system) and peak resident memory (/usr/bin/time -v), REPEAT times each (default 1).
# Usage: Benchmarks/collect/run.sh [SUBMISSIONS=100000] [CLIENTS=16] [PORT=18300]   (SANARIP=path: use that binary)
# Old against new in the same run: BASELINE=/path/to/older/sanarip exports with both, alternating, and checks
# that their files are equal (the .sav header's creation date and time, bytes 92..<109, aside).
# STORE=DIR exports an existing data folder's bench250 submissions (kept by KEEP=DIR of an earlier run) instead
# of publishing and loading; only the exports run then.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
total=${1:-100000}
clients=${2:-16}
port=${3:-18300}
first=$(( total < 10000 ? total : 10000 ))
repeats=${REPEAT:-1}
work=$(mktemp -d /tmp/collect-bench.XXXXXX)
server=""
cleanup() {
  if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
  if [ -n "${KEEP:-}" ] && [ -d "$work/data" ]; then rm -rf "$KEEP"; mv "$work/data" "$KEEP"; fi
  rm -rf "$work"
}
trap cleanup EXIT
source "$root/Benchmarks/lib/sanarip-binary.sh"
bin=$(sanarip_binary)
baseline=${BASELINE:-}
if [ -n "$baseline" ] && [ ! -x "$baseline" ]; then echo "BASELINE=$baseline is not an executable file" >&2; exit 1; fi
data=${STORE:-$work/data}

start_server() {
  "$bin" serve --data "$data" --port "$port" --instruments "$work/none" --admin-password-file "$work/admin" \
    --log-level error >"$work/serve.log" 2>&1 &
  server=$!
  for _ in $(seq 300); do grep -q "running at" "$work/serve.log" && return; sleep 0.1; done
  cat "$work/serve.log" >&2; exit 1
}
stop_server() { kill "$server"; wait "$server" 2>/dev/null || true; server=""; }
# CPU seconds (user + system) the server has used so far.
server_cpu() { awk -v hz="$(getconf CLK_TCK)" '{ printf "%.1f", ($14 + $15) / hz }' "/proc/$server/stat"; }
# Wall seconds, CPU seconds (user + system) and peak resident memory (MB) of one whole process, from /usr/bin/time -v.
measure() {
  /usr/bin/time -v "$@" >/dev/null 2>"$work/time.txt" || { cat "$work/time.txt" >&2; exit 1; }
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s }' "$work/time.txt")
  cpu=$(awk -F': ' '/User time/ { u = $2 } /System time/ { s = $2 } END { printf "%.2f", u + s }' "$work/time.txt")
  peak=$(awk -F': ' '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' "$work/time.txt")
}
# A file's bytes, with a .sav header's creation date and time (bytes 92..<109) blanked.
comparable() {
  if [[ "$1" == *.sav ]]; then python3 -c 'import sys; b = bytearray(open(sys.argv[1], "rb").read()); b[92:109] = bytes(17); sys.stdout.buffer.write(b)' "$1"; else cat "$1"; fi
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
  for format in csv sav; do
    for round in $(seq "$repeats"); do
      if [ -n "$baseline" ]; then
        measure "$baseline" export bench250 --format "$format" --data "$data" -o "$work/old/export.$format"
        echo "export $1 $format old wall ${wall}s cpu ${cpu}s peak ${peak}MB (load $(cut -d' ' -f1 /proc/loadavg))"
      fi
      measure "$bin" export bench250 --format "$format" --data "$data" -o "$work/export.$format"
      echo "export $1 $format$([ -n "$baseline" ] && echo " new") wall ${wall}s cpu ${cpu}s peak ${peak}MB (load $(cut -d' ' -f1 /proc/loadavg))"
    done
    if [ -n "$baseline" ]; then
      cmp <(comparable "$work/old/export.$format") <(comparable "$work/export.$format") \
        && echo "export $1 $format: old and new files are equal ($(stat -c %s "$work/export.$format") bytes)" \
        || { echo "export $1 $format: old and new files DIFFER" >&2; exit 1; }
    fi
    rm -f "$work"/export*."$format" "$work"/old/export*."$format"
  done
}
mkdir -p "$work/old"
echo "machine: $(nproc) cores, $(uname -m), load $(cut -d' ' -f1-3 /proc/loadavg)"
if [ -n "${STORE:-}" ]; then
  exports "store"
else
  python3 Benchmarks/collect/make-form.py "$work/form"
  "$bin" form publish "$work/form" --data "$data" >/dev/null 2>&1
  key=$("$bin" collector add Bench --data "$data" 2>/dev/null)
  mkdir -p "$work/none"
  echo "benchmark-admin-password" >"$work/admin"
  echo "submissions $first: $(load "$first" 0)"
  exports "$first"
  if [ "$total" -gt "$first" ]; then
    echo "submissions $((total - first)) more: $(load "$((total - first))" "$first")"
    exports "$total"
  fi
fi
echo "database $(du -sh "$data" | cut -f1), load $(cut -d' ' -f1-3 /proc/loadavg)"
