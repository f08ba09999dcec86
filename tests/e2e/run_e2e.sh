#!/usr/bin/env bash
# Runs Warden's end-to-end scenarios once: the real `warden run` and real WebKitGTK under Xvfb,
# with a test frontend bundled from the real @tauri-apps/api (installed from the lockfile).
#   run_e2e.sh WARDEN_BIN WORK_DIR APP_LIBRARY_DIR
# APP_LIBRARY_DIR holds the app library (libhello.app.so, the app commands greet, echo, ...).
# Writes WORK_DIR/results.txt ("<window label>\tDONE <json>" per open window) and WORK_DIR/log.txt
# (the host's log) for check_results.py.
# Fails loudly when Xvfb, node or npm is missing: nothing here skips itself.
set -euo pipefail
WARDEN=$1
WORK=$2
APP_LIBRARIES=$3
HERE=$(cd "$(dirname "$0")" && pwd)

. "$HERE/e2e_setup.sh"
e2e_require_tools run_e2e xvfb-run node npm python3
e2e_install_npm "$HERE"

rm -rf "$WORK"
mkdir -p "$WORK"
cp -r "$HERE/app" "$WORK/app"
cp -r "$HERE/remote" "$WORK/remote"
# A link inside the asset scope to a file outside it (scenario asset_protocol).
ln -s ../warden.conf.json "$WORK/app/assets/escape.txt"
"$HERE/node_modules/.bin/esbuild" "$HERE/src/main.js" --bundle --format=iife --log-level=warning \
  --outfile="$WORK/app/frontend/bundle.js"
cp "$WORK/app/frontend/bundle.js" "$WORK/remote/bundle.js"

# A second origin for remote pages and cross-origin iframes: a static server on a free port.
python3 "$HERE/static_server.py" "$WORK/remote" "$WORK/port" &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 100); do [ -s "$WORK/port" ] && break; sleep 0.05; done
[ -s "$WORK/port" ] || { echo "run_e2e: the static server did not start" >&2; exit 1; }
base="http://127.0.0.1:$(cat "$WORK/port")"
sed -i "s|@REMOTE_BASE@|$base|g" "$WORK/app/warden.conf.json" "$WORK/app/frontend/index.html" "$WORK/remote/remote.html"

# Test-only environment: none. WebKitGTK 4.1 runs as root under Xvfb without disabling its
# sandbox (see docs/ipc.md); if that changes, the setting belongs here and only here.
status=0
xvfb-run -a "$WARDEN" --log-level info run "$WORK/app" --plugins "$APP_LIBRARIES" --exit-on-title "DONE " --timeout 120 \
  >"$WORK/results.txt" 2> >(tee "$WORK/log.txt" >&2) || status=$?
cat "$WORK/results.txt" >&2
exit $status
