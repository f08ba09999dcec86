"""The dialog e2e's user: a small HTTP server the page asks to find a window and to press keys and
type text in it with xdotool, as a user answers a GTK dialog (the file chooser: Ctrl+L, a path,
Return; a message dialog: Return, Escape, Tab).
  dialog_driver.py WORK PORT_FILE
Started by setup.sh before the display exists; under_openbox.sh (tests/e2e/windows) writes
WORK/x-display once openbox manages it, and every request reads it.
Requests (GET, query arguments):
  /window?title=T            whether a managed window is named T, its X id, whether it is active,
                             and its WM_TRANSIENT_FOR (the X id of the window it belongs to, or null)
  /wait?title=T&gone=1       waits up to 10 s until a window named T is there (gone=1: is not)
  /keys?title=T&keys=K1 K2   T made the active window, then each key (xdotool key names:
                             ctrl+l, Return, Escape, Tab, ctrl+a) pressed, 200 ms apart
  /type?title=T&text=S       T made the active window, then S typed
  /click?title=T             button 1 clicked in the middle of T (not made active first: a click
                             is what a user does to a window a modal dialog may be blocking)
Errors answer 500 with {"error": ...} (page_driver.py)."""
import os
import re
import sys
import time
import urllib.parse

E2E = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path[:0] = [E2E, os.path.join(E2E, "windows")]
from page_driver import DriverError, serve, wait_until  # noqa: E402
from x_display import XDisplay  # noqa: E402

WORK, PORT_FILE = sys.argv[1], sys.argv[2]
run = XDisplay(WORK).run


def client_list():
    """wmctrl -l: openbox's clients. A window that goes while wmctrl reads it makes wmctrl fail
    (BadWindow), which is the moment a dialog closes: asked again, it answers without it."""
    for _ in range(10):
        try:
            return run("wmctrl", "-l")
        except DriverError as e:
            if "BadWindow" not in str(e):
                raise
            time.sleep(0.05)
    return run("wmctrl", "-l")


def find_window(title):
    """The X id of the managed window named TITLE, or None."""
    for line in client_list().splitlines():
        parts = line.split(None, 3)
        if len(parts) == 4 and parts[3] == title:
            return int(parts[0], 16)
    return None


def x_window_property(wid, name):
    out = run("xprop", "-id", str(wid), name, check=False)
    m = re.search(r"window id # (0x[0-9a-fA-F]+)", out)
    return int(m.group(1), 16) if m else None


def active_window():
    out = run("xprop", "-root", "_NET_ACTIVE_WINDOW", check=False)
    m = re.search(r"window id # (0x[0-9a-fA-F]+)", out)
    return int(m.group(1), 16) if m else None


def window_report(title):
    wid = find_window(title)
    if wid is None:
        return {"found": False, "title": title}
    return {"found": True, "id": wid, "active": active_window() == wid,
            "transient_for": x_window_property(wid, "WM_TRANSIENT_FOR")}


def activate(title):
    """Makes TITLE the active window (openbox gives it the keyboard focus) and waits until X says so."""
    wid = find_window(title)
    if wid is None:
        raise DriverError(f"no window named '{title}'")
    if active_window() != wid:
        run("wmctrl", "-i", "-a", hex(wid))
        wait_until(lambda: active_window() == wid, f"'{title}' to become the active window", 5)
        time.sleep(0.1)  # the focus change reaches GTK after X reports it
    return wid


def wait(title, gone):
    wait_until(lambda: (find_window(title) is None) == gone, f"a window named '{title}' to {'go' if gone else 'show'}", 10)
    return window_report(title)


def keys(title, names):
    activate(title)
    for name in names:
        run("xdotool", "key", "--clearmodifiers", name)
        time.sleep(0.2)
    return {"pressed": names}


def type_text(title, text):
    activate(title)
    run("xdotool", "type", "--delay", "20", text)
    time.sleep(0.2)
    return {"typed": text}


def click(title):
    wid = find_window(title)
    if wid is None:
        raise DriverError(f"no window named '{title}'")
    run("xdotool", "mousemove", "--window", str(wid), "60", "60", "click", "1")
    time.sleep(0.2)
    return {"clicked": title}


def answer(path, query):
    q = {k: v[0] for k, v in urllib.parse.parse_qs(query).items()}
    if path == "/window":
        return window_report(q["title"])
    if path == "/wait":
        return wait(q["title"], q.get("gone") == "1")
    if path == "/keys":
        return keys(q["title"], q["keys"].split())
    if path == "/click":
        return click(q["title"])
    if path == "/type":
        return type_text(q["title"], q["text"])
    raise DriverError("unknown request " + path)


# One request at a time: they act on one keyboard and one display.
serve("dialog_driver", WORK, PORT_FILE, answer)
