"""The clipboard e2e's outside view: an HTTP server the page asks to read and set the X CLIPBOARD
selection with xclip, as another application would.
  clipboard_driver.py WORK PORT_FILE
Started by setup.sh before the display exists; under_openbox.sh (tests/e2e/windows) writes
WORK/x-display once the display is up, and every request reads it.
Requests (GET, query arguments):
  /read?target=T        the selection as T (xclip -o -t T): {text} for a text target; for an
                        image/png target the PNG decoded: {width, height, rgba: [bytes]}
  /targets              {owned: whether any client owns the selection, targets: [...]}
  /set?target=T&data=D  xclip -i -t T with D (UTF-8) as the selection
  /set_image?width=W&height=H&rgba=R,G,B,A
                        a W x H PNG of one colour (made with GdkPixbuf) as image/png
Errors answer 500 with {"error": ...}."""
import os
import subprocess
import sys
import urllib.parse

E2E = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path[:0] = [E2E, os.path.join(E2E, "windows")]
from page_driver import DriverError, serve, wait_until  # noqa: E402
from x_display import XDisplay  # noqa: E402

import gi  # noqa: E402
gi.require_version("GdkPixbuf", "2.0")
from gi.repository import GdkPixbuf  # noqa: E402

WORK, PORT_FILE = sys.argv[1], sys.argv[2]
display = XDisplay(WORK)


def xclip_out(target):
    done = subprocess.run(["xclip", "-o", "-selection", "clipboard", "-t", target], env=display.env(),
                          capture_output=True, timeout=20)
    if done.returncode != 0:
        raise DriverError(f"xclip -o -t {target} failed ({done.returncode}): {done.stderr.decode().strip()}")
    return done.stdout


def xclip_in(target, data):
    # xclip forks a child that serves the selection until another client takes it: no pipes to it.
    done = subprocess.run(["xclip", "-i", "-selection", "clipboard", "-t", target], env=display.env(), input=data,
                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=20)
    if done.returncode != 0:
        raise DriverError(f"xclip -i -t {target} failed ({done.returncode})")
    # xclip's child takes the selection after the parent returned: wait until it offers TARGET.
    wait_until(lambda: target in targets()["targets"], f"xclip to offer {target}", 10)


def targets():
    done = subprocess.run(["xclip", "-o", "-selection", "clipboard", "-t", "TARGETS"], env=display.env(),
                          capture_output=True, timeout=20)
    return {"owned": done.returncode == 0, "targets": done.stdout.decode().split()}


def decoded_png(data):
    loader = GdkPixbuf.PixbufLoader.new_with_type("png")
    loader.write(data)
    loader.close()
    image = loader.get_pixbuf()
    if not image.get_has_alpha():
        image = image.add_alpha(False, 0, 0, 0)
    width, height, stride = image.get_width(), image.get_height(), image.get_rowstride()
    pixels = image.get_pixels()
    rgba = b"".join(pixels[y * stride:y * stride + width * 4] for y in range(height))
    return {"width": width, "height": height, "rgba": list(rgba)}


def one_colour_png(width, height, rgba):
    image = GdkPixbuf.Pixbuf.new(GdkPixbuf.Colorspace.RGB, True, 8, width, height)
    r, g, b, a = rgba
    image.fill((r << 24) | (g << 16) | (b << 8) | a)
    ok, data = image.save_to_bufferv("png", [], [])
    if not ok:
        raise DriverError("GdkPixbuf could not write the PNG")
    return data


def answer(path, query):
    q = urllib.parse.parse_qs(query, keep_blank_values=True)
    if path == "/read":
        target = q["target"][0]
        data = xclip_out(target)
        return decoded_png(data) if target.startswith("image/") else {"text": data.decode("utf-8")}
    if path == "/targets":
        return targets()
    if path == "/set":
        xclip_in(q["target"][0], q["data"][0].encode("utf-8"))
        return {"set": q["target"][0]}
    if path == "/set_image":
        width, height = int(q["width"][0]), int(q["height"][0])
        rgba = [int(v) for v in q["rgba"][0].split(",")]
        xclip_in("image/png", one_colour_png(width, height, rgba))
        return {"set": f"{width}x{height} image/png"}
    raise DriverError("unknown request " + path)


serve("clipboard-driver", WORK, PORT_FILE, answer)
