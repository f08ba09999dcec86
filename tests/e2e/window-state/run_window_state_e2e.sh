#!/usr/bin/env bash
# The window-state e2e runs its app three times with the one runner (../run_app.sh) on one home
# folder (--home: $APPCONFIG is WORK/home/.config/<identifier>): the second run opens what the first
# saved; the third finds a damaged state file; the fourth a position off every monitor. Leaves
# results-RUN.txt, page-results-RUN.txt, log-RUN.txt for RUN in first, second, damaged, offscreen, and the state file after each of the first two
# runs (state-after-first.json, state-after-second.json) in WORK_DIR.
#   run_window_state_e2e.sh WARDEN_BIN WORK_DIR PLUGIN_DIR
set -euo pipefail
WARDEN=$1 WORK=$2 PLUGINS=$3
HERE=$(cd "$(dirname "$0")" && pwd)
STATE="$WORK/home/.config/dev.warden.e2e.window-state/.window-state.json"
rm -rf "$WORK"
for run in first second damaged offscreen; do
  "$HERE/../run_app.sh" --warden "$WARDEN" --work "$WORK" --app "$HERE/app" --results "$run" --home \
    --bundle "$HERE/window_state.js" --define "RUN=\"$run\"" --plugins "$PLUGINS" --setup "$HERE/setup.sh" \
    --var RUN="$run" --timeout 90
  mv "$WORK/page-results.txt" "$WORK/page-results-$run.txt"
  case $run in first | second) cp -p "$STATE" "$WORK/state-after-$run.json" ;; esac
done
