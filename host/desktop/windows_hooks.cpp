#include "desktop/windows_hooks.hpp"

#include <string>

namespace warden::desktop {

void fill_windows_hooks(plugin::AppHooks& app, webview::WindowSet& windows) {
  app.gtk_window = [&windows](std::string_view label) -> void* {
    webview::AppWindow* window = windows.find(std::string(label));
    return window && window->open() ? window->gtk_window() : nullptr;
  };
}

}  // namespace warden::desktop
