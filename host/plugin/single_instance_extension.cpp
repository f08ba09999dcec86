// warden.single-instance/1 (sdk/include/warden/ext/single_instance.h): this run's app arguments
// and later instances' arguments, through the run's AppHooks (app_hooks.hpp), which `warden run`
// fills (cli/single_instance_listener.hpp). Outside a run each entry refuses, as the header says.
#include <cstring>
#include <string>

#include <spdlog/spdlog.h>

#include "plugin/host_extensions.hpp"
#include "plugin/host_services.hpp"
#include "warden/ext/single_instance.h"

namespace warden::plugin {
namespace {

const AppHooks* hooks_of(const warden_host* host) {
  const HostServices* services = HostServices::from(host);
  return services ? services->options().app.get() : nullptr;
}

char* arguments(const warden_host* host) {
  const AppHooks* app = hooks_of(host);
  if (!app || !app->arguments_json) return nullptr;
  return ::strdup(app->arguments_json->c_str());  // released by the host's free_string
}

uint64_t subscribe(const warden_host* host, warden_instance_arguments_fn callback, void* user) {
  const AppHooks* app = hooks_of(host);
  if (!callback || !app || !app->subscribe_instances) return 0;
  std::string plugin = HostServices::from(host)->plugin_name();
  return app->subscribe_instances(plugin, [callback, user, plugin](const std::string& arguments, const std::string& cwd) {
    try {
      callback(user, arguments.c_str(), cwd.c_str());
    } catch (...) {  // C: an exception leaving it is the plugin's bug, not the run's end
      spdlog::error("[plugin {}] a single-instance callback threw a C++ exception across the C ABI", plugin);
    }
  });
}

int unsubscribe(const warden_host* host, uint64_t id) {
  const AppHooks* app = hooks_of(host);
  if (!app || !app->unsubscribe_instances) return -1;
  return app->unsubscribe_instances(HostServices::from(host)->plugin_name(), id) ? 0 : -1;
}

constexpr warden_host_single_instance vtable{sizeof(warden_host_single_instance), arguments, subscribe, unsubscribe};

}  // namespace

const void* single_instance_extension() { return &vtable; }

}  // namespace warden::plugin
