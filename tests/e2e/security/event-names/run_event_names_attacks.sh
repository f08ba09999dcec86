#!/usr/bin/env bash
# Runs the event-name forgeries once: the real `warden run` with the real store plugin under Xvfb,
# the page bundled from the unmodified @tauri-apps/api and @tauri-apps/plugin-store.
#   run_event_names_attacks.sh WARDEN_BIN WORK_DIR STORE_DIR
# Writes WORK_DIR/results.txt ("<window>\tDONE <json>") and WORK_DIR/log.txt (the host's log).
set -euo pipefail
WARDEN=$1
WORK=$2
STORE=$3
HERE=$(cd "$(dirname "$0")" && pwd)
E2E=$(cd "$HERE/../.." && pwd)

. "$E2E/e2e_setup.sh"
e2e_require_tools run_event_names_attacks xvfb-run node npm python3
e2e_install_npm "$E2E"

rm -rf "$WORK"
mkdir -p "$WORK/data"
cp -r "$HERE/app" "$WORK/app"
"$E2E/node_modules/.bin/esbuild" "$HERE/event-names.js" --bundle --format=iife --log-level=warning \
  --outfile="$WORK/app/frontend/bundle.js"

status=0
XDG_DATA_HOME="$WORK/data" xvfb-run -a "$WARDEN" --log-level info run "$WORK/app" --plugins "$STORE" \
  --exit-on-title "DONE " --timeout 120 \
  >"$WORK/results.txt" 2> >(tee "$WORK/log.txt" >&2) || status=$?
cat "$WORK/results.txt" >&2
exit $status
