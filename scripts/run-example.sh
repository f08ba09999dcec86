#!/usr/bin/env bash
# Installs what Warden needs, builds the host and its plugins, and runs a sample app:
#   scripts/run-example.sh [examples/hello]
# Without a display it runs under Xvfb, writes a screenshot next to the build and exits.
set -euo pipefail
cd "$(dirname "$0")/.."

APP=${1:-examples/hello}
BUILD_DIR=${WARDEN_BUILD_DIR:-build}
bash scripts/install-deps.sh
cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo
cmake --build "$BUILD_DIR" -j "${WARDEN_JOBS:-2}" --target warden warden_plugins

WARDEN=("$BUILD_DIR/host/warden" run "$APP" --plugins "$BUILD_DIR/plugins")
if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
  exec "${WARDEN[@]}"
fi
shot="$BUILD_DIR/$(basename "$APP")-screenshot.png"
echo "run-example: no display; running under Xvfb, screenshot to $shot" >&2
exec xvfb-run -a "${WARDEN[@]}" --screenshot "$shot" --exit-after-load
