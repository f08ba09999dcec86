// warden.grants/1 (sdk/include/warden/ext/grants.h): a plugin extends the fs or asset scope of
// the window that called it with a path the user picked. This file only reads the call: who
// asked (the call's caller and plugin, as the host recorded them) and which run it belongs to
// (its HostServices' AppHooks); the judgment and the grant are the run's hook
// (plugin/path_grants.hpp, wired by warden run).
#include <cstring>

#include "plugin/call.hpp"
#include "plugin/host_extensions.hpp"
#include "plugin/host_services.hpp"
#include "warden/ext/grants.h"

namespace warden::plugin {
namespace {

// A reason the plugin releases with free_string (std::free).
void set_reason(char** reason, const std::string& text) {
  if (reason) *reason = ::strdup(text.c_str());
}

int grant_path(warden_call* call, const char* scope, const char* path, uint32_t flags, char** reason) {
  if (reason) *reason = nullptr;
  try {
    if (!call || !scope || !path) return set_reason(reason, "grant_path: call, scope and path are required"), -1;
    const CallRequest* request = pending_request(call);
    if (!request) return set_reason(reason, "grant_path: the call has already completed"), -1;
    if (flags & ~WARDEN_GRANT_RECURSIVE) return set_reason(reason, "grant_path: unknown flags"), -1;
    const HostServices* services = request->services;
    const auto* app = services ? services->options().app.get() : nullptr;
    if (!app || !app->grant_path) return set_reason(reason, "this host cannot grant scopes outside a running app"), 0;
    // The granting plugin is the one whose call this is, never a name the plugin passes.
    GrantOutcome outcome = app->grant_path({call_plugin(call), call_caller(call), scope, path,
                                            (flags & WARDEN_GRANT_RECURSIVE) != 0});
    if (outcome.status != 1) set_reason(reason, outcome.reason);
    return outcome.status;
  } catch (...) {
    set_reason(reason, "grant_path failed");
    return 0;
  }
}

constexpr warden_host_grants vtable{sizeof(warden_host_grants), grant_path};

}  // namespace

const void* grants_extension() { return &vtable; }

}  // namespace warden::plugin
