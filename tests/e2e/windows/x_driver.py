"""The windows e2e's outside view: a small HTTP server the page asks what the X server and the
window manager (openbox) report about a window, and which acts as a user would (xdotool drags,
wmctrl closes, a file dragged from a GTK drag source). The page cannot see these from inside.
  x_driver.py WORK PORT_FILE
Started by setup.sh before the display exists; under_openbox.sh writes WORK/x-display (DISPLAY
and XAUTHORITY of xvfb-run's server) once openbox manages it, and every request reads it.
Answers JSON with Access-Control-Allow-Origin: * (the page is app://, the server http://127.0.0.1).
Requests (GET, query arguments):
  /window?title=T          what X reports of the top-level window named T (found: false if none)
  /windows                 the managed windows (wmctrl -lG)
  /pointer                 the pointer's root position
  /press?title=T&x=&y=     pointer to (x, y) in T's client area, button 1 down
  /move?dx=&dy=&steps=     pointer moved by (dx, dy) in steps (button still down)
  /release                 button 1 up
  /drag?title=T&x=&y=&dx=&dy=  press at (x, y) of T, nudge the pointer until the window follows it
                           (the page starts the move itself, after the press reached it), then
                           move by (dx, dy) in all and release; fails when the window never follows
  /click?title=T&x=&y=&repeat=N  N clicks of button 1 at (x, y) of T (2: a double click)
  /close?title=T           the window manager asked to close T (wmctrl -c: WM_DELETE_WINDOW)
  /drop?title=T&x=&y=      a new file dragged from a GTK drag source and dropped at (x, y) of T
  POST /report?window=W    the page's scenario results (JSON body), appended to
                           WORK/page-results.txt as "W\tDONE <json>" (the format of results.txt:
                           a report of this many scenarios does not fit in a document title)
Every answer that acts also says what it did; errors answer 500 with {"error": ...}."""
import os
import re
import subprocess
import sys
import time
import urllib.parse

# page_driver.py sits in tests/e2e, x_display.py in tests/e2e/windows (beside under_openbox.sh).
E2E = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path[:0] = [E2E, os.path.join(E2E, "windows")]
from page_driver import DriverError, serve, wait_until  # noqa: E402
from x_display import XDisplay  # noqa: E402

WORK, PORT_FILE = sys.argv[1], sys.argv[2]
HERE = os.path.dirname(os.path.abspath(__file__))
# The GTK drag source needs Debian's python3 with gi (the python3 first on PATH may have none).
GTK_PYTHON = "/usr/bin/python3"
# The X tools on this run's display.
display = XDisplay(WORK)
x_env, run = display.env, display.run


def managed_windows():
    """[{id, desktop, x, y, width, height, title}] as wmctrl -lG lists them (frame geometry)."""
    windows = []
    # wmctrl fails with BadWindow when a window goes while it reads the list: read it again.
    for attempt in range(5):
        done = subprocess.run(["wmctrl", "-lG"], env=x_env(), capture_output=True, text=True, timeout=20)
        if done.returncode == 0 or "BadWindow" not in done.stderr:
            break
        time.sleep(0.05)
    if done.returncode != 0:
        raise DriverError(f"wmctrl -lG failed ({done.returncode}): {done.stderr.strip()}")
    for line in done.stdout.splitlines():
        parts = line.split(None, 7)
        if len(parts) < 7:
            continue
        title = parts[7] if len(parts) == 8 else ""
        windows.append({"id": int(parts[0], 16), "desktop": int(parts[1]), "x": int(parts[2]), "y": int(parts[3]),
                        "width": int(parts[4]), "height": int(parts[5]), "title": title})
    return windows


