#!/usr/bin/env bash
# app.exit(code) ends `warden run` with that code: runs the windows app with WINDOWS_MODE "exit"
# (its page calls exit(7) at once) and fails unless the run ended with status 7.
#   check_exit.sh RUN_APP WARDEN WORK SUITE_DIR
set -uo pipefail
run_app=$1 warden=$2 work=$3 suite=$4
"$run_app" --warden "$warden" --work "$work" --app "$suite/app" --bundle "$suite/windows.js" \
  --define 'WINDOWS_MODE="exit"' --timeout 30
status=$?
if [ "$status" -ne 7 ]; then
  echo "FAILED: app.exit(7) should end the run with status 7, it ended with $status (log: $work/log.txt)" >&2
  exit 1
fi
echo "app.exit(7): the run ended with status 7"
