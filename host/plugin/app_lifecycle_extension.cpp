// warden.app-lifecycle/1 (sdk/include/warden/ext/app_lifecycle.h): exit, restart and the launch
// command of the running app. SKELETON: refused until the run's exit path is wired in.
#include "plugin/host_extensions.hpp"
#include "warden/ext/app_lifecycle.h"

namespace warden::plugin {
namespace {

int exit_app(const warden_host*, int) { return -1; }
int restart_app(const warden_host*) { return -1; }
char* launch_command(const warden_host*) { return nullptr; }

constexpr warden_host_app_lifecycle vtable{sizeof(warden_host_app_lifecycle), exit_app, restart_app, launch_command};

}  // namespace

const void* app_lifecycle_extension() { return &vtable; }

}  // namespace warden::plugin
