#!/usr/bin/env bash
# Differential check of `sanarip form convert` against pyxform 4.5.0 on the real-world XLSForm corpus listed in
# sources.tsv (restored into forms/ by restore.sh; the forms are not in git). Both XForms of every form go through
# ODK Validate and are compared structurally by compare.py. Usage: Benchmarks/xlsform-corpus/run.sh [OUT_DIR]
# Without the corpus (CI has no access to GitHub) it says so loudly and exits 0: the check is skipped, not passed.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
here="$root/Benchmarks/xlsform-corpus"
cd "$root"
if ! compgen -G "$here/forms/*.xlsx" > /dev/null; then
    echo "SKIPPED: the XLSForm corpus is absent ($here/forms is empty)." >&2
    echo "SKIPPED: restore it with Benchmarks/xlsform-corpus/restore.sh MIRROR_DIR (see sources.tsv); nothing was compared." >&2
    exit 0
fi
venv=${SANARIP_VENV:-$root/.venv}
[[ -x "$venv/bin/python" ]] || scripts/setup.sh > /dev/null
swift build --product sanarip > /dev/null
out=${1:-$root/out/xlsform-corpus}
mkdir -p "$out"
"$venv/bin/python" "$here/compare.py" "$(swift build --show-bin-path)/sanarip" "$here/forms" "$out"
echo "report: $out/report.md"
