#include "plugin/host_extensions.hpp"

#include "plugin/main_thread_service.hpp"
#include "plugin/path_scope_service.hpp"
#include "warden/ext/app_lifecycle.h"
#include "warden/ext/channels.h"
#include "warden/ext/command_scopes.h"
#include "warden/ext/events.h"
#include "warden/ext/grants.h"
#include "warden/ext/images.h"
#include "warden/ext/main_thread.h"
#include "warden/ext/path_scope.h"
#include "warden/ext/resources.h"
#include "warden/ext/single_instance.h"
#include "warden/ext/url_patterns.h"
#include "warden/ext/windows.h"

namespace warden::plugin {

std::span<const HostExtension> host_extensions() {
  // One line per extension; each vtable's accessor is declared by its own header above.
  static const HostExtension list[] = {
      {WARDEN_EXT_CHANNELS, channels_extension()},
      {WARDEN_EXT_RESOURCES, resources_extension()},
      {WARDEN_EXT_EVENTS, events_extension()},
      {WARDEN_EXT_COMMAND_SCOPES, command_scopes_extension()},
      {WARDEN_EXT_PATH_SCOPE, path_scope_extension()},
      {WARDEN_EXT_MAIN_THREAD, main_thread_extension()},
      {WARDEN_EXT_GRANTS, grants_extension()},
      {WARDEN_EXT_APP_LIFECYCLE, app_lifecycle_extension()},
      {WARDEN_EXT_WINDOWS, windows_extension()},
      {WARDEN_EXT_IMAGES, images_extension()},
      {WARDEN_EXT_URL_PATTERNS, url_patterns_extension()},
      {WARDEN_EXT_SINGLE_INSTANCE, single_instance_extension()},
  };
  return list;
}

const void* find_host_extension(std::string_view id) {
  for (const HostExtension& e : host_extensions())
    if (e.id == id) return e.vtable;
  return nullptr;
}

}  // namespace warden::plugin