def find_managed(title):
    """(X id of the top-level window named TITLE or None, whether openbox manages it): a managed
    one first, else any (hidden windows are withdrawn, so the window manager no longer lists them)."""
    for w in managed_windows():
        if w["title"] == title:
            return w["id"], True
    out = run("xdotool", "search", "--name", "^" + re.escape(title) + "$", check=False)
    for line in out.split():
        wid = int(line)
        names = x_properties(wid, ["_NET_WM_NAME", "WM_NAME"])
        if [title] in (x_property(wid, "_NET_WM_NAME", names), x_property(wid, "WM_NAME", names)):
            return wid, False
    return None, False


def find_window(title):
    return find_managed(title)[0]


def x_properties(wid, names):
    """{name: what xprop printed for it} in one xprop call (a loaded machine makes each call slow);
    WID "root" reads the root window."""
    target = ["-root"] if wid == "root" else ["-id", str(wid)]
    blocks, current = {}, None
    for line in run("xprop", *target, "-notype", *names, check=False).splitlines():
        m = re.match(r"([A-Za-z_0-9]+)", line)
        if m and m.group(1) in names:
            current = m.group(1)
            blocks[current] = line
        elif current:
            blocks[current] += "\n" + line
    return blocks


def x_property(wid, name, blocks=None):
    """A property's values as xprop prints them (strings unquoted, numbers as ints), None if unset;
    BLOCKS: x_properties' answer that holds it (else xprop is asked)."""
    out = (blocks if blocks is not None else x_properties(wid, [name])).get(name, "")
    _, sep, value = out.partition("=")
    if not sep:
        _, sep, value = out.partition(":")
        if not sep or "not found" in out or "no such atom" in out:
            return None
    value = value.strip()
    if value.startswith("window id #"):
        return [int(v, 16) for v in re.findall(r"0x[0-9a-fA-F]+", value)]
    if value.startswith('"'):
        return re.findall(r'"((?:[^"\\]|\\.)*)"', value)
    items = [v.strip() for v in value.replace("\n", ",").split(",") if v.strip()]
    result = []
    for item in items:
        try:
            result.append(int(item, 0))
        except ValueError:
            result.append(item)
    return result


def input_hint(wm_hints):
    """WM_HINTS' input field (whether the window takes the keyboard focus), None if unset."""
    m = re.search(r"accepts input or input focus:\s*(True|False)", wm_hints)
    return None if not m else m.group(1) == "True"


# _MOTIF_WM_HINTS: flags, functions, decorations, ...; MWM_HINTS_FUNCTIONS in flags makes the
# functions field count; with MWM_FUNC_ALL set, the functions it lists are the ones removed.
MWM_HINTS_FUNCTIONS, MWM_FUNC_ALL, MWM_FUNC_CLOSE = 0x1, 0x1, 0x20


def motif_closable(hints):
    """Whether the client lets the window manager close it (GTK's deletable). Openbox keeps its
    close action regardless ("don't let mwm hints kill the close button"), so only the client's
    hint tells."""
    if not hints or len(hints) < 2 or not (hints[0] & MWM_HINTS_FUNCTIONS):
        return True
    listed = bool(hints[1] & MWM_FUNC_CLOSE)
    return not listed if hints[1] & MWM_FUNC_ALL else listed


def normal_hints(out):
    """WM_NORMAL_HINTS' minimum and maximum size ([w, h] or None) from xprop's text."""
    hints = {}
    for key, field in (("program specified minimum size", "min_size"), ("program specified maximum size", "max_size")):
        m = re.search(key + r": (\d+) by (\d+)", out)
        hints[field] = [int(m.group(1)), int(m.group(2))] if m else None
    return hints


