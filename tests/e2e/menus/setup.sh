# Sourced by run_app.sh for the menus e2e: the user and the outside view (menu_driver.py, an HTTP
# server the page asks to press keys, click and say which menus X shows) and the host run under
# openbox (tests/e2e/windows/under_openbox.sh, in place of WARDEN, inside xvfb-run).
HERE_MENUS="$E2E/menus"
e2e_require_tools "menus e2e (setup.sh)" openbox wmctrl xdotool xprop xwininfo /usr/bin/python3
/usr/bin/python3 -c 'import gi; gi.require_version("Gtk", "3.0")' ||
  { echo "menus e2e: /usr/bin/python3 has no gi with Gtk 3 (scripts/install-deps.sh)" >&2; exit 1; }
rm -f "$WORK/x-display"
e2e_start_driver "menus e2e" "$HERE_MENUS/menu_driver.py" menu-driver
printf '#!/bin/sh\nexec "%s" "%s" "%s" "$@"\n' "$E2E/windows/under_openbox.sh" "$WORK" "$(realpath "$WARDEN")" >"$WORK/host.sh"
chmod +x "$WORK/host.sh"
WARDEN="$WORK/host.sh"
