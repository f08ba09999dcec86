// warden.grants/1 (sdk/include/warden/ext/grants.h): a plugin extends the fs or asset scope of
// the calling window with a path the user picked. SKELETON: every grant is refused until the
// authority side lands.
#include <cstring>

#include "plugin/host_extensions.hpp"
#include "warden/ext/grants.h"

namespace warden::plugin {
namespace {

int grant_path(warden_call* call, const char* scope, const char* path, uint32_t, char** reason) {
  if (reason) *reason = nullptr;
  if (!call || !scope || !path) return -1;
  if (reason) *reason = ::strdup("this host does not grant scopes yet");  // released by free_string
  return 0;
}

constexpr warden_host_grants vtable{sizeof(warden_host_grants), grant_path};

}  // namespace

const void* grants_extension() { return &vtable; }

}  // namespace warden::plugin
