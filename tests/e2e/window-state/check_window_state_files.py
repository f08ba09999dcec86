"""Checks what the window-state e2e runs left on disk and in the host's log:
  check_window_state_files.py WORK_DIR CHECK
CHECK is after_first (the state file the first run wrote at its end: Tauri's JSON shape, main's
geometry before it was maximized, second's, nothing of the denylisted plain, mode 0600, no
temporary file left), after_second (the second run wrote its windows' states again: main still
maximized) or damaged_reported (the third run's log names the damaged file and why it was
ignored, and the run then wrote a good one)."""
import json
import os
import stat
import sys
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..'))
from e2e_results import require  # noqa: E402

work, check = sys.argv[1:3]
folder = os.path.join(work, "home", ".config", "dev.warden.e2e.window-state")
MEMBERS = ["width", "height", "x", "y", "prev_x", "prev_y", "maximized", "visible", "decorated", "fullscreen"]


def near(a, b):
    return abs(a - b) <= 3


def load(name):
    with open(os.path.join(work, name), encoding="utf-8") as f:
        return json.load(f)


def check_shape(states, where):
    for label, s in states.items():
        require(list(s) == MEMBERS, f"{where}: {label}'s members {list(s)}, expected Tauri's {MEMBERS}")


if check == "after_first":
    states = load("state-after-first.json")
    check_shape(states, "after the first run")
    # manual is denylisted, but its restoreStateCurrent put it in the states (as in Tauri).
    require(sorted(states) == ["keeper", "main", "manual", "second"],
            f"labels {sorted(states)}: main, second, manual and keeper, never the denylisted plain")
    require(states["keeper"]["decorated"] is False,
            f"keeper's decorations taken at its (refused) close request: {states['keeper']}")
    main, second = states["main"], states["second"]
    require(main["maximized"] and main["visible"] and main["decorated"] and not main["fullscreen"],
            f"main maximized, visible, decorated, not fullscreen: {main}")
    require(near(main["prev_x"], 150) and near(main["prev_y"], 120), f"main's place before maximizing (150, 120): {main}")
    require(main["width"] == 520 and main["height"] == 360, f"main's size before maximizing (520x360): {main}")
    require(near(second["x"], 620) and near(second["y"], 420) and second["width"] == 260 and second["height"] == 180,
            f"second at 620,420 260x180: {second}")
    require(not second["maximized"], f"second not maximized: {second}")
    mode = stat.S_IMODE(os.stat(os.path.join(folder, ".window-state.json")).st_mode)
    require(mode == 0o600, f"the state file's mode is {oct(mode)}, expected 0o600")
    left = [n for n in os.listdir(folder) if n != ".window-state.json"]
    require(not left, f"files left beside the state file (an unfinished atomic write?): {left}")
    print(f"main {main}\nsecond {second}")
elif check == "after_second":
    states = load("state-after-second.json")
    check_shape(states, "after the second run")
    main = states["main"]
    require(main["width"] == 520 and main["height"] == 360, f"main's normal size kept (520x360): {main}")
    print(f"main {main}")
elif check == "damaged_reported":
    with open(os.path.join(work, "log-damaged.txt"), encoding="utf-8") as f:
        log = f.read()
    line = next((l for l in log.splitlines() if ".window-state.json' is ignored" in l), None)
    require(line is not None, "the damaged run's log names the ignored state file")
    require("height" in line, f"the log says what is wrong (main's height): {line}")
    with open(os.path.join(folder, ".window-state.json"), encoding="utf-8") as f:
        states = json.load(f)
    check_shape(states, "after the damaged run")
    print(line)
else:
    sys.exit(f"unknown check {check}")
