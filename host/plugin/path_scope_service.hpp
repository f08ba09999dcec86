#pragma once
// warden.path-scope/1, host side (sdk/include/warden/ext/path_scope.h): the one place a plugin
// learns where a path leads and whether its call may reach it. Every function judges with the
// plugin's own HostServices (its path variables, host-private folders and glob options) and the
// one decision of path_scope.hpp, so a plugin opens exactly the canonical path that was judged.
namespace warden::plugin {

// The static warden_host_path_scope vtable that get_extension hands out for
// WARDEN_EXT_PATH_SCOPE.
const void* path_scope_extension();

}  // namespace warden::plugin
