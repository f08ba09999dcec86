#include "desktop/monitor.hpp"

#include <gtk/gtk.h>

#include <boost/json.hpp>

namespace warden::desktop {
namespace json = boost::json;

namespace {

json::object physical_rect(const GdkRectangle& r, int scale) {
  return {{"position", {{"x", r.x * scale}, {"y", r.y * scale}}},
          {"size", {{"width", r.width * scale}, {"height", r.height * scale}}}};
}

}  // namespace

json::value monitor_json(GdkMonitor* monitor) {
  if (!monitor) return nullptr;
  int scale = gdk_monitor_get_scale_factor(monitor);
  GdkRectangle geometry, work_area;
  gdk_monitor_get_geometry(monitor, &geometry);
  gdk_monitor_get_workarea(monitor, &work_area);
  json::object out = physical_rect(geometry, scale);
  // GDK names a monitor by its model (the connector name is not in its API); Tauri does the same.
  const char* model = gdk_monitor_get_model(monitor);
  out["name"] = model ? json::value(model) : json::value(nullptr);
  out["workArea"] = physical_rect(work_area, scale);
  out["scaleFactor"] = scale;
  return out;
}

json::value all_monitors_json(GdkDisplay* display) {
  json::array out;
  int n = gdk_display_get_n_monitors(display);
  for (int i = 0; i < n; ++i) out.push_back(monitor_json(gdk_display_get_monitor(display, i)));
  return out;
}

GdkMonitor* monitor_at_physical_point(GdkDisplay* display, double x, double y) {
  int n = gdk_display_get_n_monitors(display);
  for (int i = 0; i < n; ++i) {
    GdkMonitor* m = gdk_display_get_monitor(display, i);
    int scale = gdk_monitor_get_scale_factor(m);
    GdkRectangle g;
    gdk_monitor_get_geometry(m, &g);
    double left = g.x * scale, top = g.y * scale;
    if (x >= left && y >= top && x < left + g.width * scale && y < top + g.height * scale) return m;
  }
  return nullptr;
}

}  // namespace warden::desktop
