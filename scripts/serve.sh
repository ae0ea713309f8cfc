#!/usr/bin/env bash
# Starts the Sanarip workbench on its embedded SQLite store (./sanarip-data) and prints its address.
# Extra arguments go to `sanarip serve` (e.g. --port 8081, --data DIR).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
scripts/setup.sh --serve
swift build --product sanarip
exec "$(swift build --show-bin-path)/sanarip" serve "$@"
