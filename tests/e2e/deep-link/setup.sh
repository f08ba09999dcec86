# Sourced by run_app.sh for the deep-link e2e: the run's own desktop and session. XDG_DATA_HOME
# and XDG_CONFIG_HOME are in WORK/xdg (CMakeLists.txt's --env), where the plugin writes the
# handler entry and xdg-mime the user's defaults; XDG_RUNTIME_DIR is WORK/runtime (0700), where
# the app's single-instance socket lives, so that no other run of this machine can meet it.
# deep_link_driver.py answers the page (the entry, xdg-mime's default, xdg-open and later runs);
# the host runs inside dbus-run-session through in_session.sh, which writes the session down.
HERE_DEEP_LINK="$E2E/deep-link"
e2e_require_tools "deep-link e2e (setup.sh)" dbus-run-session xdg-open xdg-mime update-desktop-database \
  desktop-file-validate /usr/bin/python3
mkdir -p "$WORK/xdg/data/applications" "$WORK/xdg/config"
# Both apps (app/ and app-start/) show the one page, app/frontend/index.html: app-start has none.
mkdir -p "$APP/frontend"
cp "$HERE_DEEP_LINK/app/frontend/index.html" "$APP/frontend/index.html"
mkdir -m 0700 "$WORK/runtime"
# The "start" run (DEEP_LINK_OTHER_DEFAULT=1): the user already chose another application for
# wardenother: URLs, which registerAtStart must leave alone.
if [ "${DEEP_LINK_OTHER_DEFAULT:-0}" = 1 ]; then
  printf '[Desktop Entry]\nType=Application\nName=Someone else\nExec=true %%u\nMimeType=x-scheme-handler/wardenother;\n' \
    >"$WORK/xdg/data/applications/someone-else.desktop"
  XDG_DATA_HOME="$WORK/xdg/data" XDG_CONFIG_HOME="$WORK/xdg/config" XDG_CURRENT_DESKTOP='' \
    xdg-mime default someone-else.desktop x-scheme-handler/wardenother
  got=$(XDG_DATA_HOME="$WORK/xdg/data" XDG_CONFIG_HOME="$WORK/xdg/config" XDG_CURRENT_DESKTOP='' \
    xdg-mime query default x-scheme-handler/wardenother)
  [ "$got" = someone-else.desktop ] ||
    { echo "deep-link e2e: xdg-mime made '$got' the default for wardenother, not someone-else.desktop" >&2; exit 1; }
fi
e2e_start_driver "deep-link e2e" "$HERE_DEEP_LINK/deep_link_driver.py" deep-link-driver
e2e_wrap_host "$HERE_DEEP_LINK/in_session.sh" "dbus-run-session --"
substitute @DEEP_LINK_LIBRARY@ "$(realpath "$DEEP_LINK_LIBRARY")"
