#include "plugin/plugin_library.hpp"

#include <algorithm>
#include <cstddef>
#include <cstring>
#include <set>

#include <boost/dll/library_info.hpp>
#include <spdlog/spdlog.h>

#include "plugin/abi1/abi1_plugin.hpp"
#include "plugin/elf_section.hpp"
#include "plugin/load_error.hpp"
#include "plugin/regular_file.hpp"
#include "warden/ext/init_script.h"

namespace warden::plugin {
namespace {

// A C string from the plugin, bounded, or nullopt when NULL.
std::optional<std::string> plugin_string(const char* s, std::size_t max = 256) {
  if (!s) return std::nullopt;
  std::size_t n = ::strnlen(s, max + 1);
  if (n > max) return std::nullopt;
  return std::string(s, n);
}

// What a plugin's init_script may return at most.
constexpr std::size_t max_init_script_length = 1 << 20;

std::string join(const std::set<std::string>& names) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : ", ") + n;
  return out;
}

// check_plugin_file on an inode already opened as a regular file (its descriptor path).
PluginManifestSection check_plugin_inode(const std::filesystem::path& file) {
  check_elf_shared_library(file);  // before Boost.DLL reads it: every section lies in the file
  std::vector<std::string> sections, symbols;
  try {
    boost::dll::library_info info(file, true);
    sections = info.sections();
    symbols = info.symbols();
  } catch (const std::exception& e) {
    throw LoadError(file, std::string("cannot read the library's sections and symbols: ") + e.what());
  }
  if (std::find(sections.begin(), sections.end(), WARDEN_MANIFEST_SECTION) == sections.end())
    throw LoadError(file, "no " WARDEN_MANIFEST_SECTION " section: not a Warden plugin, or not built with "
                          "warden_add_plugin()");
  if (std::find(symbols.begin(), symbols.end(), WARDEN_PLUGIN_ENTRY_SYMBOL) == symbols.end())
    throw LoadError(file, "missing entry symbol " WARDEN_PLUGIN_ENTRY_SYMBOL
                          " (the plugin must define and export it, e.g. with WARDEN_PLUGIN)");
  return read_manifest_section(file);
}

}  // namespace

PluginManifestSection check_plugin_file(const std::filesystem::path& file) {
  // Opened once, as a regular file: every reader below reads this inode through the descriptor,
  // so a FIFO or device swapped in for `file` meanwhile is never opened (it would block or never end).
  RegularFile opened(file);
  const std::filesystem::path inode = opened.descriptor_path();
  try {
    return check_plugin_inode(inode);
  } catch (const LoadError& e) {
    throw LoadError(file, e.reason());
  }
}

std::unique_ptr<PluginLibrary> PluginLibrary::load(const std::filesystem::path& file, const std::string& config_json,
                                                   HostOptions options) {
  PluginManifestSection manifest = check_plugin_file(file);
  return load(file, std::move(manifest), config_json, std::move(options));
}

