#!/usr/bin/env bash
# The store e2e runs its app twice with the one runner (../run_app.sh): the second run reads what
# the first saved. Leaves results-run1.txt, results-run2.txt, log-run1.txt, log-run2.txt and
# after-run1/ (the app data folder between the runs) in WORK_DIR.
#   run_store_e2e.sh WARDEN_BIN WORK_DIR STORE_PLUGIN_DIR
set -euo pipefail
WARDEN=$1 WORK=$2 PLUGINS=$3
HERE=$(cd "$(dirname "$0")" && pwd)
rm -rf "$WORK"
for run in run1 run2; do
  "$HERE/../run_app.sh" --warden "$WARDEN" --work "$WORK" --app "$HERE/app" --results "$run" \
    --bundle "$HERE/src/store.js" --data --plugins "$PLUGINS" --setup "$HERE/setup.sh" --var RUN="$run"
  [ "$run" = run2 ] || cp -a "$WORK/data/dev.warden.e2e.store" "$WORK/after-run1"
done
