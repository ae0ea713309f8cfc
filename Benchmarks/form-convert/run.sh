#!/usr/bin/env bash
# Benchmark: convert a generated 2,000-question, three-language XLSForm with a release build of sanarip,
# next to pyxform's command-line tool on the same .xlsx in the same run.
# Usage: Benchmarks/form-convert/run.sh [QUESTIONS] [RUNS]   (SANARIP=path: that binary; SANARIP_VENV: the Python
# environment with pyxform, default .venv, made by scripts/setup.sh when missing)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
venv=${SANARIP_VENV:-$root/.venv}
[[ -x "$venv/bin/python" ]] || scripts/setup.sh >/dev/null
questions=${1:-2000}
runs=${2:-5}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
source "$root/Benchmarks/lib/sanarip-binary.sh"
bin=$(sanarip_binary)
python3 Benchmarks/form-convert/generate_form.py "$work/form" "$questions"
"$bin" form xlsx "$work/form" -o "$work/form.xlsx" --no-warnings
"$bin" form convert "$work/form.xlsx" -o "$work/check.xml" --no-warnings
echo "machine: $(nproc) cores, $(uname -m); $(swift --version 2>&1 | head -1)"
"$venv/bin/python" Benchmarks/form-convert/bench.py "$bin" "$work/form.xlsx" "$runs"
