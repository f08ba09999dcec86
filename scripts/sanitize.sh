#!/usr/bin/env bash
# Builds everything with AddressSanitizer + UndefinedBehaviorSanitizer and runs the suite.
# Separate from CI's run (it doubles build and test time); run before a release or after
# touching a parser, the loader or the IPC layer.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
BUILD_DIR=${WARDEN_BUILD_DIR:-build-asan}
cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=Debug \
  -DWARDEN_SANITIZE=address,undefined -DWARDEN_BUILD_BENCHMARKS=OFF
cmake --build "$BUILD_DIR" -j "${WARDEN_JOBS:-2}"
cd "$BUILD_DIR"
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
exec ctest --output-on-failure --timeout 900 -j "${WARDEN_JOBS:-2}"
