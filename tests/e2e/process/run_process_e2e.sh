#!/usr/bin/env bash
# The process e2e runs its app twice with the one runner (../run_app.sh):
#   restart: the page restarts the app 3 times (its state in a store file), the 4th restart is
#            refused as a loop; the last run reports every run's results (results-restart.txt).
#   exit:    the page calls exit(3); the runner must see status 3 (exit-status.txt).
# Leaves results-*.txt, log-*.txt and exit-status.txt in WORK_DIR.
#   run_process_e2e.sh WARDEN_BIN WORK_DIR PLUGIN_DIR
set -euo pipefail
WARDEN=$1 WORK=$2 PLUGINS=$3
HERE=$(cd "$(dirname "$0")" && pwd)
rm -rf "$WORK"
run() {
  "$HERE/../run_app.sh" --warden "$WARDEN" --work "$WORK" --app "$HERE/app" --results "$1" \
    --bundle "$HERE/src/process.js" --data --plugins "$PLUGINS" --setup "$HERE/setup.sh" --var MODE="$1" \
    --unset WARDEN_RAPID_RESTARTS
}
run restart
status=0
run exit || status=$?
echo "$status" >"$WORK/exit-status.txt"
echo "process e2e: the exit run ended with status $status (expected 3)" >&2
