#!/usr/bin/env bash
# Fuzzes the parsers that read uploaded files with libFuzzer (coverage-guided): the XLSX/ZIP reader, the XLSForm
# reader (CSV sheets), the expression parser, the CSV readers, the submission XML reader and the OpenRosa multipart
# parser. Builds ZIPFoundation, SanaripCore, SanaripInstrument and SanaripStatistics with `swiftc -sanitize=fuzzer`
# and the harness in FuzzTargets.swift (with the server's MultipartParser.swift compiled in: it needs no NIO),
# seeds each target from the test fixtures and the shipped instrument, and runs each target for a time.
# A crash, a Swift trap or an input slower than 1 s stops the target and leaves the input in the work folder.
# Usage: Benchmarks/fuzz/run.sh [SECONDS_PER_TARGET] [TARGET...]     (default 300 s; xlsx xlsform expression csv submission multipart)
# FUZZ_MAX_LEN sets the largest input (default 262144 bytes; 16384 for xlsform, whose seeds larger than that, the
# 200 KB shipped instrument, are then left out: a throughput run of small forms; FUZZ_MAX_LEN=262144 keeps it).
# FUZZ_WORK chooses the work folder (default .build/fuzz), so that a long run can go on while another builds.
# FUZZ_TIMEOUT (default 1 s) is libFuzzer's wall-clock limit per input. On a shared, loaded machine a starved process
# can pass 1 s on a 10 ms input, so such runs use a larger limit: every input slower than 1 s is still saved (slow-unit-*)
# and run again alone at the end, where over 1 s is a finding.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
seconds=${1:-300}
shift || true
targets=${*:-xlsx xlsform expression csv submission multipart}
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
harness=(Benchmarks/fuzz/FuzzTargets.swift Sources/SanaripServer/OpenRosa/MultipartParser.swift)
if [ -z "$(find "${harness[@]}" "$modules" -newer "$work/sanarip-fuzz" 2>/dev/null | head -1)" ] && [ -x "$work/sanarip-fuzz" ]; then
  echo "fuzz: the harness is up to date"
else
  echo "fuzz: building the harness"
  swiftc "${flags[@]}" "${ours[@]}" "${harness[@]}" -L "$modules" \
    -lSanaripInstrument -lSanaripStatistics -lSanaripCore -lZIPFoundation -lz -o "$work/sanarip-fuzz"
fi

# Seeds: every fixture of the kind each target reads.
seed() { mkdir -p "$work/seeds/$1"; }
seed xlsx; seed xlsform; seed expression; seed csv; seed submission; seed multipart
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

# Submissions: the submission fixtures (as ODK Collect and editors write them), read against the field-collection test form.
form_dir=Tests/SanaripServerTests/Fixtures/field-check
export FUZZ_FORM="$root/$form_dir"
cp Tests/SanaripInstrumentTests/Fixtures/submissions/*.xml "$work/seeds/submission/"
# Multipart requests as ODK Collect posts them: the Content-Type line, then the body with the XML and a file.
i=0
for xml in Tests/SanaripInstrumentTests/Fixtures/submissions/*.xml; do
  i=$((i + 1))
  boundary="----sanarip$i"
  { printf 'multipart/form-data; boundary="%s"\n' "$boundary"
    printf 'preamble\r\n--%s\r\nContent-Disposition: form-data; name="xml_submission_file"; filename="submission.xml"\r\nContent-Type: text/xml\r\n\r\n' "$boundary"
    head -c 600 "$xml"
    printf '\r\n--%s  \r\nContent-Disposition: form-data; name="house.jpg"; filename="house.jpg"\r\nContent-Type: image/jpeg\r\n\r\n\r\n--%s-\r\n--\r\n' "$boundary" "$boundary$i"
    printf '\r\n--%s\r\nContent-Disposition: form-data; name="*isIncomplete*"\r\n\r\nyes\r\n--%s--\r\nepilogue' "$boundary" "$boundary"
  } > "$work/seeds/multipart/m$i"
done
echo "machine: $(nproc) cores, $(uname -m); $(swiftc --version 2>&1 | head -1)"
status=0
for target in $targets; do
  corpus="$work/corpus/$target"
  mkdir -p "$corpus" "$work/findings/$target"
  max_len=${FUZZ_MAX_LEN:-262144}
  [ "$target" = xlsform ] && max_len=${FUZZ_MAX_LEN:-16384}
  seeds="$work/seeds/$target"
  if [ -n "$(find "$seeds" -type f -size +"$max_len"c | head -1)" ]; then
    seeds="$work/seeds/$target-$max_len"
    rm -rf "$seeds"; mkdir -p "$seeds"
    find "$work/seeds/$target" -type f -size -"$((max_len + 1))"c -exec cp {} "$seeds/" \;
  fi
  echo "fuzz: $target for $seconds s ($(ls "$seeds" | wc -l) seeds of at most $max_len bytes)"
  # The Swift runtime's backtracer would catch a trap before libFuzzer saves the input: leave it to libFuzzer.
  if ! SWIFT_BACKTRACE=enable=no FUZZ_TARGET=$target "$work/sanarip-fuzz" "$corpus" "$seeds" -max_total_time="$seconds" -timeout="${FUZZ_TIMEOUT:-1}" -report_slow_units=1 \
      -rss_limit_mb=2048 -max_len="$max_len" -print_final_stats=1 -artifact_prefix="$work/findings/$target/" \
      > "$work/$target.log" 2>&1; then
    status=1
    echo "fuzz: $target FOUND A PROBLEM: see $work/$target.log and $work/findings/$target/"
  fi
  grep -E '^stat::(number_of_executed_units|average_exec_per_sec|new_units_added|peak_rss_mb)' "$work/$target.log" | sed "s/^/$target /"
  # Inputs that were slow (or timed out) under load, run again alone: over 1 s alone is a hang.
  for slow in "$work/findings/$target"/slow-unit-* "$work/findings/$target"/timeout-*; do
    [ -f "$slow" ] || continue
    ms=$(SWIFT_BACKTRACE=enable=no FUZZ_TARGET=$target "$work/sanarip-fuzz" "$slow" 2>&1 | sed -n 's/^Executed .* in \([0-9]*\) ms$/\1/p')
    echo "$target slow under load: $(basename "$slow"), alone ${ms:-?} ms"
    if [ -z "$ms" ] || [ "$ms" -gt 1000 ]; then status=1; echo "fuzz: $target HANGS over 1 s on $slow"; fi
  done
  grep -E '^#[0-9]+ +DONE' "$work/$target.log" | tail -1 | sed "s/^/$target /" || true
done
exit $status
