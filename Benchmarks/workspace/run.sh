#!/usr/bin/env bash
# Benchmark: the analysis workspace and the study report on a synthetic demo study (release build, whole processes).
# 1. `sanarip demo --respondents N` (a fresh store).
# 2. `sanarip report --lang ru` cold (a fresh process computes everything from the stored data), three times, as
#    HTML; then once as XLSX and as PDF (headless chromium). Wall, CPU and peak memory from /usr/bin/time, and the
#    report's own split of its time (data, definitions, indicators, design, table, rankings, writing).
# 3. `sanarip serve`: each workspace page, the design page and the web report cold (first request after a fresh
#    server start) and warm (median of the next requests), as a browser on loopback sees them. The server starts
#    computing every study's results in the background as it starts (AnalysisWarmUp): a cold request waits for what is left.
# Goals (issue 10, N = 10,000): each page < 300 ms warm and < 2 s cold; the full report < 5 s.
# Usage: Benchmarks/workspace/run.sh [RESPONDENTS=10000] [PORT=18310] [REPEAT=6]   (SANARIP=path: use that binary)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
respondents=${1:-10000}
port=${2:-18310}
repeat=${3:-6}
work=$(mktemp -d /tmp/workspace-bench.XXXXXX)
server=""
cleanup() { if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi; rm -rf "$work"; }
trap cleanup EXIT
source "$root/Benchmarks/lib/sanarip-binary.sh"
bin=$(sanarip_binary)
password="benchmark-admin-password"
echo "$password" >"$work/admin"
export SANARIP_ADMIN_PASSWORD=$password
study=digital-divide-kg

# Wall seconds, CPU seconds and peak resident memory (MB) of one whole process, from /usr/bin/time -v; its
# standard error is kept in $work/stderr.txt.
measure() {
  /usr/bin/time -v "$@" >/dev/null 2>"$work/time.txt" || { cat "$work/time.txt" >&2; exit 1; }
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s }' "$work/time.txt")
  cpu=$(awk -F': ' '/User time/ { u = $2 } /System time/ { s = $2 } END { printf "%.2f", u + s }' "$work/time.txt")
  peak=$(awk -F': ' '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' "$work/time.txt")
  split=$(grep -h "computed in" "$work/time.txt" || true)
}

echo "machine: $(nproc) cores, $(uname -m), load $(cut -d' ' -f1-3 /proc/loadavg); binary $bin"
measure "$bin" demo --data "$work/data" --respondents "$respondents" --seed 2026
echo "demo $respondents: wall ${wall}s cpu ${cpu}s peak ${peak}MB"
for run in 1 2 3; do
  measure "$bin" report --data "$work/data" --lang ru -o "$work/report.html"
  echo "report ru html cold #$run: wall ${wall}s cpu ${cpu}s peak ${peak}MB; $split"
done
measure "$bin" report --data "$work/data" --lang ky --format xlsx -o "$work/report.xlsx"
echo "report ky xlsx cold: wall ${wall}s cpu ${cpu}s peak ${peak}MB; $split"
if command -v chromium >/dev/null 2>&1; then
  measure "$bin" report --data "$work/data" --lang en --format pdf -o "$work/report.pdf"
  echo "report en pdf cold: wall ${wall}s cpu ${cpu}s peak ${peak}MB; $split; $(stat -c %s "$work/report.pdf") bytes"
fi

start_server() {
  "$bin" serve --data "$work/data" --port "$port" --admin-password-file "$work/admin" --log-level error >"$work/serve.log" 2>&1 &
  server=$!
  for _ in $(seq 300); do grep -q "running at" "$work/serve.log" && return; sleep 0.1; done
  cat "$work/serve.log" >&2; exit 1
}
stop_server() { kill "$server"; wait "$server" 2>/dev/null || true; server=""; }
base="/studies/$study"
pages=("$base/workspace/explorer?lang=ru" "$base/workspace/explorer?lang=ky&indicator=internet_use&by=oblast*settlement_type"
       "$base/workspace/gaps?lang=ru" "$base/workspace/barriers?lang=en&item=3" "$base/workspace/official?lang=ru"
       "$base/workspace/map?lang=ky" "$base/workspace/explorer/table.csv?lang=en" "$base/workspace/gaps/chart.svg?lang=ru"
       "$base/workspace/drivers?lang=ru&model=skills" "$base/workspace/response?lang=ky"
       "$base/design?lang=ru" "$base/report.html?lang=ru" "$base/report.xlsx?lang=en")
# Each page cold: a fresh server, its first request computes the results.
for page in "${pages[@]}"; do
  start_server
  python3 Benchmarks/workspace/pages.py "http://127.0.0.1:$port" "$password" "$repeat" "$page"
  stop_server
done
echo "load $(cut -d' ' -f1-3 /proc/loadavg)"
