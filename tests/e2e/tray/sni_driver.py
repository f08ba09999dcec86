"""The tray e2e's outside view: a small HTTP server the page asks what the session bus shows of
its tray icons, as a StatusNotifier host (a panel) would see them, and which acts as a host does:
activates an item, clicks its menu's entries over com.canonical.dbusmenu, stops and restarts the
watcher. The page cannot see any of this from inside.
  sni_driver.py WORK PORT_FILE
Started by setup.sh before the bus exists; under_session_bus.sh (inside dbus-run-session) writes WORK/bus
(DBUS_SESSION_BUS_ADDRESS=...) once Debian's status-notifier-watcher owns its name, and the first
request connects to that bus. Runs under /usr/bin/python3 (Debian's, with gi).
Answers JSON with Access-Control-Allow-Origin: * (the page is app://, the server http://127.0.0.1).
Requests (GET, query arguments):
  /watcher                 the watcher's RegisteredStatusNotifierItems and RegisteredSNIEntries
  /items                   every registered item: its org.kde.StatusNotifierItem properties
  /item?id=I               the registered item whose Id property is I ({found: false} if none)
  /signals?since=N&member=M&path=P&sender=S&wait=MS
                           the signals seen after number N (member, object path and sender
                           filter them when given), waiting up to MS for a first one; {next} is
                           the number to pass as `since` next time
  /activate?id=I&x=&y=&times=N  Activate(x, y) on item I, N times in a row (2: a double click)
  /secondary?id=I&x=&y=    SecondaryActivate(x, y); /context: ContextMenu(x, y)
  /menu?id=I               item I's menu as a panel opens it: AboutToShow(0), then
                           GetLayout(0, -1, []) as a tree
  /menu-properties?id=I&items=N,M&names=a,b   GetGroupProperties([N, M], [a, b]) and, for the
                           first item and name, GetProperty(N, a)
  /menu-event?id=I&item=N&event=clicked   dbusmenu Event(N, event, 0, 0) on item I's menu
  /exists?path=P           whether P (inside WORK) exists: what the host wrote on disk
  /watcher-stop            StopWatcher (the watcher exits and leaves the bus)
  /watcher-start           a new status-notifier-watcher on the bus
  POST /report?window=W    the page's scenario results (JSON body), appended to
                           WORK/page-results.txt as "W\tDONE <json>" (the format of results.txt)
Errors answer 500 with {"error": ...}."""
import base64
import os
import signal
import subprocess
import sys
import threading
import time
import urllib.parse

# page_driver.py sits in tests/e2e.
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from page_driver import DriverError, serve, wait_until  # noqa: E402
import gi  # noqa: E402

gi.require_version("Gio", "2.0")
from gi.repository import Gio, GLib  # noqa: E402

WORK, PORT_FILE = sys.argv[1], sys.argv[2]
WATCHER_NAME = "org.kde.StatusNotifierWatcher"
WATCHER_PATH = "/StatusNotifierWatcher"
ITEM_INTERFACE = "org.kde.StatusNotifierItem"
MENU_INTERFACE = "com.canonical.dbusmenu"
CALL_MS = 5000


# ---------------------------------------------------------------------------------------------
# The bus, and every signal on it since the first request.

bus = None
bus_lock = threading.Lock()
signals = []  # [{n, sender, path, interface, member, args}]
signals_changed = threading.Condition()
watchers = []  # the status-notifier-watcher processes this driver started


def bus_address():
    path = os.path.join(WORK, "bus")
    if not os.path.exists(path):
        raise DriverError("the bus is not up yet (no bus file from under_session_bus.sh)")
    with open(path, encoding="utf-8") as f:
        name, _, value = f.read().strip().partition("=")
    if name != "DBUS_SESSION_BUS_ADDRESS" or not value:
        raise DriverError("the bus file holds no DBUS_SESSION_BUS_ADDRESS")
    return value


def connection():
    """The run's session bus, connected on first use; every signal on it is recorded from then."""
    global bus
    with bus_lock:
        if bus is None:
            flags = Gio.DBusConnectionFlags.AUTHENTICATION_CLIENT | Gio.DBusConnectionFlags.MESSAGE_BUS_CONNECTION
            bus = Gio.DBusConnection.new_for_address_sync(bus_address(), flags, None, None)
            bus.signal_subscribe(None, None, None, None, None, Gio.DBusSignalFlags.NONE, on_signal)
            # Signal callbacks run on the default main context: a loop of its own iterates it.
            threading.Thread(target=GLib.MainLoop().run, daemon=True).start()
        return bus


