#!/usr/bin/env bash
# Runs every test. Installs what the tests need first (Java, pyxform with ODK Validate), idempotently.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
scripts/setup.sh
swift build --build-tests
# Serially: several suites wait on external reference tools (R, ODK Validate, Python); run in parallel they
# starve the small cooperative thread pool on 2 cores and time-dependent tests become unreliable.
swift test --skip-build --no-parallel "$@"
# The ODK Collect sequence against a running `sanarip serve`, through a key URL, HTTP Digest and HTTP Basic (curl).
SANARIP="$root/.build/debug/sanarip" scripts/openrosa-smoke.sh
