"""The menus e2e's user and outside view: a small HTTP server the page asks to press keys and click
as a user would (xdotool), and to say what X shows: where a window's client area is, and which
menus are open (GTK maps each open menu as an override-redirect window whose _NET_WM_WINDOW_TYPE
says what it is: DROPDOWN_MENU for a menu bar's submenu, POPUP_MENU for a context menu).
  menu_driver.py WORK PORT_FILE
Started by setup.sh before the display exists; under_openbox.sh (tests/e2e/windows) writes
WORK/x-display once openbox manages the display, and every request reads it.
Answers JSON with Access-Control-Allow-Origin: * (the page is app://, the server http://127.0.0.1).
Requests (GET, query arguments):
  /window?title=T          T's client area on the screen (x, y, width, height) and whether it is
                           the active window (found: false if no window is named T)
  /menus                   the open menus: [{id, x, y, width, height, type}] (type DROPDOWN_MENU,
                           POPUP_MENU, ...), topmost last
  /keys?title=T&keys=K1 K2 ...&pause=MS&menus=1
                           T made the active window (the keys go to the focused window), then
                           each key (xdotool key syntax: F10, Down, Return, ctrl+shift+k, alt+f)
                           pressed with MS milliseconds after it (150 by default); with menus=1
                           the answer also lists the open menus then (as /menus)
  /pointer?title=T&x=&y=   pointer moved to (x, y) of T's client area
  /click?x=&y=             pointer moved to the screen point (x, y), button 1 clicked there
  /pixels?x=&y=&width=&height=&colours=R,G,B;R,G,B
                           how many pixels of that screen rectangle have each colour (gtk_look.py)
  /clipboard               the CLIPBOARD selection's text (gtk_look.py), null when it holds none
  POST /report?window=W    the page's scenario results (JSON body), appended to
                           WORK/page-results.txt as "W\tDONE <json>" (the format of results.txt)
Every answer that acts also says what it did; errors answer 500 with {"error": ...}."""
import json
import os
import re
import sys
import time
import urllib.parse

# page_driver.py sits in tests/e2e, x_display.py in tests/e2e/windows (beside under_openbox.sh).
E2E = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path[:0] = [E2E, os.path.join(E2E, "windows")]
from page_driver import DriverError, serve  # noqa: E402
from x_display import XDisplay  # noqa: E402

WORK, PORT_FILE = sys.argv[1], sys.argv[2]
HERE = os.path.dirname(os.path.abspath(__file__))
# gtk_look.py needs Debian's python3 with gi (the python3 first on PATH may have none).
GTK_PYTHON = "/usr/bin/python3"
# The X tools on this run's display.
run = XDisplay(WORK).run


def find_window(title):
    """The X id of the managed window named TITLE (wmctrl lists the window manager's clients), or None."""
    for line in run("wmctrl", "-l").splitlines():
        parts = line.split(None, 3)
        if len(parts) == 4 and parts[3] == title:
            return int(parts[0], 16)
    return None


def geometry(wid):
    """{x, y, width, height, mapped, override} of X window WID as xwininfo reports it; None when it went."""
    info = run("xwininfo", "-id", str(wid), "-stats", check=False)
    if "Map State" not in info:
        return None

    def field(name):
        m = re.search(r"^\s*" + re.escape(name) + r":\s*(.+)$", info, re.M)
        return m.group(1).strip() if m else ""

    return {"x": int(field("Absolute upper-left X")), "y": int(field("Absolute upper-left Y")),
            "width": int(field("Width")), "height": int(field("Height")),
            "mapped": field("Map State") == "IsViewable", "override": field("Override Redirect State") == "yes"}


def active_window():
    out = run("xprop", "-root", "_NET_ACTIVE_WINDOW", check=False)
    m = re.search(r"window id # (0x[0-9a-fA-F]+)", out)
    return int(m.group(1), 16) if m else None


