#!/usr/bin/env bash
# Benchmark: a web-audit round over SITES fixture municipal websites of PAGES pages each (defaults 155 × 20,
# about 45 KB a page) served on loopback by serve.py (Python asyncio, every answer prebuilt in memory; one host, so 8
# connections to it are allowed instead of the crawler's 2 per host), politeness delay off, whole
# `sanarip audit run` process: pages per second (wall), pages per CPU-second of sanarip (parsing and scoring, the
# part the goal is about: ≥ 200 pages/s), peak resident memory (/usr/bin/time -v), and the fixture server's CPU.
# Usage: Benchmarks/audit/run.sh [SITES=155] [PAGES=20] [PORT=18500]   (SANARIP=path: use that binary, e.g. a
# debug build for a quick check; the figures are for the release build)
# Old against new in the same run: BASELINE=path (another build, e.g. the previous release) runs the round with it
# and with the measured binary alternately, REPS times each (default 3), on the same sites and server, each line
# labelled; on a shared machine only such alternating figures compare.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
sites=${1:-155}
pages=${2:-20}
port=${3:-18500}
work=$(mktemp -d /tmp/audit-bench.XXXXXX)
server=""
cleanup() { if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi; rm -rf "$work"; }
trap cleanup EXIT
source "$root/Benchmarks/lib/sanarip-binary.sh"
bin=$(sanarip_binary)
python3 Benchmarks/audit/make-sites.py "$work/www" "$sites" "$pages" "$port"
python3 Benchmarks/audit/serve.py "$work/www" "$port" >"$work/serve.log" 2>&1 &
server=$!
for _ in $(seq 100); do grep -q "serving on" "$work/serve.log" && break; sleep 0.1; done
server_cpu() { awk '{ print ($14 + $15) / 100 }' "/proc/$server/stat"; }

# One round with binary $1, labelled $2.
round() {
  local bin=$1 label=$2
  server_before=$(server_cpu)
  /usr/bin/time -v "$bin" audit run --sites "$work/www/sites.csv" --delay 0 --max-pages "$pages" --concurrency 8 --connections-per-host 8 \
    --no-other-scheme -o "$work/results.csv" 2>"$work/audit.log" || { tail -20 "$work/audit.log" >&2; exit 1; }
  server_used=$(awk -v a="$server_before" -v b="$(server_cpu)" 'BEGIN { printf "%.2f", b - a }')
  summary=$(grep '^audit: [0-9]* municipalities' "$work/audit.log")
  fetched=$(echo "$summary" | awk '{ print $4 }')
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s }' "$work/audit.log")
  cpu=$(awk -F': ' '/User time/ { u = $2 } /System time/ { s = $2 } END { print u + s }' "$work/audit.log")
  peak=$(awk -F': ' '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' "$work/audit.log")
  rows=$(( $(wc -l <"$work/results.csv") - 1 ))
  echo "$summary"
  awk -v label="$label" -v n="$fetched" -v w="$wall" -v c="$cpu" -v p="$peak" -v r="$rows" -v s="$sites" -v g="$pages" -v f="$server_used" 'BEGIN {
    printf "%saudit round: %d sites x %d pages: %d pages fetched, parsed and scored in %.2f s wall = %.0f pages/s; sanarip CPU %.2f s = %.0f pages per CPU-second; peak %d MB; %d result rows; fixture server CPU %.2f s\n", label, s, g, n, w, n / w, c, n / c, p, r, f }'
}

if [ -n "${BASELINE:-}" ]; then
  [ -x "$BASELINE" ] || { echo "BASELINE=$BASELINE is not an executable file" >&2; exit 1; }
  for rep in $(seq "${REPS:-3}"); do
    round "$BASELINE" "[$rep old $BASELINE] "
    round "$bin" "[$rep new $bin] "
  done
else
  round "$bin" ""
fi
