# Sourced by run_app.sh for the autostart e2e: the desktop's view (autostart_driver.py, an HTTP
# server the page asks what the autostart folder holds, which validates the entry with
# desktop-file-validate and starts its Exec line as a session would at login) and the host run
# after writing down its session (in_display.sh, in place of WARDEN, inside xvfb-run).
HERE_AUTOSTART="$E2E/autostart"
e2e_require_tools "autostart e2e (setup.sh)" desktop-file-validate /usr/bin/python3
e2e_start_driver "autostart e2e" "$HERE_AUTOSTART/autostart_driver.py" autostart-driver
e2e_wrap_host "$HERE_AUTOSTART/in_display.sh"
