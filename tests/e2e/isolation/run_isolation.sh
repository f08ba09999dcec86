#!/usr/bin/env bash
# Runs the isolation pattern's scenarios (issue 6) once: the real `warden run` under Xvfb on
# tests/e2e/isolation/app (isolation folder with a hook, strict CSP), logging as JSON.
#   run_isolation.sh WARDEN_BIN WORK_DIR APP_LIBRARY_DIR (where libhello.app.so is: the app commands)
# Writes WORK_DIR/results.txt (../check_results.py) and WORK_DIR/log.txt (check_log.py).
set -euo pipefail
WARDEN=$1
WORK=$2
APP_LIBRARIES=$3
HERE=$(cd "$(dirname "$0")" && pwd)
source "$HERE/../e2e_setup.sh"
e2e_require_tools run_isolation xvfb-run
rm -rf "$WORK"
mkdir -p "$WORK"
cp -r "$HERE/app" "$WORK/app"
status=0
xvfb-run -a "$WARDEN" --log-level info --log-format json run "$WORK/app" --plugins "$APP_LIBRARIES" --exit-on-title "DONE " --timeout 60 \
  >"$WORK/results.txt" 2> >(tee "$WORK/log.txt" >&2) || status=$?
cat "$WORK/results.txt" >&2
exit $status
