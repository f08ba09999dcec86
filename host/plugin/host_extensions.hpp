#pragma once
// The host's extensions (plugin.h: warden_host::get_extension): every service beyond the core is
// one of these, looked up by its versioned id ("warden.channels/1"). Each vtable is static and
// finds the plugin it acts for through its first parameter (the host, or the call).
#include <span>
#include <string_view>

namespace warden::plugin {

class HostServices;  // per plugin; HostServices::from(const warden_host*) gets it back

// One entry per host extension: its id and its static vtable.
struct HostExtension {
  std::string_view id;
  const void* vtable;
};

// The list get_extension searches.
std::span<const HostExtension> host_extensions();

// The vtable of extension `id`, or null when this host lacks it. `id` is compared whole.
const void* find_host_extension(std::string_view id);

// The vtables of the extensions in this folder, one file each (e.g. channels_extension.cpp).
const void* channels_extension();
const void* resources_extension();
const void* events_extension();
const void* command_scopes_extension();
const void* grants_extension();
const void* app_lifecycle_extension();
const void* windows_extension();
const void* images_extension();
const void* url_patterns_extension();
const void* single_instance_extension();

}  // namespace warden::plugin
