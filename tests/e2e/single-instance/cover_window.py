#!/usr/bin/python3
"""Another X window for the single-instance e2e (instance_runs.sh): it takes the front and the
focus, so that bringing the app's window back is something the running instance must do.
   cover_window.py  (runs until killed; title "cover")"""
import gi

gi.require_version("Gtk", "3.0")
from gi.repository import GLib, Gtk  # noqa: E402

window = Gtk.Window(title="cover")
window.set_default_size(600, 500)
window.move(0, 0)
window.connect("destroy", Gtk.main_quit)
window.show_all()
GLib.idle_add(lambda: window.present() or False)
Gtk.main()
