#!/usr/bin/env bash
# Benchmark: the analysis workspace and the study report on a synthetic demo study (release build, whole processes).
# 1. `sanarip demo --respondents N` (a fresh store).
# 2. `sanarip report --lang ru` cold (a fresh process computes everything from the stored data), three times, as
#    HTML; then once as XLSX and as PDF (headless chromium). Wall, CPU and peak memory from /usr/bin/time, and the
#    report's own split of its time (data, definitions, indicators, design, table, rankings, writing).
# 3. `sanarip serve`: each workspace page, the design page and the web report cold (first request after a fresh
#    server start) and warm (median of the next requests), as a browser on loopback sees them, with the server's
#    CPU time (user+sys, from its start to its stop). The server starts computing every study's results in the
#    background as it starts (AnalysisWarmUp): a cold request waits for what is left.
# With SANARIP_BASELINE=path (another build, e.g. the previous release), every cold measurement of 2. and 3. is
# taken with both binaries on the same store, alternating (new, old, new, old…), each line tagged [new] or [old]:
# figures from a shared machine compare only within one run.
# Goals (issue 10, N = 10,000): each page < 300 ms warm and < 2 s cold; the full report < 5 s.
# Usage: Benchmarks/workspace/run.sh [RESPONDENTS=10000] [PORT=18310] [REPEAT=6] [ROUNDS=1]
#        (SANARIP=path: use that binary; SANARIP_BASELINE=path: measure it beside; ROUNDS: server rounds per page;
#         WORKSPACE_DATA=dir: a copy of that demo store instead of a new demo)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
respondents=${1:-10000}
port=${2:-18310}
repeat=${3:-6}
rounds=${4:-1}
work=$(mktemp -d /tmp/workspace-bench.XXXXXX)
server=""
cleanup() { if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi; rm -rf "$work"; }
trap cleanup EXIT
source "$root/Benchmarks/lib/sanarip-binary.sh"
bin=$(sanarip_binary)
# The binaries measured, each with its tag: the one under test, then the baseline when given.
sides=("new=$bin")
if [ -n "${SANARIP_BASELINE:-}" ]; then
  [ -x "$SANARIP_BASELINE" ] || { echo "SANARIP_BASELINE=$SANARIP_BASELINE is not an executable file" >&2; exit 1; }
  echo "baseline: $SANARIP_BASELINE ($(date -u -r "$SANARIP_BASELINE" +'%Y-%m-%d %H:%M UTC'))" >&2
  sides+=("old=$SANARIP_BASELINE")
fi
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
if [ -n "${WORKSPACE_DATA:-}" ]; then
  cp -a "$WORKSPACE_DATA" "$work/data"
  echo "demo store: a copy of $WORKSPACE_DATA"
else
  measure "$bin" demo --data "$work/data" --respondents "$respondents" --seed 2026
  echo "demo $respondents: wall ${wall}s cpu ${cpu}s peak ${peak}MB"
fi
for run in 1 2 3; do
  for side in "${sides[@]}"; do
    measure "${side#*=}" report --data "$work/data" --lang ru -o "$work/report.html"
    echo "[${side%%=*}] report ru html cold #$run: wall ${wall}s cpu ${cpu}s peak ${peak}MB; $split"
  done
done
for side in "${sides[@]}"; do
  measure "${side#*=}" report --data "$work/data" --lang ky --format xlsx -o "$work/report.xlsx"
  echo "[${side%%=*}] report ky xlsx cold: wall ${wall}s cpu ${cpu}s peak ${peak}MB; $split"
done
if command -v chromium >/dev/null 2>&1; then
  for side in "${sides[@]}"; do
    measure "${side#*=}" report --data "$work/data" --lang en --format pdf -o "$work/report.pdf"
    echo "[${side%%=*}] report en pdf cold: wall ${wall}s cpu ${cpu}s peak ${peak}MB; $split; $(stat -c %s "$work/report.pdf") bytes"
  done
fi

# Starts `sanarip serve` of binary $1 on the demo store and waits until it listens.
start_server() {
  "$1" serve --data "$work/data" --port "$port" --admin-password-file "$work/admin" --log-level error >"$work/serve.log" 2>&1 &
  server=$!
  for _ in $(seq 300); do grep -q "running at" "$work/serve.log" && return; sleep 0.1; done
  cat "$work/serve.log" >&2; exit 1
}
# Stops the server, leaving its CPU seconds (user+sys since it started) in $server_cpu.
stop_server() {
  server_cpu=$(awk -v tick="$(getconf CLK_TCK)" '{ printf "%.2f", ($14 + $15) / tick }' "/proc/$server/stat")
  kill "$server"; wait "$server" 2>/dev/null || true; server=""
}
base="/studies/$study"
pages=("$base/workspace/explorer?lang=ru" "$base/workspace/explorer?lang=ky&indicator=internet_use&by=oblast*settlement_type"
       "$base/workspace/gaps?lang=ru" "$base/workspace/barriers?lang=en&item=3" "$base/workspace/official?lang=ru"
       "$base/workspace/map?lang=ky" "$base/workspace/explorer/table.csv?lang=en" "$base/workspace/gaps/chart.svg?lang=ru"
       "$base/workspace/drivers?lang=ru&model=skills" "$base/workspace/response?lang=ky"
       "$base/design?lang=ru" "$base/report.html?lang=ru" "$base/report.xlsx?lang=en")
# Each page cold: a fresh server, its first request computes (or waits for) the results.
for page in "${pages[@]}"; do
  for _ in $(seq "$rounds"); do
    for side in "${sides[@]}"; do
      start_server "${side#*=}"
      timing=$(python3 Benchmarks/workspace/pages.py "http://127.0.0.1:$port" "$password" "$repeat" "$page")
      stop_server
      echo "[${side%%=*}] $timing server-cpu ${server_cpu}s"
    done
  done
done
echo "load $(cut -d' ' -f1-3 /proc/loadavg)"
