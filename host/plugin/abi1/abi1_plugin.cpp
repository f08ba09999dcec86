#include "plugin/abi1/abi1_plugin.hpp"

#include <cstring>
#include <string>

#include "plugin/host_services.hpp"
#include "plugin/load_error.hpp"

namespace warden::plugin::abi1 {

Abi1Plugin::Abi1Plugin(const warden_abi1_plugin* p, const std::filesystem::path& file) : old_(p) {
  if (p->struct_size < WARDEN_ABI1_PLUGIN_MIN_STRUCT_SIZE)
    throw LoadError(file, "warden_plugin.struct_size is " + std::to_string(p->struct_size) + ", ABI 1 needs at least " +
                              std::to_string(WARDEN_ABI1_PLUGIN_MIN_STRUCT_SIZE));
  if (p->abi_version != WARDEN_ABI1_VERSION)
    throw LoadError(file, "ABI mismatch: the plugin's manifest section says ABI 1 but its descriptor says ABI " +
                              std::to_string(p->abi_version));
  if (!p->init) throw LoadError(file, "the plugin has no init function");
  view_.self = this;
  warden_plugin& v = view_.plugin;
  v.struct_size = sizeof(warden_plugin);
  v.abi_version = WARDEN_ABI1_VERSION;
  v.name = p->name;
  v.version = p->version;
  v.commands = p->commands;  // warden_command kept its ABI-1 layout
  v.command_count = p->command_count;
  v.init = nullptr;
  v.shutdown = p->shutdown;
  v.get_extension = &Abi1Plugin::get_extension;
  // The host must not read past the descriptor's struct_size: an older ABI-1 plugin has no field.
  if (WARDEN_ABI1_PLUGIN_HAS_INIT_SCRIPT(p) && p->init_script)
    init_script_ = warden_plugin_init_script{sizeof(warden_plugin_init_script), p->init_script};
}

const void* Abi1Plugin::get_extension(const warden_plugin* plugin, const char* id) {
  const Abi1Plugin* self = reinterpret_cast<const View*>(plugin)->self;
  if (id && std::strcmp(id, WARDEN_EXT_INIT_SCRIPT) == 0 && self->init_script_.init_script) return &self->init_script_;
  return nullptr;
}

warden_status Abi1Plugin::init(const HostServices& services, const char* config_json, void** state, char* error,
                               std::size_t error_size) {
  host_ = std::make_unique<Abi1Host>(services);
  return old_->init(host_->vtable(), config_json, state, error, error_size);
}

}  // namespace warden::plugin::abi1
