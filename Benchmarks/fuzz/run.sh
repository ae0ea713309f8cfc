#!/usr/bin/env bash
# Fuzzes the parsers that read uploaded files with libFuzzer (coverage-guided): the XLSX/ZIP reader, the XLSForm
# reader (CSV sheets), the expression parser, the CSV readers and the submission XML reader. Builds ZIPFoundation, SanaripCore,
# SanaripInstrument and SanaripStatistics with `swiftc -sanitize=fuzzer` and the harness in FuzzTargets.swift,
# seeds each target from the test fixtures and the shipped instrument, and runs each target for a time.
# A crash, a Swift trap or an input slower than 1 s stops the target and leaves the input in the work folder.
# Usage: Benchmarks/fuzz/run.sh [SECONDS_PER_TARGET] [TARGET...]     (default 300 s; xlsx xlsform expression csv submission)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
seconds=${1:-300}
shift || true
targets=${*:-xlsx xlsform expression csv submission}
work=${FUZZ_WORK:-$root/.build/fuzz}
modules="$work/modules"
mkdir -p "$modules"
[ -d .build/checkouts/ZIPFoundation ] || swift package resolve >/dev/null
zip=.build/checkouts/ZIPFoundation/Sources
flags=(-O -g -sanitize=fuzzer -parse-as-library -I "$modules" -I "$zip/CZLib")
ours=(-swift-version 6 -enable-upcoming-feature ExistentialAny)

module() { # name, sources folder, swiftc flags
  local name=$1 dir=$2
  shift 2
  local newest
  newest=$(find "$dir" -name '*.swift' -newer "$modules/lib$name.a" 2>/dev/null | head -1 || true)
  if [ -f "$modules/lib$name.a" ] && [ -z "$newest" ]; then return; fi
  echo "fuzz: building $name"
  swiftc "${flags[@]}" "$@" -module-name "$name" -emit-module -emit-module-path "$modules/$name.swiftmodule" \
    -emit-library -static -o "$modules/lib$name.a" $(find "$dir" -name '*.swift' | sort)
}
module ZIPFoundation "$zip/ZIPFoundation" -Xcc -D_GNU_SOURCE=1 -swift-version 5
module SanaripCore Sources/SanaripCore "${ours[@]}"
module SanaripInstrument Sources/SanaripInstrument "${ours[@]}"
module SanaripStatistics Sources/SanaripStatistics "${ours[@]}"
if [ -z "$(find Benchmarks/fuzz/FuzzTargets.swift "$modules" -newer "$work/sanarip-fuzz" 2>/dev/null | head -1)" ] && [ -x "$work/sanarip-fuzz" ]; then
  echo "fuzz: the harness is up to date"
else
  echo "fuzz: building the harness"
  swiftc "${flags[@]}" "${ours[@]}" Benchmarks/fuzz/FuzzTargets.swift -L "$modules" \
    -lSanaripInstrument -lSanaripStatistics -lSanaripCore -lZIPFoundation -lz -o "$work/sanarip-fuzz"
fi

# Seeds: every fixture of the kind each target reads.
seed() { mkdir -p "$work/seeds/$1"; }
seed xlsx; seed xlsform; seed expression; seed csv; seed submission
find Tests -name '*.xlsx' -exec cp {} "$work/seeds/xlsx/" \;
n=0
for form in Tests/SanaripInstrumentTests/Fixtures/forms/*/* instruments/*/; do
  [ -f "$form/survey.csv" ] || continue
  n=$((n + 1))
  { cat "$form/survey.csv"; printf '\0'; cat "$form/choices.csv" 2>/dev/null || true; printf '\0'; cat "$form/settings.csv" 2>/dev/null || true; } > "$work/seeds/xlsform/form$n"
  cp "$form/survey.csv" "$work/seeds/csv/survey$n.csv"
done
find data Tests -name '*.csv' -size -200k | head -200 | while read -r file; do cp "$file" "$work/seeds/csv/$(echo "$file" | tr / _)"; done
python3 - "$work/seeds/expression" <<'PY'
import csv, glob, os, sys
out = sys.argv[1]
seen = set()
for path in glob.glob('Tests/**/*.csv', recursive=True) + glob.glob('instruments/**/*.csv', recursive=True):
    try:
        rows = list(csv.reader(open(path, encoding='utf-8')))
    except Exception:
        continue
    for row in rows:
        for cell in row:
            if ('${' in cell or '(' in cell) and 0 < len(cell) < 2000 and cell not in seen:
                seen.add(cell)
for i, text in enumerate(sorted(seen)):
    open(os.path.join(out, f'e{i}'), 'w', encoding='utf-8').write(text)
PY

# Submissions of the field-collection test form, as the OpenRosa tests send them (and malformed variants).
form_dir=Tests/SanaripServerTests/Fixtures/field-check
export FUZZ_FORM="$root/$form_dir"
i=0
for id in a b; do
  for answers in '<access><used_internet>1</used_internet><apps>whatsapp telegram</apps><age>34</age></access><photo>house.jpg</photo><member><member_name>Aida</member_name><member_age>34</member_age></member>' \
                 '<access><used_internet>0</used_internet><age>x</age></access><member><member_age>-1</member_age></member>'; do
    i=$((i + 1))
    printf '<?xml version="1.0" encoding="UTF-8"?>\n<data xmlns:jr="http://openrosa.org/javarosa" xmlns:orx="http://openrosa.org/xforms" id="field_check" version="1"><start>2026-12-04T10:00:00.000+06:00</start>%s<meta><instanceID>uuid:%s</instanceID><deprecatedID>uuid:z</deprecatedID></meta></data>' "$answers" "$id" > "$work/seeds/submission/s$i.xml"
  done
done
echo "machine: $(nproc) cores, $(uname -m); $(swiftc --version 2>&1 | head -1)"
status=0
for target in $targets; do
  corpus="$work/corpus/$target"
  mkdir -p "$corpus" "$work/findings/$target"
  echo "fuzz: $target for $seconds s ($(ls "$work/seeds/$target" | wc -l) seeds)"
  # The Swift runtime's backtracer would catch a trap before libFuzzer saves the input: leave it to libFuzzer.
  if ! SWIFT_BACKTRACE=enable=no FUZZ_TARGET=$target "$work/sanarip-fuzz" "$corpus" "$work/seeds/$target" -max_total_time="$seconds" -timeout=1 \
      -rss_limit_mb=2048 -max_len=262144 -print_final_stats=1 -artifact_prefix="$work/findings/$target/" \
      > "$work/$target.log" 2>&1; then
    status=1
    echo "fuzz: $target FOUND A PROBLEM: see $work/$target.log and $work/findings/$target/"
  fi
  grep -E '^stat::(number_of_executed_units|average_exec_per_sec|new_units_added|peak_rss_mb)' "$work/$target.log" | sed "s/^/$target /"
  grep -E '^#[0-9]+ +DONE' "$work/$target.log" | tail -1 | sed "s/^/$target /" || true
done
exit $status
