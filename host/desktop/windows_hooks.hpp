#pragma once
// warden.windows/1's side in the run (plugin/app_hooks.hpp): what the extension's entries reach
// of the app's windows. Filled once by warden run, before the plugins load.
#include <memory>

#include "desktop/window_event_feed.hpp"
#include "plugin/app_hooks.hpp"
#include "webview/window_set.hpp"

namespace warden::desktop {

// [main-thread] Sets `app`'s warden.windows/1 hooks to act on `windows` (which outlives the run's
// plugins' calls: it is destroyed after the main loop ends). Returns the feed of window events
// the subscriptions read: the run hands it every window it creates, before showing it
// (DesktopContext::window_created).
std::shared_ptr<WindowEventFeed> fill_windows_hooks(plugin::AppHooks& app, webview::WindowSet& windows);

}  // namespace warden::desktop
