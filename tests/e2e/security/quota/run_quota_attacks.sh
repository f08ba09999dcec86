#!/usr/bin/env bash
# Runs the quota attacks once: the real `warden run` with the real store and log plugins under
# Xvfb, the page bundled from the unmodified @tauri-apps/plugin-store and -log.
#   run_quota_attacks.sh WARDEN_BIN WORK_DIR STORE_DIR LOG_DIR
# XDG_DATA_HOME is WORK_DIR/data, so $APPDATA is WORK_DIR/data/dev.warden.security.quota. Writes
# WORK_DIR/results.txt ("<window>\tDONE <json>") and WORK_DIR/log.txt (the host's log).
set -euo pipefail
WARDEN=$1
WORK=$2
HERE=$(cd "$(dirname "$0")" && pwd)
E2E=$(cd "$HERE/../.." && pwd)
shift 2
plugin_args=()
# One --plugins per folder: the plugins may share one (a second copy of a plugin is refused).
for dir in $(printf '%s\n' "$@" | sort -u); do plugin_args+=(--plugins "$dir"); done

. "$E2E/e2e_setup.sh"
e2e_require_tools run_quota_attacks xvfb-run node npm python3
e2e_install_npm "$E2E"

rm -rf "$WORK"
mkdir -p "$WORK/data"
cp -r "$HERE/app" "$WORK/app"
"$E2E/node_modules/.bin/esbuild" "$HERE/quota.js" --bundle --format=iife --log-level=warning \
  --outfile="$WORK/app/frontend/bundle.js"

status=0
XDG_DATA_HOME="$WORK/data" xvfb-run -a "$WARDEN" --log-level info run "$WORK/app" "${plugin_args[@]}" \
  --exit-on-title "DONE " --timeout 180 \
  >"$WORK/results.txt" 2> >(tee "$WORK/log.txt" >&2 | head -c 200000 >/dev/null) || status=$?
cat "$WORK/results.txt" >&2
exit $status
