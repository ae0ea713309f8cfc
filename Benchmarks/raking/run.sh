#!/usr/bin/env bash
# Benchmark: rake 1,000,000 records on three margins (4 × 2 × 8 levels) with a release build of SanaripStatistics,
# next to R survey::rake() on the same data in the same run, and check that the weights agree.
# Usage: Benchmarks/raking/run.sh [RECORDS] [RUNS]   (writes docs/benchmarks-raking.md)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
records=${1:-1000000}
runs=${2:-5}
seed=2026
if ! Rscript -e 'library(survey); library(data.table)' >/dev/null 2>&1; then
  echo "R with survey and data.table is missing: run scripts/setup.sh" >&2
  exit 1
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd Benchmarks/raking && swift build -c release >/dev/null)
bin=$(cd Benchmarks/raking && swift build -c release --show-bin-path)/RakingBenchmark
"$bin" generate "$records" "$seed" "$work/survey.csv"
r_runs=$(( runs < 3 ? runs : 3 ))
Rscript --vanilla Benchmarks/raking/bench.R "$work/survey.csv" "$work/r_weights.bin" "$r_runs" > "$work/r.txt"
"$bin" rake "$records" "$seed" "$work/r_weights.bin" "$runs" > "$work/swift.txt"
get() { awk -v k="$1" '$1 == k { print $2 }' "$work/r.txt" "$work/swift.txt"; }
r_median=$(get r_rake_median_s); s_median=$(get swift_coded_median_s); s_strings=$(get swift_strings_median_s)
ratio=$(awk -v r="$r_median" -v s="$s_median" 'BEGIN { printf "%.0f", r / s }')
ratio_strings=$(awk -v r="$r_median" -v s="$s_strings" 'BEGIN { printf "%.0f", r / s }')
machine="$(nproc) cores, $(uname -m), $(swift --version 2>&1 | head -1 | sed 's/ (.*//'), R $(awk '$1 == "r_version" { print $2, $3, $4 }' "$work/r.txt")"
cat > docs/benchmarks-raking.md <<MD
# Raking benchmark

\`Benchmarks/raking/run.sh $records $runs\`, run $(date -u +"%Y-%m-%d %H:%M UTC") on $machine.

Data: $records generated records (seed $seed), base weights 0.5–3.5, three margins: region (4 levels), sex (2), age group (8).
Both sides use R's default control (at most 10 passes; stop when no cell of the crossed margins moves by 1 or more).
Swift: release build of \`SanaripStatistics\` (\`Raking.rake\`), median of $runs runs, data in memory.
R: \`survey::rake()\` on a \`svydesign(id = ~1, weights = ~w)\` built beforehand, median of $r_runs runs.

| step | time |
|---|---|
| R \`svydesign()\` (not counted) | $(get r_design_s) s |
| R \`rake()\` | $r_median s (min $(get r_rake_min_s) s) |
| Swift \`Raking.rake\`, variables already coded | $s_median s (min $(get swift_coded_min_s) s) |
| Swift, coding the three string columns included | $s_strings s |
| **speed-up** (coded / with coding) | **${ratio}× / ${ratio_strings}×** |

Agreement with R's weights: max |Δ| = $(get max_abs_diff), max relative $(get max_rel_diff) over $records weights; passes: $(get swift_iterations).

Why it is fast: every record in one cell of the crossed margins gets the same factor, so the passes run on the
$(( 4 * 2 * 8 )) cell totals and the records are touched only to build the cells and to apply the final factors.
MD
cat docs/benchmarks-raking.md
