#!/usr/bin/env bash
# Runs the host on a session bus of its own with a StatusNotifierWatcher on it, as a desktop
# session has: setup.sh points WARDEN at `dbus-run-session -- under_bus.sh WORK WARDEN ARGS...`,
# inside xvfb-run. Starts Debian's status-notifier-watcher, waits until it owns its name, tells
# sni_driver.py the bus (WORK/bus), runs WARDEN ARGS (its stdout is the run's results), stops
# the watcher (dbus-run-session then ends the bus).
set -euo pipefail
work=$1 warden=$2
shift 2
status-notifier-watcher >"$work/watcher-1.log" 2>&1 &
watcher=$!
stop_watcher() { kill "$watcher" 2>/dev/null || true; wait "$watcher" 2>/dev/null || true; }
trap stop_watcher EXIT
watcher_owned() {
  dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
    org.freedesktop.DBus.NameHasOwner string:org.kde.StatusNotifierWatcher 2>/dev/null | grep -q "boolean true"
}
for _ in $(seq 200); do watcher_owned && break; sleep 0.05; done
watcher_owned || { echo "under_bus: status-notifier-watcher did not take its name (see $work/watcher-1.log)" >&2; exit 1; }
echo "under_bus: status-notifier-watcher on $DBUS_SESSION_BUS_ADDRESS" >&2
printf 'DBUS_SESSION_BUS_ADDRESS=%s\n' "$DBUS_SESSION_BUS_ADDRESS" >"$work/bus.tmp"
mv "$work/bus.tmp" "$work/bus"
status=0
"$warden" "$@" || status=$?
exit $status
