"""A GTK window that offers one file as text/uri-list when dragged (what a file manager does):
the windows e2e drags it with xdotool onto the app's webview.
  /usr/bin/python3 drag_source.py PATH TITLE
Prints "drag-end <action>" and exits when the drag ends; exits 1 after 20 s without one."""
import sys

import gi

gi.require_version("Gtk", "3.0")
gi.require_version("Gdk", "3.0")
from gi.repository import Gdk, Gio, GLib, Gtk  # noqa: E402

path, title = sys.argv[1], sys.argv[2]
uri = Gio.File.new_for_path(path).get_uri()

window = Gtk.Window(title=title)
window.set_default_size(120, 120)
# Away from the app's windows (the screen is xvfb-run's 1280x1024).
window.move(1100, 800)
box = Gtk.EventBox()
box.add(Gtk.Label(label="drag me"))
window.add(box)
box.drag_source_set(Gdk.ModifierType.BUTTON1_MASK, [], Gdk.DragAction.COPY)
box.drag_source_add_uri_targets()
box.connect("drag-data-get", lambda _w, _ctx, data, _info, _time: data.set_uris([uri]))


def drag_end(_widget, context):
    print("drag-end", context.get_selected_action().value_nicks[0] if context.get_selected_action() else "none",
          flush=True)
    GLib.timeout_add(100, Gtk.main_quit)


box.connect("drag-end", drag_end)


def give_up():
    print("no drag within 20 s", file=sys.stderr, flush=True)
    sys.exit(1)


GLib.timeout_add_seconds(20, give_up)
window.show_all()
Gtk.main()
