#pragma once
// What a window and its webviews tell the page, as Tauri's events: tauri://resize, move, focus,
// blur, close-requested (the page may prevent the close), destroyed, theme-changed,
// scale-change; and files dragged onto a webview: tauri://drag-enter, drag-over, drag-drop,
// drag-leave with their paths.
#include <string>

#include "desktop/desktop_context.hpp"
#include "webview/app_window.hpp"

namespace warden::desktop {

// [main-thread] Connects the window's GTK signals to its events. Called once for every window,
// from the config or created at run time, right after it is created.
void watch_window_events(webview::AppWindow& window, DesktopContext& context);

// [main-thread] Files dropped on webview `view` (labelled `webview_label`, in window `window_label`)
// become the drag-drop events of that webview instead of WebKit opening them. Called once for every
// webview whose config leaves dragDropEnabled on.
void watch_drag_drop(WebKitWebView* view, const std::string& window_label, const std::string& webview_label,
                     DesktopContext& context);

}  // namespace warden::desktop
