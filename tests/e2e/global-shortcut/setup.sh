# Sourced by run_app.sh for the global-shortcut e2e on X11: the user and the desktop
# (shortcut_driver.py: another X client to focus, xdotool keys, another client's grab) and the host
# run under openbox (tests/e2e/windows/under_openbox.sh, in place of WARDEN, inside xvfb-run).
HERE_GS="$E2E/global-shortcut"
e2e_require_tools "global-shortcut e2e (setup.sh)" openbox wmctrl xdotool xev /usr/bin/python3
rm -f "$WORK/x-display"
e2e_start_driver "global-shortcut e2e" "$HERE_GS/shortcut_driver.py" shortcut-driver
e2e_wrap_host "$E2E/windows/under_openbox.sh"
