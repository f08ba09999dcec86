#include "desktop/windows_hooks.hpp"

#include <gtk/gtk.h>

#include <string>

#include "desktop/window_state_source.hpp"

namespace warden::desktop {
namespace {

GtkWindow* open_gtk_window(webview::WindowSet& windows, std::string_view label) {
  webview::AppWindow* window = windows.find(std::string(label));
  return window && window->open() ? GTK_WINDOW(window->gtk_window()) : nullptr;
}

}  // namespace

std::shared_ptr<WindowEventFeed> fill_windows_hooks(plugin::AppHooks& app, webview::WindowSet& windows) {
  auto feed = std::make_shared<WindowEventFeed>();
  app.gtk_window = [&windows](std::string_view label) -> void* { return open_gtk_window(windows, label); };
  app.window_labels = [&windows] {
    std::vector<std::string> labels;
    windows.for_each([&labels](webview::AppWindow& w) {
      if (w.open()) labels.push_back(w.label());
    });
    return labels;
  };
  app.window_state = [&windows](std::string_view label) -> std::optional<warden_window_state> {
    GtkWindow* window = open_gtk_window(windows, label);
    if (!window) return std::nullopt;
    return read_window_state(window);
  };
  app.set_window_state = [&windows](std::string_view label, const warden_window_state& state, uint32_t fields) {
    GtkWindow* window = open_gtk_window(windows, label);
    if (!window) return false;
    apply_window_state(window, state, fields);
    return true;
  };
  app.subscribe_window_events = [feed](const std::string& plugin, plugin::AppHooks::WindowEventCallback callback) {
    return feed->subscribe(plugin, std::move(callback));
  };
  app.unsubscribe_window_events = [feed](const std::string& plugin, uint64_t id) {
    return feed->unsubscribe(plugin, id);
  };
  return feed;
}

}  // namespace warden::desktop
