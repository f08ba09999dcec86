# Sourced by run_app.sh for the windows e2e: the outside view (x_driver.py, an HTTP server the page
# asks what X and openbox report, and which drags and closes as a user would) and the host run
# under openbox (under_openbox.sh, in place of WARDEN, inside xvfb-run).
HERE_WINDOWS="$E2E/windows"
e2e_require_tools "windows e2e (setup.sh)" openbox wmctrl xdotool xprop xwininfo /usr/bin/python3
e2e_require_gi "windows e2e" Gtk 3.0
rm -f "$WORK/x-display"
e2e_start_driver "windows e2e" "$HERE_WINDOWS/x_driver.py" x-driver
e2e_wrap_host "$HERE_WINDOWS/under_openbox.sh"
# A PNG outside the app folder and any asset scope: Image.fromPath must refuse it (image_from_path).
cp "$APP/frontend/pixels.png" "$WORK/outside.png"
