#!/usr/bin/env bash
# Benchmark: design-based estimation on 1,000,000 generated respondents (100 strata x 40 PSUs, 140 domains)
# with a release build of sanarip, next to R survey (after data.table::fread) on the same file in the same run.
# Usage: Benchmarks/estimation/run.sh [ROWS]
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
rows=${1:-1000000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
swift build -c release --product sanarip >/dev/null
bin=$(swift build -c release --show-bin-path)/sanarip
python3 Benchmarks/estimation/generate.py "$work/survey.csv" "$rows"
design=(--data "$work/survey.csv" --ids psu --strata stratum --weights weight --nest)
echo "machine: $(nproc) cores, $(uname -m); $(swift --version 2>&1 | head -1); $(Rscript --version 2>&1 | head -1)"
echo "data: $rows rows, $(du -h "$work/survey.csv" | cut -f1)"
measure() { # name, command...: wall seconds and peak RSS of the whole process
  local name=$1; shift
  /usr/bin/time -f "$name wall %e s, peak %M KB" "$@" >"$work/out.txt" 2>"$work/err.txt" || { cat "$work/err.txt"; exit 1; }
  grep -v '^{' "$work/err.txt" | sed 's/^/  /'
}
echo "== sanarip (release)"
measure "means of 2 variables by 140 domains" "$bin" estimate "${design[@]}" --mean y1 --mean y2 --by oblast,urban,sex,age --timings
head -c 300 "$work/out.txt" | sed 's/^/  /'; echo
measure "proportion with logit interval by 140 domains" "$bin" estimate "${design[@]}" --prop "internet == 1" --by oblast,urban,sex,age --timings
measure "proportion with logit interval, whole sample" "$bin" estimate "${design[@]}" --prop "internet == 1" --timings
grep -o '"estimate": [^,]*, "se": [^,]*, "ci_low": [^,]*, "ci_high": [^,]*' "$work/out.txt" | sed 's/^/  check proportion: /'
measure "Rao-Scott chi-square internet x urban" "$bin" test chisq "${design[@]}" --row internet --col urban --timings
sed 's/^/  check: /' "$work/out.txt"
echo "== R survey $(Rscript -e 'cat(as.character(packageVersion("survey")))' 2>/dev/null) with data.table::fread"
/usr/bin/time -f "R whole script wall %e s, peak %M KB" Rscript Benchmarks/estimation/survey.R "$work/survey.csv" 2>&1 | sed 's/^/  /'