def window_report(title):
    wid, managed = find_managed(title)
    if wid is None:
        return {"found": False, "title": title}
    info = run("xwininfo", "-id", str(wid), check=False)
    if "Map State" not in info:
        # The window went between the search and this look.
        return {"found": False, "title": title}

    def field(name):
        m = re.search(r"^\s*" + re.escape(name) + r":\s*(.+)$", info, re.M)
        return m.group(1).strip() if m else None

    props = x_properties(wid, ["_NET_WM_NAME", "_NET_WM_STATE", "_NET_FRAME_EXTENTS", "_NET_WM_DESKTOP",
                               "_NET_WM_ALLOWED_ACTIONS", "_MOTIF_WM_HINTS", "WM_HINTS", "WM_NORMAL_HINTS"])
    state = x_property(wid, "_NET_WM_STATE", props) or []
    active = x_property("root", "_NET_ACTIVE_WINDOW") or []
    # The icon's first two cardinals: its width and height (as numbers, not xprop's drawing).
    icon = run("xprop", "-id", str(wid), "-notype", "-len", "16", "-f", "_NET_WM_ICON", "32c", "_NET_WM_ICON", check=False)
    icon = [int(v) for v in re.findall(r"\d+", icon.partition("=")[2])] if "=" in icon else None
    actions = x_property(wid, "_NET_WM_ALLOWED_ACTIONS", props) or []
    wm_hints = props.get("WM_HINTS", "")
    report = {
        "found": True,
        "id": wid,
        "title": (x_property(wid, "_NET_WM_NAME", props) or [None])[0],
        "managed": managed,
        "mapped": field("Map State") == "IsViewable",
        # The client area's position on the screen and its size.
        "x": int(field("Absolute upper-left X")),
        "y": int(field("Absolute upper-left Y")),
        "width": int(field("Width")),
        "height": int(field("Height")),
        # left, right, top, bottom: what openbox's frame adds (all 0 without decorations).
        "frame": x_property(wid, "_NET_FRAME_EXTENTS", props),
        "state": [s.replace("_NET_WM_STATE_", "") for s in state if isinstance(s, str)],
        "actions": [a.replace("_NET_WM_ACTION_", "") for a in actions if isinstance(a, str)],
        "desktop": (x_property(wid, "_NET_WM_DESKTOP", props) or [None])[0],
        "active": bool(active) and active[0] == wid,
        "icon": icon[:2] if icon and len(icon) >= 2 else None,
        "urgent": "urgency hint bit is set" in wm_hints,
        "input": input_hint(wm_hints),
        "closable": motif_closable(x_property(wid, "_MOTIF_WM_HINTS", props)),
    }
    report.update(normal_hints(props.get("WM_NORMAL_HINTS", "")))
    return report


def pointer():
    out = run("xdotool", "getmouselocation", "--shell")
    values = dict(line.split("=", 1) for line in out.split())
    return {"x": int(values["X"]), "y": int(values["Y"])}


def client_point(title, x, y):
    report = window_report(title)
    if not report["found"]:
        raise DriverError(f"no window named '{title}'")
    return report["x"] + x, report["y"] + y


def press(title, x, y):
    rx, ry = client_point(title, x, y)
    run("xdotool", "mousemove", str(rx), str(ry))
    time.sleep(0.05)
    run("xdotool", "mousedown", "1")
    return {"pressed": [rx, ry]}


