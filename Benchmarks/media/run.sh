#!/usr/bin/env bash
# Media narratives benchmark (issue 12): N generated articles of W words (make-articles.py, a Media Cloud-style CSV)
# imported into a fresh store, then `sanarip media frames --by month` over all of them, whole process (read from
# SQLite, match every article against the built-in trilingual dictionary, count, write CSV); the same counting in
# Python with one regular expression per term (peer.py) in the same run. Goal: seconds, not minutes, for 100,000.
# The peer reads the first PEER_N articles (default 10,000: one regex per term takes minutes over 100,000); with
# PEER_N equal to N its article-frame pairs must equal Sanarip's (a check of the matcher at scale).
# Usage: Benchmarks/media/run.sh [N=100000] [W=250] [--no-peer]   (release build: swift build -c release; set SANARIP=…)
# COPIES=0.1 (default): that share of the articles are syndicated copies with edits (grouped by `media copies`).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
n=${1:-100000}; w=${2:-250}; peer=${3:-}
sanarip=${SANARIP:-$root/.build/release/sanarip}
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
copies=${COPIES:-0.1}
python3 "$root/Benchmarks/media/make-articles.py" "$n" "$w" "$work/articles.csv" 2026 "$copies"
echo "articles: $n x $w words ($copies of them syndicated copies), $(du -h "$work/articles.csv" | cut -f1) CSV"
t() { local label=$1; shift; /usr/bin/time -f "$label: %e s wall, %U+%S s CPU, %M KB peak" "$@" >/dev/null; }
t "media import" "$sanarip" media import "$work/articles.csv" --data "$work/store"
# Near-duplicates (MinHash over word 5-shingles, LSH 32 bands x 4 rows, exact Jaccard on candidates), then the
# frames runs count every copy (--count-copies) so the pairs stay comparable with the peer's; one run counts groups once.
t "media copies --threshold 0.8" "$sanarip" media copies --threshold 0.8 --data "$work/store"
"$sanarip" media copies --data "$work/store" | tail -1
# The exact grouping in Python (every pair sharing a shingle compared) must give the same groups and copies.
if [ "$n" -le "${COPIES_PEER_MAX:-20000}" ]; then
  t "peer: exact Jaccard grouping in Python" python3 "$root/Benchmarks/media/copies-peer.py" "$work/articles.csv" 0.8
  python3 "$root/Benchmarks/media/copies-peer.py" "$work/articles.csv" 0.8
fi
for run in 1 2 3; do
  t "media frames --by month --count-copies (run $run)" "$sanarip" media frames --by month --count-copies -o "$work/frames.csv" --data "$work/store"
done
t "media frames --by month (groups of copies once)" "$sanarip" media frames --by month -o "$work/frames-once.csv" --data "$work/store"
t "media frames --by week --group outlet -o .xlsx" "$sanarip" media frames --by week --group outlet --count-copies -o "$work/frames.xlsx" --data "$work/store"
# Place mentions (the frame's oblasts, districts and municipalities) over the same articles.
t "media places --level municipality --by month" "$sanarip" media places --level municipality --by month -o "$work/places.csv" \
  --frame "$root/data/frames" --choices "$root/instruments/digital-divide-kg/choices.csv" --data "$work/store"
head -3 "$work/frames.csv" | cut -c1-160
# The article-frame pairs Sanarip counted (the frame columns, not the shares), to compare with the peer's.
awk -F, 'NR > 1 { for (i = 4; i <= NF; i += 2) pairs += $i; articles += $3 } END { print "sanarip: " articles " dated articles, " pairs " article-frame pairs" }' "$work/frames.csv"
if [ "$peer" != "--no-peer" ]; then
  peer_n=${PEER_N:-10000}
  t "peer: Python, one regex per term, first $peer_n articles" python3 "$root/Benchmarks/media/peer.py" "$work/articles.csv" \
    "$root/Sources/SanaripQualitative/Resources/media-frames-digital-divide-kg.csv" "$peer_n"
fi
