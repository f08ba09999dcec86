"""The global-shortcut e2e's user and desktop: a small HTTP server the page asks to give the focus
to another X client, to press keys as a user would (xdotool, through the X server, so a grab
decides who gets them), and to have another client hold a key grab.
  shortcut_driver.py WORK PORT_FILE
Started by setup.sh before the display exists; under_openbox.sh (tests/e2e/windows) writes
WORK/x-display once openbox manages the display, and every request reads it.
Requests (GET, query arguments):
  /focus-other           xev's window (another X client) mapped and made the active window;
                         answers its id and the active window's name
  /keys?keys=K1 K2 ...   each key pressed and released (xdotool key syntax: ctrl+shift+u), with
                         the active window's name before the keys
  /grab?keysym=S&mask=M  another client grabs keysym S with X modifier mask M (4: Control)
  /ungrab                that client ends (its grab goes with it)
  POST /report?window=W  the page's scenario results (page_driver.py)
Errors answer 500 with {"error": ...}."""
import os
import signal
import subprocess
import sys
import urllib.parse

E2E = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path[:0] = [E2E, os.path.join(E2E, "windows")]
from page_driver import DriverError, serve, wait_until  # noqa: E402
from x_display import XDisplay  # noqa: E402

WORK, PORT_FILE = sys.argv[1], sys.argv[2]
HERE = os.path.dirname(os.path.abspath(__file__))
display = XDisplay(WORK)
run = display.run
children = {}


def active_name():
    wid = run("xdotool", "getactivewindow", check=False).strip()
    return run("xdotool", "getwindowname", wid, check=False).strip() if wid else ""


def xev_window():
    out = run("xdotool", "search", "--onlyvisible", "--name", "^Event Tester$", check=False).split()
    return out[0] if out else None


def focus_other():
    if "xev" not in children or children["xev"].poll() is not None:
        children["xev"] = subprocess.Popen(["xev", "-geometry", "200x120+700+500"], env=display.env(),
                                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wait_until(lambda: xev_window() is not None, "xev's window to be mapped", 10)
    wid = xev_window()
    run("xdotool", "windowactivate", "--sync", wid, check=False)
    wait_until(lambda: active_name() == "Event Tester", "xev's window to become the active window", 10)
    return {"window": wid, "active": active_name()}


def keys(names):
    before = active_name()
    for key in names.split():
        run("xdotool", "key", "--delay", "80", key)
    return {"active": before, "keys": names}


def grab(keysym, mask):
    ungrab()
    child = subprocess.Popen(["/usr/bin/python3", os.path.join(HERE, "other_grabber.py"), keysym, mask],
                             env=display.env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    line = child.stdout.readline().strip()
    if line != "grabbed":
        child.kill()
        raise DriverError("other_grabber.py did not grab: " + child.stderr.read().strip()[-300:])
    children["grabber"] = child
    return {"grabbed": keysym, "mask": mask}


def ungrab():
    child = children.pop("grabber", None)
    if child and child.poll() is None:
        child.terminate()
        child.wait(timeout=10)
    return {"ungrabbed": child is not None}


def answer(path, query):
    q = {k: v[0] for k, v in urllib.parse.parse_qs(query).items()}
    if path == "/focus-other":
        return focus_other()
    if path == "/keys":
        return keys(q["keys"])
    if path == "/grab":
        return grab(q["keysym"], q["mask"])
    if path == "/ungrab":
        return ungrab()
    raise DriverError("unknown request " + path)


signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))  # run_app.sh's stop: end the children too
try:
    serve("shortcut_driver", WORK, PORT_FILE, answer)
finally:
    for c in children.values():
        if c.poll() is None:
            c.kill()
