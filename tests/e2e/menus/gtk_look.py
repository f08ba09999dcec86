"""What a GTK client sees on the menus e2e's display (menu_driver.py runs it with Debian's python3,
which has gi; DISPLAY comes from the driver's environment):
  gtk_look.py pixels X Y WIDTH HEIGHT R,G,B ...   prints {"R,G,B": how many pixels of the screen
                                                   rectangle have exactly that colour, ...}
  gtk_look.py clipboard                            prints {"text": the CLIPBOARD selection's text or null}
The page cannot read either: the screen is X's, and the clipboard needs no page permission here."""
import json
import sys

import gi

gi.require_version("Gdk", "3.0")
gi.require_version("Gtk", "3.0")
from gi.repository import Gdk, Gtk  # noqa: E402


def pixels(x, y, width, height, colours):
    shot = Gdk.pixbuf_get_from_window(Gdk.get_default_root_window(), x, y, width, height)
    if shot is None:
        sys.exit(f"could not read the screen at {x},{y} {width}x{height}")
    data, stride, channels = shot.get_pixels(), shot.get_rowstride(), shot.get_n_channels()
    wanted = {tuple(int(v) for v in c.split(",")): c for c in colours}
    counts = {c: 0 for c in colours}
    for row in range(shot.get_height()):
        base = row * stride
        for col in range(shot.get_width()):
            p = base + col * channels
            name = wanted.get((data[p], data[p + 1], data[p + 2]))
            if name:
                counts[name] += 1
    return counts


def clipboard():
    return {"text": Gtk.Clipboard.get(Gdk.SELECTION_CLIPBOARD).wait_for_text()}


if sys.argv[1] == "pixels":
    x, y, w, h = (int(v) for v in sys.argv[2:6])
    print(json.dumps(pixels(x, y, w, h, sys.argv[6:])))
elif sys.argv[1] == "clipboard":
    print(json.dumps(clipboard()))
else:
    sys.exit("gtk_look.py pixels|clipboard ...")
