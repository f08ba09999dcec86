// warden.windows/1 (sdk/include/warden/ext/windows.h): the app's windows as native objects, their
// state and events, for plugins that must act on them. Each entry finds the run through its
// plugin's HostServices (HostOptions::app, app_hooks.hpp); outside a run, or off the main thread,
// it finds nothing.
#include <cstring>
#include <string>

#include <boost/json.hpp>
#include <spdlog/spdlog.h>

#include "plugin/host_extensions.hpp"
#include "plugin/host_services.hpp"
#include "warden/ext/windows.h"

namespace warden::plugin {
namespace {

// The run's hooks when `host` is a plugin's and the caller is on the main thread, else null. GTK
// objects and the window set are the main thread's: a call from elsewhere would race them.
const AppHooks* main_thread_hooks(const warden_host* host, const char* entry) {
  const HostServices* services = HostServices::from(host);
  if (!services || !services->options().app) return nullptr;
  MainThreadService::PluginCallbacks* main = services->main_thread_callbacks();
  if (!main || main->on_main_thread() != 1) {
    spdlog::error("[plugin {}] warden.windows/1 {} called off the main thread: refused", services->plugin_name(), entry);
    return nullptr;
  }
  return services->options().app.get();
}

void* gtk_window(const warden_host* host, const char* label) {
  if (!label) return nullptr;
  const AppHooks* app = main_thread_hooks(host, "gtk_window");
  if (!app || !app->gtk_window) return nullptr;
  return app->gtk_window(label);
}

char* window_labels(const warden_host* host) {
  const AppHooks* app = main_thread_hooks(host, "window_labels");
  if (!app || !app->window_labels) return nullptr;
  boost::json::array labels;
  for (const std::string& label : app->window_labels()) labels.emplace_back(label);
  return ::strdup(boost::json::serialize(labels).c_str());  // released by free_string
}

// SDK 1.0's warden_window_state, the smallest a caller may hand in.
constexpr uint32_t kStateSize = sizeof(warden_window_state);

int get_state(const warden_host* host, const char* label, warden_window_state* state) {
  if (!label || !state || state->struct_size < kStateSize) return -1;
  const AppHooks* app = main_thread_hooks(host, "get_state");
  if (!app || !app->window_state) return -1;
  auto now = app->window_state(label);
  if (!now) return -1;
  uint32_t caller_size = state->struct_size;
  *state = *now;  // every field of SDK 1.0; a later caller's appended fields are left as they were
  state->struct_size = caller_size;
  return 0;
}

constexpr uint32_t kStateFields = WARDEN_WINDOW_STATE_SIZE | WARDEN_WINDOW_STATE_POSITION |
                                  WARDEN_WINDOW_STATE_MAXIMIZED | WARDEN_WINDOW_STATE_VISIBLE |
                                  WARDEN_WINDOW_STATE_DECORATIONS | WARDEN_WINDOW_STATE_FULLSCREEN;

int set_state(const warden_host* host, const char* label, const warden_window_state* state, uint32_t fields) {
  if (!label || !state || state->struct_size < kStateSize || (fields & ~kStateFields)) return -1;
  const AppHooks* app = main_thread_hooks(host, "set_state");
  if (!app || !app->set_window_state) return -1;
  return app->set_window_state(label, *state, fields) ? 0 : -1;
}

uint64_t subscribe_events(const warden_host* host, warden_window_event_callback callback, void* data) {
  if (!callback) return 0;
  const AppHooks* app = main_thread_hooks(host, "subscribe_events");
  if (!app || !app->subscribe_window_events) return 0;
  const HostServices* services = HostServices::from(host);
  std::string plugin = services->plugin_name();
  return app->subscribe_window_events(plugin, [callback, data, plugin](const std::string& label, warden_window_event e) {
    try {
      callback(data, label.c_str(), e);
    } catch (...) {  // C: an exception leaving it is the plugin's bug, not the run's end
      spdlog::error("[plugin {}] a window event callback threw a C++ exception across the C ABI", plugin);
    }
  });
}

int unsubscribe_events(const warden_host* host, uint64_t id) {
  const AppHooks* app = main_thread_hooks(host, "unsubscribe_events");
  if (!app || !app->unsubscribe_window_events) return -1;
  return app->unsubscribe_window_events(HostServices::from(host)->plugin_name(), id) ? 0 : -1;
}

constexpr warden_host_windows vtable{sizeof(warden_host_windows), gtk_window,       window_labels,     get_state,
                                     set_state,                   subscribe_events, unsubscribe_events};

}  // namespace

const void* windows_extension() { return &vtable; }

}  // namespace warden::plugin
