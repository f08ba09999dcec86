#pragma once
// warden.windows/1's side in the run (plugin/app_hooks.hpp): what the extension's entries reach
// of the app's windows. Filled once by warden run, before the first window opens.
#include "plugin/app_hooks.hpp"
#include "webview/window_set.hpp"

namespace warden::desktop {

// [main-thread] Sets `app`'s warden.windows/1 hooks to act on `windows` (which outlives the run's
// plugins' calls: it is destroyed after the main loop ends).
void fill_windows_hooks(plugin::AppHooks& app, webview::WindowSet& windows);

}  // namespace warden::desktop
