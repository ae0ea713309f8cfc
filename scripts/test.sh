#!/usr/bin/env bash
# Runs every test. Installs what the tests need first (Java, pyxform with ODK Validate), idempotently.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
scripts/setup.sh
swift build --build-tests
swift test --skip-build "$@"
