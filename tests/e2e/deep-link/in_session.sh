#!/usr/bin/env bash
# Runs the host as the instance of the deep-link e2e's app, inside the run's own session bus
# (dbus-run-session, setup.sh) and X display (xvfb-run): writes down that session first
# (WORK/session.env: the display, the bus, the XDG folders, the host binary), so that
# deep_link_driver.py can start xdg-open and later `warden run`s in the same session, as a desktop
# would; then runs the host with the app arguments the page's getCurrent must sort out (one link
# of a configured scheme among an option, a web URL and a link of a scheme the app does not
# handle).
#   in_session.sh WORK WARDEN ARGS...
set -euo pipefail
work=$1 warden=$2
shift 2
for name in DISPLAY XAUTHORITY DBUS_SESSION_BUS_ADDRESS HOME XDG_CONFIG_HOME XDG_DATA_HOME XDG_RUNTIME_DIR; do
  printf '%s=%s\n' "$name" "${!name:-}"
done >"$work/session.env.tmp"
printf 'WARDEN_BINARY=%s\n' "$warden" >>"$work/session.env.tmp"
mv "$work/session.env.tmp" "$work/session.env"
exec "$warden" "$@" -- wardentest://launch/0 --not-a-link https://example.com/launch wardenforeign://launch/2
