#!/usr/bin/env bash
# Runs the store plugin's e2e app twice with the real `warden run`, the real libstore.so and
# WebKitGTK under Xvfb; the page is bundled from the unmodified @tauri-apps/plugin-store.
#   run_store_e2e.sh WARDEN_BIN WORK_DIR PLUGIN_DIR
# Run 1 writes stores, run 2 reads them back. Writes WORK_DIR/results-run{1,2}.txt
# ("<window>\tDONE <json>"), WORK_DIR/log-run{1,2}.txt, the app data folder as run 1 left it in
# WORK_DIR/after-run1/ and as run 2 left it in WORK_DIR/data/dev.warden.e2e.store/.
set -euo pipefail
WARDEN=$1
WORK=$2
PLUGINS=$3
HERE=$(cd "$(dirname "$0")" && pwd)
E2E=$(cd "$HERE/.." && pwd)

. "$E2E/e2e_setup.sh"
e2e_require_tools run_store_e2e xvfb-run node npm python3
e2e_install_npm "$E2E"

rm -rf "$WORK"
APP_DATA="$WORK/data/dev.warden.e2e.store"
mkdir -p "$APP_DATA"
# A damaged store: loading it must fail naming it, and it must survive both runs unchanged.
printf '{\n  "a": tru\n}\n' >"$APP_DATA/broken.json"
cp "$APP_DATA/broken.json" "$WORK/broken.orig"

"$E2E/node_modules/.bin/esbuild" "$HERE/src/store.js" --bundle --format=iife --log-level=warning \
  --outfile="$WORK/bundle.js"

status=0
for run in run1 run2; do
  rm -rf "$WORK/app"
  cp -r "$HERE/app" "$WORK/app"
  cp "$WORK/bundle.js" "$WORK/app/frontend/bundle.js"
  sed -i -e "s|@RUN@|$run|" -e "s|@APP_DATA@|$APP_DATA|" "$WORK/app/frontend/index.html"
  XDG_DATA_HOME="$WORK/data" xvfb-run -a "$WARDEN" --log-level info run "$WORK/app" --plugins "$PLUGINS" \
    --exit-on-title "DONE " --timeout 120 \
    >"$WORK/results-$run.txt" 2> >(tee "$WORK/log-$run.txt" >&2) || status=$?
  cat "$WORK/results-$run.txt" >&2
  [ "$status" -eq 0 ] || break
  [ "$run" = run1 ] && cp -a "$APP_DATA" "$WORK/after-run1"
done
exit $status
