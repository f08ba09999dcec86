// warden.windows/1 (sdk/include/warden/ext/windows.h): the app's windows as native objects, for
// plugins that must act on them. Each entry finds the run through its plugin's HostServices
// (HostOptions::app, app_hooks.hpp); outside a run, or off the main thread, it finds nothing.
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

constexpr warden_host_windows vtable{sizeof(warden_host_windows), gtk_window};

}  // namespace

const void* windows_extension() { return &vtable; }

}  // namespace warden::plugin
