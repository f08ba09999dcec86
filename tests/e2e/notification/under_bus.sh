#!/usr/bin/env bash
# Runs the host on a session bus of its own with Debian's dunst as its notification server:
# setup.sh points WARDEN at `dbus-run-session -- under_bus.sh WORK WARDEN ARGS...`, inside
# xvfb-run (dunst needs a display). Starts dunst with the suite's dunstrc, waits until it owns
# org.freedesktop.Notifications, tells notify_driver.py the bus (WORK/bus), runs WARDEN ARGS (its
# stdout is the run's results), stops dunst (dbus-run-session then ends the bus).
set -euo pipefail
work=$1 warden=$2
shift 2
dunst -config "$work/dunstrc" >"$work/dunst.log" 2>&1 &
server=$!
stop_server() { kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; }
trap stop_server EXIT
server_owned() {
  dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
    org.freedesktop.DBus.NameHasOwner string:org.freedesktop.Notifications 2>/dev/null | grep -q "boolean true"
}
for _ in $(seq 200); do server_owned && break; sleep 0.05; done
server_owned || { echo "under_bus: dunst did not take org.freedesktop.Notifications (see $work/dunst.log)" >&2; exit 1; }
echo "under_bus: dunst on $DBUS_SESSION_BUS_ADDRESS" >&2
printf 'DBUS_SESSION_BUS_ADDRESS=%s\n' "$DBUS_SESSION_BUS_ADDRESS" >"$work/bus.tmp"
mv "$work/bus.tmp" "$work/bus"
status=0
"$warden" "$@" || status=$?
exit $status
