#pragma once
// One plugin shared library, loaded and initialised: checks before loading (ELF, entry
// symbol, manifest section, with no plugin code running), Boost.DLL load, checks of what the
// entry returns against the section, init with the plugin's config; shutdown and unload on
// destruction (RAII).
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include <boost/dll/shared_library.hpp>

#include "plugin/call.hpp"
#include "plugin/host_services.hpp"
#include "plugin/manifest_section.hpp"
#include "warden/plugin.h"

namespace warden::plugin {
namespace abi1 {
class Abi1Plugin;
}

// Everything that can be checked without running plugin code: the file is an ELF shared
// library, Boost.DLL's library_info sees the entry symbol and the manifest section, the
// section decodes and validates. Throws LoadError naming the file and the reason.
PluginManifestSection check_plugin_file(const std::filesystem::path& file);

class PluginLibrary {
 public:
  // Checks the file (check_plugin_file), loads it, calls the entry, checks the descriptor's
  // struct sizes, ABI, name, version and command table against the section, then calls init
  // with `config_json` (the plugin's own config: plugin_own_config of plugins.<name>, without
  // the host's keys). Throws LoadError; on failure nothing stays loaded.
  static std::unique_ptr<PluginLibrary> load(const std::filesystem::path& file,
                                             const std::string& config_json = "{}",
                                             HostOptions options = {});
  // The same with a manifest already read by check_plugin_file.
  static std::unique_ptr<PluginLibrary> load(const std::filesystem::path& file,
                                             PluginManifestSection manifest,
                                             const std::string& config_json, HostOptions options);

  // Calls shutdown (all calls must have completed), then unloads the library.
  ~PluginLibrary();
  PluginLibrary(const PluginLibrary&) = delete;
  PluginLibrary& operator=(const PluginLibrary&) = delete;

  const std::string& name() const { return manifest_.name; }
  const std::string& version() const { return manifest_.version; }
  const std::filesystem::path& file() const { return file_; }
  // When the library was loaded from a pinned copy (/proc/self/fd/N): the file to name in
  // messages, and the copy, kept open until the library is unloaded so that no other library
  // gets the same /proc/self/fd/N path while this one is loaded (dlopen matches by name).
  void set_pinned_origin(std::filesystem::path file, std::shared_ptr<void> copy) {
    file_ = std::move(file);
    pinned_copy_ = std::move(copy);
  }
  const PluginManifestSection& manifest() const { return manifest_; }
  bool has_command(const std::string& command) const;
  // The command's WARDEN_COMMAND_* flags from the plugin's table (e.g. WARDEN_COMMAND_BLOCKING:
  // run it on the worker pool); nullopt for an unknown command.
  std::optional<std::uint32_t> command_flags(const std::string& command) const;
  // The JavaScript the plugin's init_script gave at load ("" for none): the host runs it in
  // every frame at document start, after the bridge.
  const std::string& init_script() const { return init_script_; }

  // Runs one command on the calling thread. The result arrives through `on_complete` and the
  // returned PendingCall (now, or later from any thread). An unknown command, or a C++
  // exception escaping a plugin that does not use the SDK wrapper, completes the call with an
  // error; nothing propagates to the caller.
  PendingCall invoke(CallRequest request, CallCallback on_complete = {});

 private:
  PluginLibrary() = default;
  // Calls the entry with the ABI the manifest section names and checks the descriptor it
  // returns (ABI 1: through the compatibility shim). Throws LoadError.
  const warden_plugin* call_entry(warden_plugin_entry_fn entry);
  // The plugin's extension `id` (warden_plugin::get_extension), null when it offers none.
  const void* plugin_extension(const char* id) const;
  // After init: checks that every extension the section says it offers is answered, and reads
  // its init script (warden.init-script/1). Throws LoadError.
  void read_plugin_extensions();

  std::filesystem::path file_;
  std::shared_ptr<void> pinned_copy_;  // closed after the library is unloaded
  PluginManifestSection manifest_;
  // Destroyed in reverse order: the state is shut down before the host services go, and the
  // library is unloaded last.
  boost::dll::shared_library library_;
  std::unique_ptr<HostServices> host_;
  std::unique_ptr<abi1::Abi1Plugin> abi1_;  // a plugin built against ABI 1: its shim
  const warden_plugin* plugin_ = nullptr;
  std::vector<const warden_command*> commands_;  // sorted by name
  void* state_ = nullptr;
  bool initialised_ = false;
  std::string init_script_;
};

}  // namespace warden::plugin
