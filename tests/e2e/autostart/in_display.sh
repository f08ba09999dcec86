#!/usr/bin/env bash
# Runs the host after writing down the session it runs in (WORK/session.env: the X display
# xvfb-run made and the run's own HOME and XDG folders), so that autostart_driver.py can start
# the autostart entry's Exec line in that same session, as a desktop would at login:
# setup.sh points WARDEN at `in_display.sh WORK WARDEN ARGS...`, inside xvfb-run.
set -euo pipefail
work=$1 warden=$2
shift 2
for name in DISPLAY XAUTHORITY HOME XDG_CONFIG_HOME XDG_DATA_HOME XDG_CACHE_HOME; do
  printf '%s=%s\n' "$name" "${!name:-}"
done >"$work/session.env.tmp"
mv "$work/session.env.tmp" "$work/session.env"
exec "$warden" "$@"
