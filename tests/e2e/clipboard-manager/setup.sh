# Sourced by run_app.sh for the clipboard e2e: another application's view of the X clipboard
# (clipboard_driver.py, xclip, asked by the page) and the host under openbox
# (tests/e2e/windows/under_openbox.sh writes the display for the driver).
e2e_require_tools "clipboard e2e (setup.sh)" xclip openbox wmctrl /usr/bin/python3
e2e_require_gi "clipboard e2e" GdkPixbuf 2.0
rm -f "$WORK/x-display"
e2e_start_driver "clipboard e2e" "$E2E/clipboard-manager/clipboard_driver.py" clipboard-driver
e2e_wrap_host "$E2E/windows/under_openbox.sh"