def window_report(title):
    wid = find_window(title)
    g = geometry(wid) if wid is not None else None
    if g is None:
        return {"found": False, "title": title}
    return {"found": True, "id": wid, "x": g["x"], "y": g["y"], "width": g["width"], "height": g["height"],
            "active": active_window() == wid}


def window_type(wid):
    out = run("xprop", "-id", str(wid), "_NET_WM_WINDOW_TYPE", check=False)
    m = re.search(r"_NET_WM_WINDOW_TYPE_([A-Z_]+)", out)
    return m.group(1) if m else None


def open_menus():
    """Mapped override-redirect top-level windows typed as menus, in stacking order (topmost last)."""
    menus = []
    # The root's children with their sizes: only those larger than 1x1 are looked at closer (GTK
    # and openbox keep many 1x1 windows there; one xwininfo call each would make this slow).
    listing = run("xwininfo", "-root", "-children")
    for m in re.finditer(r"^\s+(0x[0-9a-fA-F]+) .*?\s(\d+)x(\d+)[+-]", listing, re.M):
        if int(m.group(2)) <= 1 or int(m.group(3)) <= 1:
            continue
        wid = int(m.group(1), 16)
        g = geometry(wid)
        if not g or not g["mapped"] or not g["override"] or g["width"] <= 1:
            continue
        kind = window_type(wid)
        if kind and kind.endswith("MENU"):
            menus.append({"id": wid, "x": g["x"], "y": g["y"], "width": g["width"], "height": g["height"],
                          "type": kind})
    return menus


def activate(title):
    """Makes TITLE the active window (openbox gives it the keyboard focus) and waits until X says so."""
    wid = find_window(title)
    if wid is None:
        raise DriverError(f"no window named '{title}'")
    if active_window() != wid:
        run("wmctrl", "-i", "-a", hex(wid))
        deadline = time.monotonic() + 5
        while active_window() != wid:
            if time.monotonic() > deadline:
                raise DriverError(f"'{title}' did not become the active window")
            time.sleep(0.05)
        # The focus change reaches GTK after X reports it.
        time.sleep(0.1)
    return wid


def keys(title, names, pause_ms, look):
    activate(title)
    for name in names:
        run("xdotool", "key", name)
        time.sleep(pause_ms / 1000)
    return {"pressed": names, "menus": open_menus()} if look else {"pressed": names}


def pointer_to(title, x, y):
    report = window_report(title)
    if not report["found"]:
        raise DriverError(f"no window named '{title}'")
    rx, ry = report["x"] + x, report["y"] + y
    run("xdotool", "mousemove", str(rx), str(ry))
    return {"pointer": [rx, ry]}


def click(x, y):
    run("xdotool", "mousemove", str(x), str(y))
    time.sleep(0.1)
    run("xdotool", "click", "1")
    return {"clicked": [x, y]}


def gtk_look(*args):
    return json.loads(run(GTK_PYTHON, os.path.join(HERE, "gtk_look.py"), *args))


def answer(path, query):
    q = {k: v[0] for k, v in urllib.parse.parse_qs(query).items()}
    number = lambda name: int(q[name])  # noqa: E731
    if path == "/window":
        return window_report(q["title"])
    if path == "/menus":
        return open_menus()
    if path == "/keys":
        return keys(q["title"], q["keys"].split(), int(q.get("pause", 150)), q.get("menus") == "1")
    if path == "/pointer":
        return pointer_to(q["title"], number("x"), number("y"))
    if path == "/click":
        return click(number("x"), number("y"))
    if path == "/pixels":
        return gtk_look("pixels", *(q[k] for k in ("x", "y", "width", "height")), *q["colours"].split(";"))
    if path == "/clipboard":
        return gtk_look("clipboard")
    raise DriverError("unknown request " + path)


# One request at a time: the page's requests act on one keyboard, one pointer and one display.
serve("menu_driver", WORK, PORT_FILE, answer)
