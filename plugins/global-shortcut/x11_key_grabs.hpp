#pragma once
// Global shortcuts on X11: a passive grab of the key on the root window (XGrabKey) for each
// combination of the ignored lock modifiers (NumLock, CapsLock), so the shortcut fires whatever
// window has the focus and whether those locks are on; a GDK event filter turns the grabbed
// KeyPress and KeyRelease into Pressed and Released. Another client's grab of the same key makes
// the X server answer BadAccess: trapped (gdk_x11_display_error_trap) and reported. Wayland has no
// global grabs for clients: refused, saying so. [main-thread] throughout (GDK and Xlib calls).
#include <cstdint>
#include <functional>
#include <map>

#include "accelerator.hpp"

namespace warden::global_shortcut {

enum class KeyState { pressed, released };

class X11KeyGrabs {
 public:
  // `fired(id, state)` for each grabbed shortcut's press and release, on the main thread.
  explicit X11KeyGrabs(std::function<void(uint32_t id, KeyState state)> fired);
  ~X11KeyGrabs();  // ungrabs everything still grabbed, removes the filter
  X11KeyGrabs(const X11KeyGrabs&) = delete;
  X11KeyGrabs& operator=(const X11KeyGrabs&) = delete;

  // Throws std::runtime_error saying why: not an X11 display (Wayland), a key this keyboard
  // lacks, or the key combination grabbed by another application (nothing stays grabbed then).
  void grab(const Accelerator& accelerator);
  // Releases the grab of `id` (nothing when it is not grabbed).
  void ungrab(uint32_t id);

 private:
  struct Grab {
    unsigned keycode;
    unsigned modifiers;  // X modifier mask
    bool down = false;   // pressed, its release not seen yet
  };
  static int filter(void* xevent, void* event, void* self);  // GdkFilterFunc
  void handle(int type, unsigned keycode, unsigned state);

  std::function<void(uint32_t, KeyState)> fired_;
  std::map<uint32_t, Grab> grabs_;
  bool filtering_ = false;
};

}  // namespace warden::global_shortcut
