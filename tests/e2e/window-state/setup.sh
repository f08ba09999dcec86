# Sourced by run_app.sh for each window-state e2e run (RUN: first, second, damaged, offscreen): the outside
# view (tests/e2e/windows/x_driver.py: what X and openbox report of a window; it also closes one
# as the window manager's close button does) and the host under openbox
# (tests/e2e/windows/under_openbox.sh). The damaged run starts with garbage in the state file, the
# offscreen run with a position no monitor shows.
e2e_require_tools "window-state e2e (setup.sh)" openbox wmctrl xdotool xprop xwininfo /usr/bin/python3
rm -f "$WORK/x-display" "$WORK/page-results.txt"
e2e_start_driver "window-state e2e" "$E2E/windows/x_driver.py" x-driver
e2e_wrap_host "$E2E/windows/under_openbox.sh"
# The offscreen run: a good file whose main lies off every monitor (a screen unplugged since).
if [ "$RUN" = offscreen ]; then
  cat >"$WORK/home/.config/dev.warden.e2e.window-state/.window-state.json" <<'JSON'
{"main": {"width": 450, "height": 330, "x": 5000, "y": 4000, "prev_x": 5000, "prev_y": 4000,
          "maximized": false, "visible": true, "decorated": true, "fullscreen": false}}
JSON
fi
if [ "$RUN" = damaged ]; then
  mkdir -p "$WORK/home/.config/dev.warden.e2e.window-state"
  printf '{"main": {"width": 900, "height": "tall", "x": 0, "y": 0}}' >"$WORK/home/.config/dev.warden.e2e.window-state/.window-state.json"
fi
