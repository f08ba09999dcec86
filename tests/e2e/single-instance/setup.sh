# Sourced by run_app.sh for each single-instance e2e run (RUN: first, restart, plain): the host
# runs under openbox (../windows/under_openbox.sh) as instance_runs.sh, which starts the app and
# the later runs of it beside it on the same display and the same user's instances folder. The
# plain run's app has singleInstance off.
e2e_require_tools "single-instance e2e (setup.sh)" openbox wmctrl xdotool xprop /usr/bin/python3
e2e_require_gi "single-instance e2e (setup.sh)" Gtk 3.0
if [ "$RUN" = plain ]; then
  substitute '"singleInstance": true' '"singleInstance": false'
  grep -q '"singleInstance": false' "$APP/warden.conf.json" ||
    { echo "single-instance e2e: the plain app's copy still has singleInstance on" >&2; exit 1; }
fi
printf '#!/usr/bin/env bash\nexec %q %q %q %q "$@"\n' "$(dirname "$(realpath "${BASH_SOURCE[0]}")")/instance_runs.sh" \
  "$WORK" "$(realpath "$WARDEN")" "$RUN" >"$WORK/instance-runs.sh"
chmod +x "$WORK/instance-runs.sh"
WARDEN="$WORK/instance-runs.sh"
e2e_wrap_host "$E2E/windows/under_openbox.sh"
