"""The opener e2e's file manager: owns org.freedesktop.FileManager1 on the run's session bus and
records each call of its interface (ShowItems, ShowFolders, ShowItemProperties) as one JSON line
{"method", "uris", "startup_id", "sender"} appended to RECORD_FILE, which opener_driver.py reads.
  file_manager_service.py RECORD_FILE
Runs under /usr/bin/python3 (Debian's, with gi) inside dbus-run-session (under_session_bus.sh)."""
import json
import sys

import gi

gi.require_version("Gio", "2.0")
from gi.repository import Gio, GLib  # noqa: E402

RECORD_FILE = sys.argv[1]
NAME = "org.freedesktop.FileManager1"
PATH = "/org/freedesktop/FileManager1"
ARGS = '<arg type="as" name="URIs" direction="in"/><arg type="s" name="StartupId" direction="in"/>'
INTERFACE = f"""
<node>
  <interface name="org.freedesktop.FileManager1">
    <method name="ShowFolders">{ARGS}</method>
    <method name="ShowItems">{ARGS}</method>
    <method name="ShowItemProperties">{ARGS}</method>
  </interface>
</node>"""


def on_call(connection, sender, path, interface, method, parameters, invocation):
    uris, startup_id = parameters.unpack()
    with open(RECORD_FILE, "a", encoding="utf-8") as f:
        f.write(json.dumps({"method": method, "uris": uris, "startup_id": startup_id, "sender": sender}) + "\n")
    print(f"file_manager_service: {method} {uris} from {sender}", file=sys.stderr, flush=True)
    invocation.return_value(None)


def on_bus(connection, name):
    info = Gio.DBusNodeInfo.new_for_xml(INTERFACE).interfaces[0]
    connection.register_object(PATH, info, on_call, None, None)


def on_lost(connection, name):
    print("file_manager_service: could not own " + NAME, file=sys.stderr, flush=True)
    sys.exit(1)


# The object is registered before the name is requested (on_bus_acquired), so a caller that sees
# the name owned always finds the object.
Gio.bus_own_name(Gio.BusType.SESSION, NAME, Gio.BusNameOwnerFlags.NONE, on_bus, None, on_lost)
GLib.MainLoop().run()
