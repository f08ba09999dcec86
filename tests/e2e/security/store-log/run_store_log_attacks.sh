#!/usr/bin/env bash
# Runs the store-log attacks once: the real `warden run` with the real store, log and fs plugins
# under Xvfb, the page bundled from the unmodified @tauri-apps/plugin-store, -log and -fs.
#   run_store_log_attacks.sh WARDEN_BIN WORK_DIR STORE_DIR LOG_DIR FS_DIR
# XDG_DATA_HOME is WORK_DIR/data, so $APPDATA is WORK_DIR/data/dev.warden.security.storelog and the
# log file $APPDATA/logs/dev.warden.security.storelog.log. Writes WORK_DIR/results.txt
# ("<window>\tDONE <json>") and WORK_DIR/log.txt (the host's log).
set -euo pipefail
WARDEN=$1
WORK=$2
HERE=$(cd "$(dirname "$0")" && pwd)
E2E=$(cd "$HERE/../.." && pwd)
shift 2
plugin_args=()
for dir in "$@"; do plugin_args+=(--plugins "$dir"); done

. "$E2E/e2e_setup.sh"
e2e_require_tools run_store_log_attacks xvfb-run node npm python3
e2e_install_npm "$E2E"

rm -rf "$WORK"
mkdir -p "$WORK/data"
cp -r "$HERE/app" "$WORK/app"
"$E2E/node_modules/.bin/esbuild" "$HERE/store-log.js" --bundle --format=iife --log-level=warning \
  --outfile="$WORK/app/frontend/bundle.js"

status=0
XDG_DATA_HOME="$WORK/data" xvfb-run -a "$WARDEN" --log-level info run "$WORK/app" "${plugin_args[@]}" \
  --exit-on-title "DONE " --timeout 120 \
  >"$WORK/results.txt" 2> >(tee "$WORK/log.txt" >&2) || status=$?
cat "$WORK/results.txt" >&2
exit $status
