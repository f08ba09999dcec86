#!/usr/bin/env bash
# Runs the host on a session bus of its own where a file manager of the test's owns
# org.freedesktop.FileManager1 (file_manager_service.py, recording ShowItems to WORK/shown.jsonl):
# setup.sh points WARDEN at `dbus-run-session -- under_bus.sh WORK WARDEN ARGS...`, inside
# xvfb-run. Waits until the service owns its name, runs WARDEN ARGS (its stdout is the run's
# results), then stops the service (dbus-run-session then ends the bus).
set -euo pipefail
work=$1 warden=$2
shift 2
here=$(cd "$(dirname "$0")" && pwd)
/usr/bin/python3 "$here/file_manager_service.py" "$work/shown.jsonl" >"$work/file-manager.log" 2>&1 &
service=$!
echo "$service" >"$work/file-manager.pid"  # opener_driver.py stops it for the fallback scenario
stop_service() { kill "$service" 2>/dev/null || true; wait "$service" 2>/dev/null || true; }
trap stop_service EXIT
name_owned() {
  dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
    org.freedesktop.DBus.NameHasOwner string:org.freedesktop.FileManager1 2>/dev/null | grep -q "boolean true"
}
for _ in $(seq 200); do name_owned && break; sleep 0.05; done
name_owned ||
  { echo "under_bus: file_manager_service.py did not take its name (see $work/file-manager.log)" >&2; exit 1; }
echo "under_bus: org.freedesktop.FileManager1 on $DBUS_SESSION_BUS_ADDRESS" >&2
status=0
"$warden" "$@" || status=$?
exit $status
