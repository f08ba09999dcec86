#!/usr/bin/env bash
# Runs the host on a session bus of its own with one service of the suite's on it, as a desktop
# session has (tray: a StatusNotifierWatcher; notification: dunst; opener: a FileManager1):
#
#   dbus-run-session -- under_session_bus.sh --owns NAME --log FILE [--pid-file FILE] [--bus-file]
#                       SERVICE... -- WORK WARDEN ARGS...
#
# setup.sh says so with `e2e_wrap_host "$E2E/under_session_bus.sh" "dbus-run-session --" OPTIONS...
# SERVICE... --`, inside xvfb-run. Starts SERVICE (its output to WORK/FILE), waits until it owns
# the bus name NAME, writes its process id to WORK/FILE (--pid-file: a driver stops it for a
# scenario) and the bus address to WORK/bus (--bus-file: a driver started before the bus reads
# it), runs WARDEN ARGS (its stdout is the run's results), then stops the service
# (dbus-run-session then ends the bus).
set -euo pipefail
usage() { echo "under_session_bus: $1 (usage: --owns NAME --log FILE [--pid-file FILE] [--bus-file] SERVICE... -- WORK WARDEN ARGS...)" >&2; exit 2; }
owns='' log='' pid_file='' bus_file=0
while [[ $# -gt 0 && $1 == --* && $1 != -- ]]; do
  case $1 in
    --owns) owns=${2:-}; shift 2 ;;
    --log) log=${2:-}; shift 2 ;;
    --pid-file) pid_file=${2:-}; shift 2 ;;
    --bus-file) bus_file=1; shift ;;
    *) usage "unknown option '$1'" ;;
  esac
done
[[ -n $owns && -n $log ]] || usage "--owns and --log are required"
service=()
while [[ $# -gt 0 && $1 != -- ]]; do service+=("$1"); shift; done
[[ ${#service[@]} -gt 0 && $# -ge 3 ]] || usage "expected SERVICE... -- WORK WARDEN"
shift
work=$1 warden=$2
shift 2

"${service[@]}" >"$work/$log" 2>&1 &
server=$!
[[ -z $pid_file ]] || echo "$server" >"$work/$pid_file"
stop_server() { kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; }
trap stop_server EXIT
name_owned() {
  dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
    org.freedesktop.DBus.NameHasOwner "string:$owns" 2>/dev/null | grep -q "boolean true"
}
for _ in $(seq 200); do name_owned && break; sleep 0.05; done
name_owned || { echo "under_session_bus: ${service[0]} did not take $owns (see $work/$log)" >&2; exit 1; }
echo "under_session_bus: $owns owned by ${service[0]} on $DBUS_SESSION_BUS_ADDRESS" >&2
if [[ $bus_file == 1 ]]; then
  printf 'DBUS_SESSION_BUS_ADDRESS=%s\n' "$DBUS_SESSION_BUS_ADDRESS" >"$work/bus.tmp"
  mv "$work/bus.tmp" "$work/bus"
fi
status=0
"$warden" "$@" || status=$?
exit $status
