// warden.app-lifecycle/1 (sdk/include/warden/ext/app_lifecycle.h): exit, restart, the launch
// command and the identity of the running app, through the run's AppHooks (app_hooks.hpp).
// Outside a run (no hooks, or a hook not filled in) each function refuses, as the header says.
#include <boost/json.hpp>
#include <cstring>

#include "plugin/host_extensions.hpp"
#include "plugin/host_services.hpp"
#include "warden/ext/app_lifecycle.h"

namespace warden::plugin {
namespace {

const AppHooks* hooks_of(const warden_host* host) {
  const HostServices* services = HostServices::from(host);
  return services ? services->options().app.get() : nullptr;
}

int exit_app(const warden_host* host, int code) {
  const AppHooks* app = hooks_of(host);
  if (!app || !app->exit) return -1;
  return app->exit(code) == 0 ? 0 : -1;
}

int restart_app(const warden_host* host) {
  const AppHooks* app = hooks_of(host);
  if (!app || !app->restart) return -1;
  return app->restart() == 0 ? 0 : -1;
}

char* launch_command(const warden_host* host) {
  const AppHooks* app = hooks_of(host);
  if (!app || !app->launch_command) return nullptr;
  auto command = app->launch_command();
  if (!command) return nullptr;
  boost::json::array out;
  for (const std::string& arg : *command) out.emplace_back(arg);
  return ::strdup(boost::json::serialize(out).c_str());  // released by the host's free_string
}

char* app_identity(const warden_host* host) {
  const AppHooks* app = hooks_of(host);
  if (!app || !app->identity) return nullptr;
  boost::json::object out{{"identifier", app->identity->identifier},
                          {"productName", app->identity->product_name},
                          {"version", app->identity->version}};
  return ::strdup(boost::json::serialize(out).c_str());  // released by the host's free_string
}

constexpr warden_host_app_lifecycle vtable{sizeof(warden_host_app_lifecycle), exit_app, restart_app, launch_command,
                                           app_identity};

}  // namespace

const void* app_lifecycle_extension() { return &vtable; }

}  // namespace warden::plugin
