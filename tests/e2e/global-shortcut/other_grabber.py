"""Another X client that holds a key grab, as a desktop's own shortcut daemon would: grabs KEYSYM
with modifier MASK on the root window (XGrabKey through Debian's libX11, no Python X binding
needed), prints "grabbed" once the server accepted it, and keeps the grab until killed.
  other_grabber.py KEYSYM MASK"""
import ctypes
import signal
import sys

x = ctypes.CDLL("libX11.so.6")
x.XOpenDisplay.restype = ctypes.c_void_p
x.XOpenDisplay.argtypes = [ctypes.c_char_p]
x.XDefaultRootWindow.restype = ctypes.c_ulong
x.XDefaultRootWindow.argtypes = [ctypes.c_void_p]
x.XStringToKeysym.restype = ctypes.c_ulong
x.XStringToKeysym.argtypes = [ctypes.c_char_p]
x.XKeysymToKeycode.restype = ctypes.c_ubyte
x.XKeysymToKeycode.argtypes = [ctypes.c_void_p, ctypes.c_ulong]
x.XGrabKey.argtypes = [ctypes.c_void_p, ctypes.c_int, ctypes.c_uint, ctypes.c_ulong, ctypes.c_int, ctypes.c_int,
                       ctypes.c_int]
x.XSync.argtypes = [ctypes.c_void_p, ctypes.c_int]

display = x.XOpenDisplay(None)
if not display:
    sys.exit("other_grabber: cannot open the display")
keycode = x.XKeysymToKeycode(display, x.XStringToKeysym(sys.argv[1].encode()))
if not keycode:
    sys.exit("other_grabber: no keycode for " + sys.argv[1])
GRAB_MODE_ASYNC = 1
x.XGrabKey(display, keycode, int(sys.argv[2]), x.XDefaultRootWindow(display), 0, GRAB_MODE_ASYNC, GRAB_MODE_ASYNC)
x.XSync(display, 0)
print("grabbed", flush=True)
signal.sigwait([signal.SIGTERM, signal.SIGINT])
