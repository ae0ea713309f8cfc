# Sourced by every Benchmarks/*/run.sh: `bin=$(sanarip_binary)` gives the sanarip binary to measure.
# - SANARIP=/path wins (another build, e.g. a debug build for a quick check: say which in the figures);
# - otherwise the release build in the repository's .build/release, built first (`swift build -c release --product
#   sanarip`, the same flags for every benchmark) when it is missing. An existing build is not rebuilt: when a source
#   file is newer than it, a warning says so (rebuild it, or set SANARIP).
# The release build links the Swift runtime and Foundation statically (`--static-swift-stdlib`), as a Swift server is
# deployed: one self-contained binary that does not load some 20 shared libraries (ICU included) at every start.
# The chosen binary is named on standard error, so that every benchmark's output says what it measured.

sanarip_repository=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)

sanarip_binary() {
  local bin
  if [ -n "${SANARIP:-}" ]; then
    bin=$SANARIP
    if [ ! -x "$bin" ] || [ -d "$bin" ]; then
      echo "SANARIP=$bin is not an executable file; build one (swift build -c release --static-swift-stdlib --product sanarip) or unset SANARIP" >&2
      return 1
    fi
  else
    bin=$sanarip_repository/.build/release/sanarip
    if [ ! -x "$bin" ]; then
      echo "benchmark: no release build at $bin; building it (swift build -c release --static-swift-stdlib --product sanarip)" >&2
      (cd "$sanarip_repository" && swift build -c release --static-swift-stdlib --product sanarip >&2) || return 1
    fi
    local newer
    newer=$(find "$sanarip_repository/Sources" "$sanarip_repository/Package.swift" -newer "$bin" -type f 2>/dev/null | head -1)
    if [ -n "$newer" ]; then
      echo "benchmark: warning: $newer is newer than $bin; run swift build -c release --static-swift-stdlib --product sanarip to measure the current sources" >&2
    fi
  fi
  echo "benchmark: sanarip binary $bin ($(date -u -r "$bin" +'%Y-%m-%d %H:%M UTC'))" >&2
  echo "$bin"
}