std::unique_ptr<PluginLibrary> PluginLibrary::load(const std::filesystem::path& file, PluginManifestSection manifest,
                                                   const std::string& config_json, HostOptions options) {
  std::unique_ptr<PluginLibrary> lib(new PluginLibrary);
  lib->file_ = file;
  lib->manifest_ = std::move(manifest);
  const std::string& name = lib->manifest_.name;

  // From here on, plugin code runs (static constructors at load, then the entry and init).
  try {
    lib->library_.load(file, boost::dll::load_mode::rtld_now | boost::dll::load_mode::rtld_local);
  } catch (const std::exception& e) {
    throw LoadError(file, std::string("cannot load the library: ") + e.what());
  }
  if (!lib->library_.has(WARDEN_PLUGIN_ENTRY_SYMBOL))
    throw LoadError(file, "missing entry symbol " WARDEN_PLUGIN_ENTRY_SYMBOL " after loading");
  auto& entry = lib->library_.get<std::remove_pointer_t<warden_plugin_entry_fn>>(WARDEN_PLUGIN_ENTRY_SYMBOL);

  const warden_plugin* p = lib->call_entry(&entry);
  auto pname = plugin_string(p->name);
  if (!pname || *pname != name)
    throw LoadError(file, "the plugin calls itself '" + pname.value_or("(null)") + "' but its manifest section says '" +
                              name + "'");
  auto pversion = plugin_string(p->version);
  if (!pversion || *pversion != lib->manifest_.version)
    throw LoadError(file, "the plugin's version '" + pversion.value_or("(null)") +
                              "' differs from its manifest section's '" + lib->manifest_.version + "'");
  if (p->command_count > max_commands)
    throw LoadError(file, "the command table has " + std::to_string(p->command_count) + " entries");
  if (p->command_count && !p->commands) throw LoadError(file, "the command table is NULL");

  std::set<std::string> table;
  for (std::size_t i = 0; i < p->command_count; ++i) {
    const warden_command* c = p->commands[i];
    if (!c) throw LoadError(file, "command table entry " + std::to_string(i) + " is NULL");
    if (c->struct_size < sizeof(warden_command))
      throw LoadError(file, "command table entry " + std::to_string(i) + ": warden_command.struct_size is " +
                                std::to_string(c->struct_size) + ", needs at least " +
                                std::to_string(sizeof(warden_command)));
    auto cname = plugin_string(c->name, max_command_length);
    if (!cname || !is_valid_command_name(*cname))
      throw LoadError(file, "command table entry " + std::to_string(i) + " has an invalid name");
    if (!c->invoke) throw LoadError(file, "command '" + *cname + "' has no function");
    if (!table.insert(*cname).second) throw LoadError(file, "command '" + *cname + "' appears twice in the command table");
    lib->commands_.push_back(c);
  }
  std::set<std::string> declared(lib->manifest_.commands.begin(), lib->manifest_.commands.end());
  if (table != declared) {
    std::set<std::string> missing, extra;
    std::set_difference(declared.begin(), declared.end(), table.begin(), table.end(),
                        std::inserter(missing, missing.end()));
    std::set_difference(table.begin(), table.end(), declared.begin(), declared.end(),
                        std::inserter(extra, extra.end()));
    std::string why = "the command table does not match the manifest section:";
    if (!missing.empty()) why += " declared but not in the table: " + join(missing) + ";";
    if (!extra.empty()) why += " in the table but not declared: " + join(extra) + ";";
    why.pop_back();
    throw LoadError(file, why);
  }
  std::sort(lib->commands_.begin(), lib->commands_.end(),
            [](const warden_command* a, const warden_command* b) { return std::strcmp(a->name, b->name) < 0; });
  lib->plugin_ = p;
  lib->host_ = std::make_unique<HostServices>(name, std::move(options));

  char error[1024] = {0};
  warden_status status = WARDEN_ERROR;
  try {
    status = lib->abi1_ ? lib->abi1_->init(*lib->host_, config_json.c_str(), &lib->state_, error, sizeof error)
                        : p->init(lib->host_->vtable(), config_json.c_str(), &lib->state_, error, sizeof error);
  } catch (...) {
    throw LoadError(file, "init threw a C++ exception across the C ABI");
  }
  error[sizeof error - 1] = '\0';
  if (status != WARDEN_OK)
    throw LoadError(file, std::string("init failed: ") + (error[0] ? error : "(the plugin gave no reason)"));
  lib->initialised_ = true;
  lib->read_plugin_extensions();
  spdlog::debug("loaded plugin {} {} from {}", name, lib->manifest_.version, file.string());
  return lib;
}

const warden_plugin* PluginLibrary::call_entry(warden_plugin_entry_fn entry) {
  // The section's ABI decides which entry contract the library was built with.
  const std::uint32_t abi = manifest_.abi_version == WARDEN_ABI1_VERSION ? WARDEN_ABI1_VERSION : WARDEN_ABI_VERSION;
  const warden_plugin* raw = nullptr;
  try {
    raw = entry(abi);
  } catch (...) {
    throw LoadError(file_, "the entry point threw a C++ exception across the C ABI");
  }
  if (!raw)
    throw LoadError(file_, "the entry point returned NULL: the plugin does not support host ABI " + std::to_string(abi));
  if (abi == WARDEN_ABI1_VERSION) {
    // An ABI-1 entry returns the ABI-1 layout, whatever its declared type says.
    abi1_ = std::make_unique<abi1::Abi1Plugin>(reinterpret_cast<const warden_abi1_plugin*>(raw), file_);
    return abi1_->descriptor();
  }
  const warden_plugin* p = raw;
  if (p->struct_size < WARDEN_PLUGIN_MIN_STRUCT_SIZE)
    throw LoadError(file_, "warden_plugin.struct_size is " + std::to_string(p->struct_size) + ", ABI " +
                               std::to_string(WARDEN_ABI_VERSION) + " needs at least " +
                               std::to_string(WARDEN_PLUGIN_MIN_STRUCT_SIZE));
  if (p->abi_version != WARDEN_ABI_VERSION)
    throw LoadError(file_, "ABI mismatch: the plugin's descriptor says ABI " + std::to_string(p->abi_version) +
                               ", this host has ABI " + std::to_string(WARDEN_ABI_VERSION));
  if (!p->init) throw LoadError(file_, "the plugin has no init function");
  return p;
}

