#include "desktop/window_events.hpp"

namespace warden::desktop {

void watch_window_events(webview::AppWindow&, DesktopContext&) {}

void watch_drag_drop(WebKitWebView*, const std::string&, const std::string&, DesktopContext&) {}

}  // namespace warden::desktop
