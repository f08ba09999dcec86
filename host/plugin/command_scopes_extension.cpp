// warden.command-scopes/1: the grants the caller would get for a sibling command, from the
// call environment's authority (none: the host cannot tell, and the plugin must deny).
#include <cstring>

#include <spdlog/spdlog.h>

#include "plugin/call.hpp"
#include "plugin/host_extensions.hpp"
#include "warden/ext/command_scopes.h"

namespace warden::plugin {
namespace {

char* command_scopes(warden_call* call, const char* command) {
  const CallEnvironment* env = call_environment(call);
  if (!env || !env->command_scopes || !command) return nullptr;
  try {
    auto scopes = env->command_scopes(command);
    return scopes ? ::strdup(scopes->c_str()) : nullptr;  // released by the host's free_string
  } catch (const std::exception& e) {
    spdlog::error("[plugin {}] command_scopes('{}') failed: {}", call_plugin(call), command, e.what());
    return nullptr;
  }
}

constexpr warden_host_command_scopes vtable{sizeof(warden_host_command_scopes), command_scopes};

}  // namespace

const void* command_scopes_extension() { return &vtable; }

}  // namespace warden::plugin