def move(dx, dy, steps):
    start = pointer()
    for i in range(1, steps + 1):
        run("xdotool", "mousemove", str(start["x"] + dx * i // steps), str(start["y"] + dy * i // steps))
        time.sleep(0.03)
    return {"pointer": pointer()}


def release():
    run("xdotool", "mouseup", "1")
    return {"pointer": pointer()}


def frame_position(title):
    wid = find_window(title)
    return next(((w["x"], w["y"]) for w in managed_windows() if w["id"] == wid), None)


def drag(title, x, y, dx, dy):
    start_frame = frame_position(title)
    press(title, x, y)
    start = pointer()
    try:
        deadline = time.monotonic() + 5
        nudge = 0
        while frame_position(title) == start_frame:
            if time.monotonic() > deadline:
                raise DriverError("the window did not follow the pointer (no move started)")
            nudge = 2 if nudge != 2 else 4
            run("xdotool", "mousemove", str(start["x"] + nudge), str(start["y"] + nudge))
            time.sleep(0.05)
        steps = 10
        for i in range(1, steps + 1):
            run("xdotool", "mousemove", str(start["x"] + dx * i // steps), str(start["y"] + dy * i // steps))
            time.sleep(0.03)
    finally:
        release()
    return {"from": start_frame, "to": frame_position(title)}


def click(title, x, y, repeat):
    rx, ry = client_point(title, x, y)
    run("xdotool", "mousemove", str(rx), str(ry))
    time.sleep(0.05)
    run("xdotool", "click", "--repeat", str(repeat), "--delay", "80", "1")
    return {"clicked": [rx, ry], "repeat": repeat}


def close(title):
    wid = find_window(title)
    if wid is None:
        raise DriverError(f"no window named '{title}'")
    run("wmctrl", "-i", "-c", hex(wid))
    return {"closed": wid}


drops = 0


def drop(title, x, y):
    """Creates a file, shows a GTK drag source offering it as text/uri-list, and drags it with
    xdotool onto (x, y) of TITLE's client area."""
    global drops
    drops += 1
    folder = os.path.join(WORK, "dropped")
    os.makedirs(folder, exist_ok=True)
    path = os.path.join(folder, f"dropped file {drops}.txt")
    with open(path, "w", encoding="utf-8") as f:
        f.write("dropped on the windows e2e\n")
    source_title = f"windows-e2e drag source {drops}"
    source = subprocess.Popen([GTK_PYTHON, os.path.join(HERE, "drag_source.py"), path, source_title],
                              env=x_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        wait_until(lambda: window_report(source_title).get("mapped"), "the drag source window", 10)
        src = window_report(source_title)
        tx, ty = client_point(title, x, y)
        sx, sy = src["x"] + src["width"] // 2, src["y"] + src["height"] // 2
        run("xdotool", "mousemove", str(sx), str(sy))
        time.sleep(0.1)
        run("xdotool", "mousedown", "1")
        # Past GTK's drag threshold first, then over to the target in steps (XDND needs motion).
        for i in range(1, 6):
            run("xdotool", "mousemove", str(sx + 4 * i), str(sy + 4 * i))
            time.sleep(0.05)
        steps = 15
        for i in range(1, steps + 1):
            run("xdotool", "mousemove", str(sx + (tx - sx) * i // steps), str(sy + (ty - sy) * i // steps))
            time.sleep(0.04)
        time.sleep(0.2)
        run("xdotool", "mouseup", "1")
        try:
            out, err = source.communicate(timeout=10)
        except subprocess.TimeoutExpired:
            source.kill()
            out, err = source.communicate()
            raise DriverError("the drag source did not see the drag end: " + err.strip()[-300:])
        return {"path": path, "source": out.strip(), "target": [tx, ty]}
    finally:
        if source.poll() is None:
            source.kill()
            source.wait()


def answer(path, query):
    q = {k: v[0] for k, v in urllib.parse.parse_qs(query).items()}
    number = lambda name, default=None: int(q[name]) if name in q else default  # noqa: E731
    if path == "/window":
        return window_report(q["title"])
    if path == "/windows":
        return managed_windows()
    if path == "/pointer":
        return pointer()
    if path == "/press":
        return press(q["title"], number("x"), number("y"))
    if path == "/move":
        return move(number("dx"), number("dy"), number("steps", 10))
    if path == "/release":
        return release()
    if path == "/drag":
        return drag(q["title"], number("x"), number("y"), number("dx"), number("dy"))
    if path == "/click":
        return click(q["title"], number("x"), number("y"), number("repeat", 1))
    if path == "/close":
        return close(q["title"])
    if path == "/drop":
        return drop(q["title"], number("x"), number("y"))
    raise DriverError("unknown request " + path)


# One request at a time: the page's requests act on one pointer and one display.
serve("x_driver", WORK, PORT_FILE, answer)