def on_signal(_connection, sender, path, interface, member, parameters):
    if interface == "org.freedesktop.DBus" and member in ("NameAcquired", "NameLost"):
        return
    with signals_changed:
        signals.append({"n": len(signals) + 1, "sender": sender, "path": path, "interface": interface,
                        "member": member, "args": plain(parameters.unpack())})
        signals_changed.notify_all()


def plain(value):
    """VALUE (an unpacked GVariant) as JSON: byte arrays as base64 (dbusmenu icon-data, pixmaps)."""
    if isinstance(value, (bytes, bytearray)):
        return {"base64": base64.b64encode(bytes(value)).decode()}
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    return value


def signals_after(since, member=None, path=None, sender=None, wait_ms=0):
    def matching():
        return [s for s in signals[since:] if (member is None or s["member"] == member)
                and (path is None or s["path"] == path) and (sender is None or s["sender"] == sender)]
    deadline = time.monotonic() + wait_ms / 1000
    with signals_changed:
        found = matching()
        while not found and time.monotonic() < deadline:
            signals_changed.wait(deadline - time.monotonic())
            found = matching()
        return {"signals": found, "next": len(signals)}


# ---------------------------------------------------------------------------------------------
# Calls.

def call(service, path, interface, method, args=None, reply=None):
    try:
        result = connection().call_sync(service, path, interface, method, args, GLib.VariantType(reply) if reply else None,
                                         Gio.DBusCallFlags.NONE, CALL_MS, None)
    except GLib.Error as e:
        raise DriverError(f"{interface}.{method} on {service} {path}: {e.message}")
    return result.unpack() if result is not None else None


def watcher_property(name):
    return call(WATCHER_NAME, WATCHER_PATH, "org.freedesktop.DBus.Properties", "Get",
                GLib.Variant("(ss)", (WATCHER_NAME, name)), "(v)")[0]


def name_owner(name):
    """The unique name that owns NAME (NAME itself when it is one), None when nobody does."""
    if name.startswith(":"):
        return name
    try:
        return call("org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus", "GetNameOwner",
                    GLib.Variant("(s)", (name,)), "(s)")[0]
    except DriverError:
        return None


def watcher_report():
    return {"items": watcher_property("RegisteredStatusNotifierItems"),
            "entries": [list(e) for e in watcher_property("RegisteredSNIEntries")]}


def pixmaps(value):
    return [{"width": w, "height": h, "argb": base64.b64encode(bytes(data)).decode()} for w, h, data in value or []]


def item_report(service, path):
    """An item's properties as a host reads them (GetAll on org.kde.StatusNotifierItem)."""
    props = call(service, path, "org.freedesktop.DBus.Properties", "GetAll",
                 GLib.Variant("(s)", (ITEM_INTERFACE,)), "(a{sv})")[0]
    tooltip = props.get("ToolTip")
    return {
        "found": True,
        "service": service,
        "owner": name_owner(service),
        "path": path,
        "id": props.get("Id"),
        "category": props.get("Category"),
        "status": props.get("Status"),
        "title": props.get("Title"),
        "iconName": props.get("IconName"),
        "pixmaps": pixmaps(props.get("IconPixmap")),
        "tooltip": None if tooltip is None else {"iconName": tooltip[0], "pixmaps": pixmaps(tooltip[1]),
                                                 "title": tooltip[2], "text": tooltip[3]},
        "menu": props.get("Menu"),
        "itemIsMenu": props.get("ItemIsMenu"),
        "properties": sorted(props),
    }


def items():
    found = []
    for service, path in watcher_property("RegisteredSNIEntries"):
        try:
            found.append(item_report(service, path))
        except DriverError as e:
            # Listed but not answering (it left the bus after the watcher's list was read).
            found.append({"found": False, "service": service, "path": path, "error": str(e)})
    return found


def item(item_id):
    report = next((i for i in items() if i.get("id") == item_id), None)
    return report or {"found": False, "id": item_id}


def registered_item(item_id):
    report = item(item_id)
    if not report["found"]:
        raise DriverError(f"no registered item with Id '{item_id}'")
    return report


def activate(item_id, method, x, y, times=1):
    i = registered_item(item_id)
    # All but the last sent without waiting for their replies (the bus keeps their order), so
    # that a loaded machine does not stretch a double click past the host's double-click time.
    for _ in range(times - 1):
        connection().call(i["service"], i["path"], ITEM_INTERFACE, method, GLib.Variant("(ii)", (x, y)), None,
                          Gio.DBusCallFlags.NONE, CALL_MS, None, None, None)
    call(i["service"], i["path"], ITEM_INTERFACE, method, GLib.Variant("(ii)", (x, y)))
    return {"called": method, "x": x, "y": y, "times": times}


