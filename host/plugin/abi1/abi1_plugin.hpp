#pragma once
// A plugin built against the ABI-1 header, seen by the loader as an ABI-2 plugin: its ABI-1
// descriptor checked and presented as a warden_plugin (same name, version, command table and
// shutdown; its init_script field answered as the warden.init-script/1 extension), and its init
// called with a frozen ABI-1 host (Abi1Host).
#include <filesystem>
#include <memory>

#include "plugin/abi1/abi1_host.hpp"
#include "plugin/abi1/plugin_abi1.h"
#include "warden/ext/init_script.h"

namespace warden::plugin::abi1 {

class Abi1Plugin {
 public:
  // Checks what an ABI-1 entry returned (called with 1): struct_size, abi_version, init. Throws
  // LoadError naming `file`.
  Abi1Plugin(const warden_abi1_plugin* descriptor, const std::filesystem::path& file);
  Abi1Plugin(const Abi1Plugin&) = delete;
  Abi1Plugin& operator=(const Abi1Plugin&) = delete;

  // The ABI-2 view: init is NULL (call init() below), get_extension answers init-script.
  const warden_plugin* descriptor() const { return &view_.plugin; }

  // Calls the plugin's ABI-1 init with a frozen ABI-1 host forwarding to `services`.
  warden_status init(const HostServices& services, const char* config_json, void** state, char* error,
                     std::size_t error_size);

 private:
  static const void* get_extension(const warden_plugin* plugin, const char* id);

  // First member: get_extension finds this object from the warden_plugin it was handed.
  struct View {
    warden_plugin plugin{};
    Abi1Plugin* self = nullptr;
  } view_;
  const warden_abi1_plugin* old_;
  warden_plugin_init_script init_script_{};
  std::unique_ptr<Abi1Host> host_;
};

}  // namespace warden::plugin::abi1
