# Sourced by run_app.sh for the menus e2e: the user and the outside view (menu_driver.py, an HTTP
# server the page asks to press keys, click and say which menus X shows) and the host run under
# openbox (tests/e2e/windows/under_openbox.sh, in place of WARDEN, inside xvfb-run).
HERE_MENUS="$E2E/menus"
e2e_require_tools "menus e2e (setup.sh)" openbox wmctrl xdotool xprop xwininfo /usr/bin/python3
e2e_require_gi "menus e2e" Gtk 3.0
rm -f "$WORK/x-display"
e2e_start_driver "menus e2e" "$HERE_MENUS/menu_driver.py" menu-driver
e2e_wrap_host "$E2E/windows/under_openbox.sh"
