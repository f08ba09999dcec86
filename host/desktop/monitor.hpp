#pragma once
// Monitors as @tauri-apps/api's window module reads them (Tauri's Monitor): {name, size,
// position, workArea: {position, size}, scaleFactor}, in physical pixels (GDK's logical
// geometry times the monitor's scale factor).
#include <string>

#include <boost/json/value.hpp>

typedef struct _GdkDisplay GdkDisplay;
typedef struct _GdkMonitor GdkMonitor;

namespace warden::desktop {

// [main-thread] Tauri's Monitor of `monitor`; null for a null monitor.
boost::json::value monitor_json(GdkMonitor* monitor);

// [main-thread] Every monitor of `display`, in GDK's order.
boost::json::value all_monitors_json(GdkDisplay* display);

// [main-thread] The monitor whose physical rectangle holds (x, y); nullptr when none does.
GdkMonitor* monitor_at_physical_point(GdkDisplay* display, double x, double y);

}  // namespace warden::desktop
