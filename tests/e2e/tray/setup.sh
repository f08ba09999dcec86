# Sourced by run_app.sh for the tray e2e: the outside view (sni_driver.py, an HTTP server the page
# asks what the session bus shows of its tray icons, and which activates them and clicks their
# menus as a panel would) and the host run on a bus of its own with a StatusNotifierWatcher
# (../under_session_bus.sh inside dbus-run-session, in place of WARDEN, inside xvfb-run).
HERE_TRAY="$E2E/tray"
e2e_require_tools "tray e2e (setup.sh)" dbus-run-session dbus-send status-notifier-watcher /usr/bin/python3
e2e_require_gi "tray e2e" Gio 2.0
rm -f "$WORK/bus"
e2e_start_driver "tray e2e" "$HERE_TRAY/sni_driver.py" sni-driver
e2e_wrap_host "$E2E/under_session_bus.sh" "dbus-run-session --" \
  --owns org.kde.StatusNotifierWatcher --log watcher-1.log --bus-file status-notifier-watcher --
# A PNG outside the app folder and any asset scope: the tray must refuse it as an icon path.
cp "$APP/frontend/tray-icon.png" "$WORK/outside.png"
