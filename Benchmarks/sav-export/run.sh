#!/usr/bin/env bash
# Benchmark: export a 250-variable form (200 labelled single-choice numbers, 30 texts, 10 dates, 10 0/1 columns)
# to SPSS .sav with a release build of SanaripInterchange, at 10,000 and 100,000 cases, with peak memory;
# PSPP (`pspp`, the peer tool) converts the same cases from CSV to .sav in the same run, and reads Sanarip's
# file back to check the case count.
# Usage: Benchmarks/sav-export/run.sh [ROWS...]   (writes docs/benchmarks-sav-export.md)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
sizes=("${@:-10000 100000}")
sizes=(${sizes[*]})
command -v pspp >/dev/null || { echo "pspp is missing: run scripts/setup.sh" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd Benchmarks/sav-export && swift build -c release >/dev/null)
bin=$(cd Benchmarks/sav-export && swift build -c release --show-bin-path)/SavExportBenchmark
rows_md=""
for n in "${sizes[@]}"; do
  swift_line=$("$bin" sav "$n" "$work/sanarip.sav")
  seconds=$(echo "$swift_line" | awk '{print $4}'); peak=$(echo "$swift_line" | awk '{print $6}'); cpu=$(echo "$swift_line" | awk '{print $8}')
  size=$(du -m "$work/sanarip.sav" | cut -f1)
  cases=$(pspp-convert "$work/sanarip.sav" "$work/check.csv" && tail -n +2 "$work/check.csv" | wc -l)
  [ "$cases" -eq "$n" ] || { echo "PSPP read $cases cases, expected $n" >&2; exit 1; }
  "$bin" csv "$n" "$work/data.csv"
  cat > "$work/convert.sps" <<SPS
DATA LIST LIST (",") FILE='$work/data.csv' SKIP=1 /n1 TO n200 (F8.0) s1 TO s30 (A64) d1 TO d10 (F12.0) m1 TO m10 (F1.0).
SAVE OUTFILE='$work/pspp.sav' /COMPRESSED.
SPS
  TIMEFORMAT='%R %U %S'
  { time pspp "$work/convert.sps" >/dev/null; } 2> "$work/pspp.time"
  pspp_seconds=$(awk '{ printf "%.3f", $1 }' "$work/pspp.time"); pspp_cpu=$(awk '{ printf "%.3f", $2 + $3 }' "$work/pspp.time")
  rows_md+="| $n | $seconds s | $cpu s | $peak MiB | $size MB | $pspp_seconds s | $pspp_cpu s |"$'\n'
  rm -f "$work"/*.sav "$work"/*.csv
done
machine="$(nproc) cores, $(uname -m), $(swift --version 2>&1 | head -1 | sed 's/ (.*//'), $(pspp --version | head -1)"
cat > docs/benchmarks-sav-export.md <<MD
# SPSS .sav export benchmark

\`Benchmarks/sav-export/run.sh ${sizes[*]}\`, run $(date -u +"%Y-%m-%d %H:%M UTC") on $machine.

A 250-variable form: 200 single-choice numeric questions with Kyrgyz/Russian value labels and a user-missing code,
30 text answers (A64, UTF-8), 10 dates (DATE11), 10 select-multiple 0/1 columns. Sanarip: release build of
\`SanaripInterchange\` (\`SPSSWriter\`, bytecode-compressed), cases generated in the process and streamed to the
file; wall time, CPU time (user + system, less disturbed by other work on a shared machine) and peak resident
memory of the whole process (generating the cases costs about a quarter of its CPU time). PSPP reads each file back (\`pspp-convert\`) to check
the case count. Peer: PSPP 'DATA LIST' + 'SAVE /COMPRESSED' of the same cases from CSV (its whole run).

| cases | Sanarip .sav (wall) | Sanarip CPU | Sanarip peak memory | file size | PSPP CSV → .sav (wall) | PSPP CPU |
|---|---|---|---|---|---|---|
$rows_md
MD
cat docs/benchmarks-sav-export.md
