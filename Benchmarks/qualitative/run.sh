#!/usr/bin/env bash
# Focus-group benchmark (issue 12): import a REFI-QDA project of N transcripts of W words coded by two coders
# (make-project.py), then agreement at character and turn level and a code x group matrix, whole `sanarip` process.
# Usage: Benchmarks/qualitative/run.sh [N=200] [W=15000]   (SANARIP=path: that binary)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
n=${1:-200}; w=${2:-15000}
source "$root/Benchmarks/lib/sanarip-binary.sh"
sanarip=$(sanarip_binary)
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
python3 "$root/Benchmarks/qualitative/make-project.py" "$n" "$w" "$work/bench.qdpx"
echo "project: $n transcripts x $w words, $(du -h "$work/bench.qdpx" | cut -f1) .qdpx"
t() { local label=$1; shift; /usr/bin/time -f "$label: %e s wall, %U+%S s CPU, %M KB peak" "$@" >/dev/null; }
t "import .qdpx" "$sanarip" qual import "$work/bench.qdpx" --project bench --data "$work/store"
t "agreement --unit character" "$sanarip" qual agreement --project bench --unit character --format json --data "$work/store"
t "agreement --unit turn" "$sanarip" qual agreement --project bench --unit turn --format json --data "$work/store"
t "matrix --by sex" "$sanarip" qual matrix --project bench --by sex --format csv --data "$work/store"
t "export .qdpx" "$sanarip" qual export --project bench -o "$work/out.qdpx" --data "$work/store"
