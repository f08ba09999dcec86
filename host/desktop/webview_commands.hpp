#pragma once
// core:webview: creating windows and webviews at run time (window|create, webview|create_webview,
// webview|create_webview_window), window|get_all_windows and every plugin:webview|* command; and
// the one way windows and webviews are opened, at start (the config's) and at run time.
#include <optional>

#include "desktop/desktop_context.hpp"
#include "runtime/command_table.hpp"
#include "webview/app_window.hpp"
#include "webview/window_config.hpp"

namespace warden::desktop {

void add_webview_commands(runtime::CommandTable& commands, DesktopContext& context);

// [main-thread] Opens a window from `config`, watched for the window events; with `with_webview`
// its webview fills it (a webview window, labelled as the window), loading config.url. Throws
// std::invalid_argument when a label is invalid or in use, or the navigation policy refuses the
// start URL; std::logic_error when context.factory is unset.
webview::AppWindow& open_window(DesktopContext& context, const webview::WindowConfig& config, bool with_webview);

// [main-thread] Opens webview `config.label` in `window` at `bounds` (a child webview) with the
// webview part of `config`; throws as open_window.
webview::AppWebview& open_child_webview(DesktopContext& context, webview::AppWindow& window,
                                        const webview::WindowConfig& config, const webview::WebviewBounds& bounds);

}  // namespace warden::desktop