def layout_tree(node):
    node_id, props, children = node
    return {"id": node_id, "props": plain(props), "children": [layout_tree(c) for c in children]}


def menu_of(item_id):
    i = registered_item(item_id)
    if not i["menu"] or i["menu"] == "/":
        raise DriverError(f"item '{item_id}' exports no menu (Menu is {i['menu']!r})")
    return i


def menu(item_id):
    i = menu_of(item_id)
    call(i["service"], i["menu"], MENU_INTERFACE, "AboutToShow", GLib.Variant("(i)", (0,)), "(b)")
    revision, root = call(i["service"], i["menu"], MENU_INTERFACE, "GetLayout",
                          GLib.Variant("(iias)", (0, -1, [])), "(u(ia{sv}av))")
    return {"revision": revision, "root": layout_tree(root)}


def menu_properties(item_id, entries, names):
    i = menu_of(item_id)
    group = call(i["service"], i["menu"], MENU_INTERFACE, "GetGroupProperties",
                 GLib.Variant("(aias)", (entries, names)), "(a(ia{sv}))")[0]
    one = call(i["service"], i["menu"], MENU_INTERFACE, "GetProperty",
               GLib.Variant("(is)", (entries[0], names[0])), "(v)")[0]
    return {"group": [{"id": e, "props": plain(p)} for e, p in group], "property": plain(one)}


def menu_event(item_id, entry, event):
    i = menu_of(item_id)
    call(i["service"], i["menu"], MENU_INTERFACE, "Event",
         GLib.Variant("(isvu)", (entry, event, GLib.Variant("i", 0), 0)))
    return {"sent": event, "item": entry}


def exists(path):
    real = os.path.realpath(path)
    if os.path.commonpath([real, os.path.realpath(WORK)]) != os.path.realpath(WORK):
        raise DriverError(f"{path} is outside the run's folder")
    return {"exists": os.path.exists(real)}


def watcher_owned():
    return name_owner(WATCHER_NAME) is not None


def watcher_stop():
    call(WATCHER_NAME, WATCHER_PATH, WATCHER_NAME, "StopWatcher")
    wait_until(lambda: not watcher_owned(), "the watcher to leave the bus", 5)
    return {"stopped": True}


def watcher_start():
    if watcher_owned():
        raise DriverError("a watcher already owns " + WATCHER_NAME)
    env = dict(os.environ, DBUS_SESSION_BUS_ADDRESS=bus_address())
    log = open(os.path.join(WORK, f"watcher-{len(watchers) + 2}.log"), "w")
    watchers.append(subprocess.Popen(["status-notifier-watcher"], env=env, stdout=log, stderr=log))
    wait_until(watcher_owned, "the new watcher to own " + WATCHER_NAME, 5)
    return {"started": watchers[-1].pid}


def stop_watchers(*_):
    for w in watchers:
        if w.poll() is None:
            w.terminate()
    sys.exit(0)


# ---------------------------------------------------------------------------------------------
# HTTP.

def answer(path, query):
    q = {k: v[0] for k, v in urllib.parse.parse_qs(query).items()}
    number = lambda name, default=None: int(q[name]) if name in q else default  # noqa: E731
    if path == "/watcher":
        return watcher_report()
    if path == "/items":
        return items()
    if path == "/item":
        return item(q["id"])
    if path == "/signals":
        connection()
        return signals_after(number("since", 0), q.get("member"), q.get("path"), q.get("sender"), number("wait", 0))
    if path == "/activate":
        return activate(q["id"], "Activate", number("x"), number("y"), number("times", 1))
    if path == "/secondary":
        return activate(q["id"], "SecondaryActivate", number("x"), number("y"))
    if path == "/context":
        return activate(q["id"], "ContextMenu", number("x"), number("y"))
    if path == "/menu":
        return menu(q["id"])
    if path == "/menu-properties":
        return menu_properties(q["id"], [int(n) for n in q["items"].split(",")], q["names"].split(","))
    if path == "/menu-event":
        return menu_event(q["id"], number("item"), q.get("event", "clicked"))
    if path == "/exists":
        return exists(q["path"])
    if path == "/watcher-stop":
        return watcher_stop()
    if path == "/watcher-start":
        return watcher_start()
    raise DriverError("unknown request " + path)


# run_app.sh ends the driver with SIGTERM: the watchers it started go with it.
signal.signal(signal.SIGTERM, stop_watchers)
# A thread per request: the page's second window may report while main waits for a signal.
serve("sni_driver", WORK, PORT_FILE, answer, errors=(GLib.Error,), one_at_a_time=False)