const void* PluginLibrary::plugin_extension(const char* id) const {
  if (!plugin_ || plugin_->struct_size < WARDEN_PLUGIN_MIN_STRUCT_SIZE || !plugin_->get_extension) return nullptr;
  return plugin_->get_extension(plugin_, id);
}

void PluginLibrary::read_plugin_extensions() {
  for (const std::string& id : manifest_.extensions.offers) {
    const void* answer = nullptr;
    try {
      answer = plugin_extension(id.c_str());
    } catch (...) {
      throw LoadError(file_, "get_extension threw a C++ exception across the C ABI");
    }
    if (!answer)
      throw LoadError(file_, "the manifest section says the plugin offers extension " + id +
                                 ", but its get_extension answers NULL for it");
  }
  const void* ext = nullptr;
  try {
    ext = plugin_extension(WARDEN_EXT_INIT_SCRIPT);
  } catch (...) {
    throw LoadError(file_, "get_extension threw a C++ exception across the C ABI");
  }
  if (!ext) return;
  const auto* script = static_cast<const warden_plugin_init_script*>(ext);
  if (script->struct_size < sizeof(warden_plugin_init_script))
    throw LoadError(file_, WARDEN_EXT_INIT_SCRIPT " has struct_size " + std::to_string(script->struct_size) +
                               ", needs at least " + std::to_string(sizeof(warden_plugin_init_script)));
  if (!script->init_script) return;
  const char* js = nullptr;
  try {
    js = script->init_script(state_);
  } catch (...) {
    throw LoadError(file_, "init_script threw a C++ exception across the C ABI");
  }
  if (!js) return;
  auto text = plugin_string(js, max_init_script_length);
  if (!text) throw LoadError(file_, "init_script returned more than 1 MiB");
  init_script_ = std::move(*text);
}

PluginLibrary::~PluginLibrary() {
  // warden.main-thread/1: its accepted callbacks run, and new requests are refused, before shutdown.
  if (auto* callbacks = host_ ? host_->main_thread_callbacks() : nullptr) callbacks->close();
  if (initialised_ && plugin_ && plugin_->shutdown) {
    try {
      plugin_->shutdown(state_);
    } catch (...) {
      spdlog::error("[plugin {}] shutdown threw a C++ exception across the C ABI", manifest_.name);
    }
  }
}

bool PluginLibrary::has_command(const std::string& command) const {
  return std::find(manifest_.commands.begin(), manifest_.commands.end(), command) != manifest_.commands.end();
}

std::optional<std::uint32_t> PluginLibrary::command_flags(const std::string& command) const {
  for (const warden_command* c : commands_)
    if (command == c->name) return c->flags;
  return std::nullopt;
}

PendingCall PluginLibrary::invoke(CallRequest request, CallCallback on_complete) {
  request.services = host_.get();
  PendingCall call(manifest_.name, std::move(request), std::move(on_complete));
  const std::string& command = call.request()->command;
  auto it = std::lower_bound(commands_.begin(), commands_.end(), command,
                             [](const warden_command* c, const std::string& n) { return c->name < n; });
  if (it == commands_.end() || (*it)->name != command) {
    call.complete(CallResult::from_error("plugin '" + manifest_.name + "' has no command '" + command + "'"));
    return call;
  }
  try {
    (*it)->invoke(state_, call.request());
  } catch (const std::exception& e) {
    spdlog::error("[plugin {}] command '{}' threw across the C ABI: {}", manifest_.name, command, e.what());
    call.complete(CallResult::from_error("command '" + command + "' failed: " + e.what()));
  } catch (...) {
    spdlog::error("[plugin {}] command '{}' threw across the C ABI", manifest_.name, command);
    call.complete(CallResult::from_error("command '" + command + "' failed with an unknown exception"));
  }
  call.invoke_returned();
  return call;
}

}  // namespace warden::plugin
