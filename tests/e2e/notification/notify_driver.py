"""The notification e2e's server view: a small HTTP server the page asks what Debian's dunst holds
(its history, read with dunstctl as a user would), and which acts as the user does on a
notification (dunstctl action: the notification's one action picked). The page cannot see any of
this from inside.
  notify_driver.py WORK PORT_FILE
Started by setup.sh before the bus exists; under_session_bus.sh (inside dbus-run-session) writes WORK/bus
(DBUS_SESSION_BUS_ADDRESS=...) once dunst owns org.freedesktop.Notifications, and each request
runs dunstctl on that bus. Requests (GET, query arguments):
  /history           dunstctl close-all (what is on screen goes to history), then every
                     notification of dunstctl history: {id, summary, body, appname, icon_path}
  /close-all         dunstctl close-all
  /displayed         how many notifications dunst shows now
  /action            dunstctl action 0: the topmost notification's action, as a click picks it
  /flag?name=N&set=1 sets flag N; /flag?name=N answers whether it is set (the pages' meeting point)
  POST /report?window=W    the page's scenario results, appended to WORK/page-results.txt
Errors answer 500 with {"error": ...}."""
import json
import os
import subprocess
import sys
import urllib.parse

# page_driver.py sits in tests/e2e.
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from page_driver import DriverError, serve, wait_until  # noqa: E402

WORK, PORT_FILE = sys.argv[1], sys.argv[2]
flags = set()


def bus_environment():
    path = os.path.join(WORK, "bus")
    wait_until(lambda: os.path.exists(path), "under_session_bus.sh to write " + path, 10)
    with open(path, encoding="utf-8") as f:
        name, _, value = f.read().strip().partition("=")
    if name != "DBUS_SESSION_BUS_ADDRESS" or not value:
        raise DriverError(path + " does not name the bus")
    return dict(os.environ, DBUS_SESSION_BUS_ADDRESS=value)


def dunstctl(*args):
    out = subprocess.run(["dunstctl", *args], env=bus_environment(), capture_output=True, text=True, timeout=10)
    if out.returncode != 0:
        raise DriverError(f"dunstctl {' '.join(args)} failed: {out.stderr.strip()}")
    return out.stdout


def history():
    dunstctl("close-all")
    data = json.loads(dunstctl("history"))["data"][0]
    return [{key: entry[key]["data"] for key in ("id", "summary", "body", "appname", "icon_path") if key in entry}
            for entry in data]


def answer(path, query):
    q = urllib.parse.parse_qs(query)
    if path == "/history":
        return {"notifications": history()}
    if path == "/close-all":
        dunstctl("close-all")
        return {"closed": True}
    if path == "/displayed":
        return {"displayed": int(dunstctl("count", "displayed").strip())}
    if path == "/action":
        dunstctl("action", "0")
        return {"acted": True}
    if path == "/flag":
        name = q["name"][0]
        if q.get("set"):
            flags.add(name)
        return {"set": name in flags}
    raise DriverError("unknown request " + path)


serve("notify-driver", WORK, PORT_FILE, answer, one_at_a_time=False)
