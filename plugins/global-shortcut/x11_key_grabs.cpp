#include "x11_key_grabs.hpp"

#include <gdk/gdk.h>
#include <gdk/gdkx.h>
#include <X11/XKBlib.h>
#include <X11/Xlib.h>

#include <stdexcept>
#include <vector>

namespace warden::global_shortcut {
namespace {

GdkDisplay* x11_display() {
  GdkDisplay* display = gdk_display_get_default();
  if (!display) throw std::runtime_error("global shortcuts need a display, and this app has none");
  if (!GDK_IS_X11_DISPLAY(display))
    throw std::runtime_error(std::string("global shortcuts are not available on this display (GDK backend '") +
                             G_OBJECT_TYPE_NAME(display) +
                             "'): Wayland gives applications no global key grabs; run the app on X11 "
                             "(GDK_BACKEND=x11, under XWayland) to use them");
  return display;
}

unsigned x_modifiers(uint32_t modifiers) {
  unsigned m = 0;
  if (modifiers & kShift) m |= ShiftMask;
  if (modifiers & kControl) m |= ControlMask;
  if (modifiers & kAlt) m |= Mod1Mask;
  if (modifiers & kMeta) m |= Mod4Mask;
  return m;
}

// The lock modifiers a grab must not depend on: CapsLock and NumLock (Mod2 on every common map).
const unsigned kIgnoredLocks[] = {0, LockMask, Mod2Mask, LockMask | Mod2Mask};
constexpr unsigned kRelevant = ShiftMask | ControlMask | Mod1Mask | Mod4Mask;

void ungrab_all_locks(Display* x, Window root, unsigned keycode, unsigned modifiers) {
  for (unsigned lock : kIgnoredLocks) XUngrabKey(x, int(keycode), modifiers | lock, root);
}

}  // namespace

X11KeyGrabs::X11KeyGrabs(std::function<void(uint32_t, KeyState)> fired) : fired_(std::move(fired)) {}

X11KeyGrabs::~X11KeyGrabs() {
  GdkDisplay* display = gdk_display_get_default();
  if (display && GDK_IS_X11_DISPLAY(display)) {
    Display* x = GDK_DISPLAY_XDISPLAY(display);
    Window root = DefaultRootWindow(x);
    gdk_x11_display_error_trap_push(display);
    for (auto& [_, g] : grabs_) ungrab_all_locks(x, root, g.keycode, g.modifiers);
    gdk_x11_display_error_trap_pop_ignored(display);
  }
  if (filtering_) gdk_window_remove_filter(nullptr, reinterpret_cast<GdkFilterFunc>(&X11KeyGrabs::filter), this);
}

void X11KeyGrabs::grab(const Accelerator& a) {
  GdkDisplay* display = x11_display();
  Display* x = GDK_DISPLAY_XDISPLAY(display);
  KeySym sym = XStringToKeysym(a.keysym.c_str());
  KeyCode keycode = sym == NoSymbol ? 0 : XKeysymToKeycode(x, sym);
  if (keycode == 0)
    throw std::runtime_error("the key " + a.code + " of shortcut '" + a.canonical() + "' is not on this keyboard map");
  unsigned modifiers = x_modifiers(a.modifiers);
  Window root = DefaultRootWindow(x);
  gdk_x11_display_error_trap_push(display);
  for (unsigned lock : kIgnoredLocks) XGrabKey(x, keycode, modifiers | lock, root, False, GrabModeAsync, GrabModeAsync);
  XSync(x, False);
  int error = gdk_x11_display_error_trap_pop(display);
  if (error) {
    gdk_x11_display_error_trap_push(display);
    ungrab_all_locks(x, root, keycode, modifiers);
    gdk_x11_display_error_trap_pop_ignored(display);
    if (error == BadAccess)
      throw std::runtime_error("shortcut '" + a.canonical() + "' is already grabbed by another application");
    throw std::runtime_error("the X server refused to grab shortcut '" + a.canonical() + "' (X error " +
                             std::to_string(error) + ")");
  }
  if (!filtering_) {
    // Auto-repeat would send a release and a press every few milliseconds while the key is held;
    // detectable auto-repeat sends only presses, so a release means the key went up.
    XkbSetDetectableAutoRepeat(x, True, nullptr);
    gdk_window_add_filter(nullptr, reinterpret_cast<GdkFilterFunc>(&X11KeyGrabs::filter), this);
    filtering_ = true;
  }
  grabs_[a.id()] = Grab{keycode, modifiers};
}

void X11KeyGrabs::ungrab(uint32_t id) {
  auto it = grabs_.find(id);
  if (it == grabs_.end()) return;
  GdkDisplay* display = gdk_display_get_default();
  if (display && GDK_IS_X11_DISPLAY(display)) {
    Display* x = GDK_DISPLAY_XDISPLAY(display);
    gdk_x11_display_error_trap_push(display);
    ungrab_all_locks(x, DefaultRootWindow(x), it->second.keycode, it->second.modifiers);
    gdk_x11_display_error_trap_pop_ignored(display);
  }
  grabs_.erase(it);
}

int X11KeyGrabs::filter(void* xevent, void*, void* self) {
  auto* e = static_cast<XEvent*>(xevent);
  if (e->type == KeyPress || e->type == KeyRelease)
    static_cast<X11KeyGrabs*>(self)->handle(e->type, e->xkey.keycode, e->xkey.state);
  return GDK_FILTER_CONTINUE;
}

void X11KeyGrabs::handle(int type, unsigned keycode, unsigned state) {
  // Copied out first: a page's handler may unregister (and so erase) while we report.
  std::vector<std::pair<uint32_t, KeyState>> fired;
  for (auto& [id, g] : grabs_) {
    if (g.keycode != keycode) continue;
    if (type == KeyPress && (state & kRelevant) == g.modifiers && !g.down) {
      g.down = true;
      fired.emplace_back(id, KeyState::pressed);
    } else if (type == KeyRelease && g.down) {
      // Released whatever modifiers are still held: the user may let go of them first.
      g.down = false;
      fired.emplace_back(id, KeyState::released);
    }
  }
  for (auto& [id, s] : fired) fired_(id, s);
}

}  // namespace warden::global_shortcut
