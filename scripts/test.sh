#!/usr/bin/env bash
# Installs what Warden needs, builds it (Ninja, -j2) and runs the whole test suite with ctest.
# Safe to run again: it reuses build/ and only rebuilds what changed.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-deps.sh
BUILD_DIR=${WARDEN_BUILD_DIR:-build}
JOBS=${WARDEN_JOBS:-2}

start=$(date +%s)
cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DWARDEN_BUILD_TESTS=ON
cmake --build "$BUILD_DIR" -j "$JOBS"
built=$(date +%s)
echo "test.sh: build took $((built - start)) s" >&2

cd "$BUILD_DIR"
# ctest's summary (with its total time) must stay the last thing printed.
exec ctest --output-on-failure --timeout 600 -j "$JOBS"
