#!/usr/bin/env bash
# Benchmark: convert a generated 2,000-question, three-language XLSForm with a release build of sanarip,
# next to pyxform on the same .xlsx in the same run. Usage: Benchmarks/form-convert/run.sh [QUESTIONS] [RUNS]
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
scripts/setup.sh >/dev/null
questions=${1:-2000}
runs=${2:-5}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# Built as Swift servers are deployed: release, with the Swift runtime and Foundation linked statically, which
# saves the ~7 ms of loading their shared libraries (ICU included) at every start. Own build folder.
swift build -c release --product sanarip --static-swift-stdlib --scratch-path .build-static >/dev/null
bin=$(swift build -c release --static-swift-stdlib --scratch-path .build-static --show-bin-path)/sanarip
python3 Benchmarks/form-convert/generate_form.py "$work/form" "$questions"
"$bin" form xlsx "$work/form" -o "$work/form.xlsx" --no-warnings
"$bin" form convert "$work/form.xlsx" -o "$work/check.xml" --no-warnings
echo "machine: $(nproc) cores, $(uname -m); $(swift --version 2>&1 | head -1)"
.venv/bin/python Benchmarks/form-convert/bench.py "$bin" "$work/form.xlsx" "$runs"
