#include "monitors.hpp"

#include <gdk/gdk.h>

namespace warden::window_state_plugin {

bool touches_a_monitor(int32_t x, int32_t y, uint32_t width, uint32_t height) {
  GdkDisplay* display = gdk_display_get_default();
  if (!display) return false;
  const int64_t corners[4][2] = {{x, y}, {int64_t(x) + width, y}, {x, int64_t(y) + height},
                                 {int64_t(x) + width, int64_t(y) + height}};
  for (int i = 0, n = gdk_display_get_n_monitors(display); i < n; ++i) {
    GdkMonitor* monitor = gdk_display_get_monitor(display, i);
    GdkRectangle r;
    gdk_monitor_get_geometry(monitor, &r);
    int64_t scale = gdk_monitor_get_scale_factor(monitor);
    int64_t left = r.x * scale, top = r.y * scale, right = left + r.width * scale, bottom = top + r.height * scale;
    for (const auto& c : corners)
      if (c[0] >= left && c[0] < right && c[1] >= top && c[1] < bottom) return true;
  }
  return false;
}

}  // namespace warden::window_state_plugin
