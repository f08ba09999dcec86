#include "desktop/window_state_source.hpp"

#include <gtk/gtk.h>

#include <boost/json.hpp>

#include "desktop/window_commands.hpp"

namespace warden::desktop {
namespace {

bool has_gdk_state(GtkWindow* window, GdkWindowState flag) {
  GdkWindow* gdk = gtk_widget_get_window(GTK_WIDGET(window));
  return gdk && (gdk_window_get_state(gdk) & flag) != 0;
}

int32_t int_of(const boost::json::object& o, const char* key) { return static_cast<int32_t>(o.at(key).as_int64()); }

// GTK takes logical pixels: physical / the window's integer scale, clamped as X11 can hold them.
int logical(int64_t physical, int scale, int min) {
  int64_t v = physical / scale;
  return static_cast<int>(std::clamp<int64_t>(v, min, 32767));
}

}  // namespace

warden_window_state read_window_state(GtkWindow* window) {
  warden_window_state s{};
  s.struct_size = sizeof s;
  // The window commands' getters: what outerPosition() and innerSize() answer the page.
  auto position = window_state::outer_position(window);
  auto size = window_state::inner_size(window);
  s.x = int_of(position, "x");
  s.y = int_of(position, "y");
  s.width = static_cast<uint32_t>(int_of(size, "width"));
  s.height = static_cast<uint32_t>(int_of(size, "height"));
  s.maximized = gtk_window_is_maximized(window) ? 1 : 0;
  s.minimized = has_gdk_state(window, GDK_WINDOW_STATE_ICONIFIED) ? 1 : 0;
  s.fullscreen = has_gdk_state(window, GDK_WINDOW_STATE_FULLSCREEN) ? 1 : 0;
  s.visible = gtk_widget_get_visible(GTK_WIDGET(window)) ? 1 : 0;
  s.decorated = gtk_window_get_decorated(window) ? 1 : 0;
  return s;
}

void apply_window_state(GtkWindow* window, const warden_window_state& s, uint32_t fields) {
  int scale = window_state::scale_of(window);
  if (fields & WARDEN_WINDOW_STATE_DECORATIONS) gtk_window_set_decorated(window, s.decorated != 0);
  // gtk_window_move places the frame's top-left corner (the default north-west gravity): the
  // outer position read above.
  if (fields & WARDEN_WINDOW_STATE_POSITION)
    gtk_window_move(window, logical(s.x, scale, -32768), logical(s.y, scale, -32768));
  if (fields & WARDEN_WINDOW_STATE_SIZE) {
    int width = logical(s.width, scale, 1);
    int height = logical(s.height, scale, 1);
    // As set_size: a window that is not resizable keeps a size only through a size request.
    if (!gtk_window_get_resizable(window)) gtk_widget_set_size_request(GTK_WIDGET(window), width, height);
    gtk_window_resize(window, width, height);
  }
  if (fields & WARDEN_WINDOW_STATE_MAXIMIZED) s.maximized ? gtk_window_maximize(window) : gtk_window_unmaximize(window);
  if (fields & WARDEN_WINDOW_STATE_FULLSCREEN)
    s.fullscreen ? gtk_window_fullscreen(window) : gtk_window_unfullscreen(window);
  if (fields & WARDEN_WINDOW_STATE_VISIBLE) {
    if (s.visible) gtk_window_present(window);  // shown and focused, as Tauri's show + set_focus
    else gtk_widget_hide(GTK_WIDGET(window));
  }
}

}  // namespace warden::desktop
