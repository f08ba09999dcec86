#!/usr/bin/env bash
# Runs the host as a Wayland client: run_app.sh runs this in place of `warden` (setup_wayland.sh
# points WARDEN here), inside xvfb-run, whose X display the host must not use.
#   under_weston.sh WORK WARDEN ARGS...
# Starts Debian's weston with its headless backend on a socket in WORK, waits until the socket is
# there, runs WARDEN ARGS with GDK_BACKEND=wayland and no DISPLAY, stops weston. Fails (never
# skips) when weston cannot start here, with its log.
set -euo pipefail
work=$1 warden=$2
shift 2
export XDG_RUNTIME_DIR="$work/wayland-runtime"
rm -rf "$XDG_RUNTIME_DIR"
mkdir -m 700 "$XDG_RUNTIME_DIR"
weston --backend=headless-backend.so --socket=warden-e2e --idle-time=0 >"$work/weston.log" 2>&1 &
compositor=$!
stop() { kill "$compositor" 2>/dev/null || true; wait "$compositor" 2>/dev/null || true; }
trap stop EXIT
for _ in $(seq 200); do [ -S "$XDG_RUNTIME_DIR/warden-e2e" ] && break; sleep 0.05; done
[ -S "$XDG_RUNTIME_DIR/warden-e2e" ] ||
  { echo "under_weston: weston did not start (see $work/weston.log):" >&2; tail -20 "$work/weston.log" >&2; exit 1; }
echo "under_weston: weston $(weston --version 2>&1 | head -1) on $XDG_RUNTIME_DIR/warden-e2e" >&2
status=0
env -u DISPLAY WAYLAND_DISPLAY=warden-e2e GDK_BACKEND=wayland "$warden" "$@" || status=$?
exit $status
