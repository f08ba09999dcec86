#!/usr/bin/env bash
# Runs the frame-resources attacks once: the real `warden run` with the real store plugin under
# Xvfb, the app page bundled from the unmodified @tauri-apps/plugin-store, the hostile frame served
# from another origin (http://127.0.0.1:PORT).
#   run_frame_resources_attacks.sh WARDEN_BIN WORK_DIR STORE_DIR
# XDG_DATA_HOME is WORK_DIR/data. Writes WORK_DIR/results.txt ("<window>\tDONE <json>") and
# WORK_DIR/log.txt (the host's log).
set -euo pipefail
WARDEN=$1
WORK=$2
STORE_DIR=$3
HERE=$(cd "$(dirname "$0")" && pwd)
E2E=$(cd "$HERE/../.." && pwd)

. "$E2E/e2e_setup.sh"
e2e_require_tools run_frame_resources_attacks xvfb-run node npm python3
e2e_install_npm "$E2E"

rm -rf "$WORK"
mkdir -p "$WORK/data"
cp -r "$HERE/app" "$WORK/app"
cp -r "$HERE/remote" "$WORK/remote"
"$E2E/node_modules/.bin/esbuild" "$HERE/frame-resources.js" --bundle --format=iife --log-level=warning \
  --outfile="$WORK/app/frontend/bundle.js"

# A second origin for the frame.
python3 "$E2E/static_server.py" "$WORK/remote" "$WORK/port" &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 100); do [ -s "$WORK/port" ] && break; sleep 0.05; done
[ -s "$WORK/port" ] || { echo "run_frame_resources_attacks: the static server did not start" >&2; exit 1; }
sed -i -e "s|@REMOTE_BASE@|http://127.0.0.1:$(cat "$WORK/port")|g" "$WORK/app/frontend/index.html"

status=0
XDG_DATA_HOME="$WORK/data" xvfb-run -a "$WARDEN" --log-level info run "$WORK/app" --plugins "$STORE_DIR" \
  --exit-on-title "DONE " --timeout 120 \
  >"$WORK/results.txt" 2> >(tee "$WORK/log.txt" >&2) || status=$?
cat "$WORK/results.txt" >&2
exit $status
