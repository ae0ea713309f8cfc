#!/usr/bin/env bash
# Benchmark: design-based estimation on 1,000,000 generated respondents (100 strata x 40 PSUs, 140 domains)
# with a release build of sanarip, next to R survey (after data.table::fread) on the same file in the same run.
# Usage: Benchmarks/estimation/run.sh [ROWS]   (SANARIP=path: that binary)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
rows=${1:-1000000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
source "$root/Benchmarks/lib/sanarip-binary.sh"
bin=$(sanarip_binary)
python3 Benchmarks/estimation/generate.py "$work/survey.csv" "$rows"
design=(--data "$work/survey.csv" --ids psu --strata stratum --weights weight --nest)
echo "machine: $(nproc) cores, $(uname -m); $(swift --version 2>&1 | head -1); $(Rscript --version 2>&1 | head -1)"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "data: $rows rows, $(du -h "$work/survey.csv" | cut -f1)"
measure() { # name, command...: wall seconds and peak RSS of the whole process (/usr/bin/time -v)
  local name=$1; shift
  /usr/bin/time -v "$@" >"$work/out.txt" 2>"$work/err.txt" || { cat "$work/err.txt"; exit 1; }
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s }' "$work/err.txt")
  peak=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$work/err.txt")
  cpu=$(awk -F': ' '/User time \(seconds\)|System time \(seconds\)/ { s += $2 } END { printf "%.2f", s }' "$work/err.txt")
  echo "  $name: wall $wall s, CPU $cpu s, peak $(( peak / 1024 )) MB"
  grep '^  [a-z]' "$work/err.txt" | sed 's/^/  /' || true
}
echo "== sanarip (release)"
walls=(); cpus=()
for run in 1 2 3; do
  measure "means of 2 variables by 140 domains (run $run)" "$bin" estimate "${design[@]}" --mean y1 --mean y2 --by oblast,urban,sex,age --timings
  walls+=("$wall"); cpus+=("$cpu"); table_peak=$peak
done
table_wall=$(printf '%s\n' "${walls[@]}" | sort -n | sed -n 2p)
table_cpu=$(printf '%s\n' "${cpus[@]}" | sort -n | sed -n 2p)
head -c 300 "$work/out.txt" | sed 's/^/  /'; echo
measure "proportion with logit interval by 140 domains" "$bin" estimate "${design[@]}" --prop "internet == 1" --by oblast,urban,sex,age --timings
measure "proportion with logit interval, whole sample" "$bin" estimate "${design[@]}" --prop "internet == 1" --timings
grep -o '"estimate": [^,]*, "se": [^,]*, "ci_low": [^,]*, "ci_high": [^,]*' "$work/out.txt" | sed 's/^/  check proportion: /'
measure "Rao-Scott chi-square internet x urban" "$bin" test chisq "${design[@]}" --row internet --col urban --timings
sed 's/^/  check: /' "$work/out.txt"
echo "== R survey $(Rscript -e 'cat(as.character(packageVersion("survey")))' 2>/dev/null) with data.table::fread"
/usr/bin/time -f "R whole script wall %e s, CPU %U+%S s, peak %M KB" Rscript Benchmarks/estimation/survey.R "$work/survey.csv" >"$work/r.txt" 2>&1
sed 's/^/  /' "$work/r.txt"
r_table=$(awk '$1 == "read" || $1 == "design" || $1 == "by_140_domains" { s += $2 } END { printf "%.2f", s }' "$work/r.txt")
r_table_cpu=$(awk '$1 == "read" || $1 == "design" || $1 == "by_140_domains" { s += $3 } END { printf "%.2f", s }' "$work/r.txt")
echo "== 140-domain table, whole process: sanarip $table_wall s (median of 3, peak $(( table_peak / 1024 )) MB) vs R fread + svydesign + svyby $r_table s: $(awk -v r="$r_table" -v s="$table_wall" 'BEGIN { printf "%.0f", r / s }')x"
echo "   CPU time (user + system): sanarip whole process $table_cpu s (median of 3) vs R's three steps $r_table_cpu s: $(awk -v r="$r_table_cpu" -v s="$table_cpu" 'BEGIN { printf "%.0f", r / s }')x"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
