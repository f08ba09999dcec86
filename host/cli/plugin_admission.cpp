#include "cli/plugin_admission.hpp"

#include <map>

#include "plugin/load_error.hpp"
#include "plugin/plugin_folder.hpp"
#include "plugin/plugin_library.hpp"
#include "plugin/plugin_pin.hpp"

namespace warden::cli {
namespace {
namespace fs = std::filesystem;

std::string pin_mismatch(const std::string& name, const std::string& pin, const std::string& actual) {
  return "its SHA-256 " + actual + " does not match the app config's pin plugins." + name + ".sha256 " + pin;
}

// The checks of one library, in the order `warden run` makes them; remembers the names
// admitted so far to refuse a duplicate.
class PluginAdmission {
 public:
  explicit PluginAdmission(const acl::AppConfig* config) : config_(config) {}

  PluginVerdict judge(const fs::path& file, const std::optional<std::string>& expected) {
    PluginVerdict v{file, expected ? "plugins." + *expected + ".path" : "folder", std::nullopt, std::nullopt};
    try {
      auto manifest = plugin::check_plugin_file(file);
      if (expected && manifest.name != *expected)
        throw plugin::LoadError(file, "the app config's plugins." + *expected +
                                          ".path names this library, but its section says it is plugin '" +
                                          manifest.name + "'");
      if (auto at = names_.find(manifest.name); at != names_.end())
        throw plugin::LoadError(file, "duplicate plugin name '" + manifest.name + "': already provided by " +
                                          at->second.string());
      check_pin(file, manifest.name);
      names_.emplace(manifest.name, file);
      v.manifest = std::move(manifest);
    } catch (const plugin::LoadError& e) {
      v.refused = e.reason();
    } catch (const std::exception& e) {
      v.refused = e.what();
    }
    return v;
  }

 private:
  void check_pin(const fs::path& file, const std::string& name) const {
    if (!config_) return;
    auto pin = config_->plugin_pins.find(name);
    if (pin == config_->plugin_pins.end()) return;
    std::string actual = plugin::sha256_of_file(file);
    if (actual != pin->second) throw plugin::LoadError(file, pin_mismatch(name, pin->second, actual));
  }

  const acl::AppConfig* config_;
  std::map<std::string, fs::path> names_;
};

}  // namespace

std::vector<PluginVerdict> judge_app_plugins(const acl::AppConfig* config, const std::vector<fs::path>& folders) {
  std::vector<PluginVerdict> out;
  PluginAdmission admission(config);
  if (config)
    for (const auto& [name, path] : config->plugin_paths) {
      std::error_code ec;
      // A folder there only adds permission files (acl::load_app_folder reads it).
      if (!fs::is_directory(path, ec)) out.push_back(admission.judge(path, name));
    }
  for (auto& c : plugin::scan_plugin_folders(folders)) {
    if (c.refused) out.push_back({c.file, "folder", std::nullopt, c.refused});
    else out.push_back(admission.judge(c.file, std::nullopt));
  }
  return out;
}

}  // namespace warden::cli
