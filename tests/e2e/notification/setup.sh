# Sourced by run_app.sh for the notification e2e: the server's view (notify_driver.py, an HTTP
# server the page asks what dunst holds, and which picks a notification's action as a user would)
# and the host run on a bus of its own with dunst as the notification server (../under_session_bus.sh inside
# dbus-run-session, in place of WARDEN, inside xvfb-run).
HERE_NOTIFICATION="$E2E/notification"
e2e_require_tools "notification e2e (setup.sh)" dbus-run-session dbus-send dunst dunstctl /usr/bin/python3
cp "$HERE_NOTIFICATION/dunstrc" "$WORK/dunstrc"
rm -f "$WORK/bus"
e2e_start_driver "notification e2e" "$HERE_NOTIFICATION/notify_driver.py" notify-driver
e2e_wrap_host "$E2E/under_session_bus.sh" "dbus-run-session --" \
  --owns org.freedesktop.Notifications --log dunst.log --bus-file dunst -config "$WORK/dunstrc" --
# A PNG outside the app folder: the plugin must refuse it as an icon (the server would read it).
cp "$APP/frontend/icon.png" "$WORK/outside.png"
