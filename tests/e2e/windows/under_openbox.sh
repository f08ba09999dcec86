#!/usr/bin/env bash
# Runs the host under a real window manager: run_app.sh runs this in place of `warden`
# (setup.sh points WARDEN here), inside xvfb-run, so DISPLAY is xvfb-run's server.
#   under_openbox.sh WORK WARDEN ARGS...
# Starts openbox on the display, waits until it manages it (wmctrl -m answers), tells x_driver.py
# the display (WORK/x-display), runs WARDEN ARGS (its stdout is the run's results), stops openbox.
set -euo pipefail
work=$1 warden=$2
shift 2
openbox --sm-disable >"$work/openbox.log" 2>&1 &
wm=$!
stop_wm() { kill "$wm" 2>/dev/null || true; wait "$wm" 2>/dev/null || true; }
trap stop_wm EXIT
for _ in $(seq 200); do wmctrl -m >/dev/null 2>&1 && break; sleep 0.05; done
wmctrl -m >/dev/null 2>&1 || { echo "under_openbox: openbox did not manage $DISPLAY (see $work/openbox.log)" >&2; exit 1; }
echo "under_openbox: $(wmctrl -m | head -1) on $DISPLAY" >&2
printf 'DISPLAY=%s\nXAUTHORITY=%s\n' "$DISPLAY" "${XAUTHORITY:-}" >"$work/x-display.tmp"
mv "$work/x-display.tmp" "$work/x-display"
status=0
"$warden" "$@" || status=$?
exit $status
