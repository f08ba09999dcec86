#!/usr/bin/env bash
# Builds everything with AddressSanitizer + UndefinedBehaviorSanitizer and runs the suite.
# Separate from CI's run (it doubles build and test time); run before a release or after
# touching a parser, the loader or the IPC layer.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
bash scripts/install-deps.sh
BUILD_DIR=${WARDEN_BUILD_DIR:-build-asan}
# RelWithDebInfo, not Debug: the suite checks release behaviour too (generic errors to the page).
cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DWARDEN_SANITIZE=address,undefined -DWARDEN_BUILD_BENCHMARKS=OFF
cmake --build "$BUILD_DIR" -j "${WARDEN_JOBS:-2}"
cd "$BUILD_DIR"
# Full stacks for leaks (GTK/WebKit have no frame pointers), so that the suppressions, which
# name only system libraries, match exactly what those libraries keep until exit.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:fast_unwind_on_malloc=0}
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$ROOT/tests/sanitizers/lsan.supp:print_suppressions=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
exec ctest --output-on-failure --timeout 900 -j "${WARDEN_JOBS:-2}"
