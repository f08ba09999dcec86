#include "plugin/plugin_folder.hpp"

#include <algorithm>
#include <map>

#include <spdlog/spdlog.h>

#include "plugin/host_config_keys.hpp"
#include "plugin/load_error.hpp"

namespace warden::plugin {
namespace fs = std::filesystem;

std::vector<PluginCandidate> scan_plugin_folders(const std::vector<fs::path>& folders) {
  std::vector<PluginCandidate> out;
  std::map<std::string, fs::path> names;  // plugin name -> first file that has it
  for (const fs::path& folder : folders) {
    std::error_code ec;
    std::vector<fs::path> files;
    fs::directory_iterator it(folder, ec), end;
    if (ec) {
      out.push_back({folder, std::nullopt, "cannot read plugin folder: " + ec.message()});
      continue;
    }
    for (; it != end; it.increment(ec)) {
      if (ec) break;
      const fs::path& p = it->path();
      if (p.extension() != ".so") continue;
      std::error_code sec;
      if (fs::is_directory(p, sec)) continue;
      files.push_back(p);
    }
    if (ec) out.push_back({folder, std::nullopt, "cannot read plugin folder: " + ec.message()});
    std::sort(files.begin(), files.end());
    for (const fs::path& f : files) {
      PluginCandidate c{f, std::nullopt, std::nullopt};
      try {
        PluginManifestSection m = check_plugin_file(f);
        auto [at, fresh] = names.emplace(m.name, f);
        if (!fresh) c.refused = "duplicate plugin name '" + m.name + "': already provided by " + at->second.string();
        else c.manifest = std::move(m);
      } catch (const LoadError& e) {
        c.refused = e.reason();
      } catch (const std::exception& e) {
        c.refused = e.what();
      }
      out.push_back(std::move(c));
    }
  }
  return out;
}

LoadedPlugins load_plugin_folders(const std::vector<fs::path>& folders, const boost::json::object& configs,
                                  const HostOptions& options) {
  LoadedPlugins out;
  for (PluginCandidate& c : scan_plugin_folders(folders)) {
    if (c.refused) {
      spdlog::warn("plugin refused: {}: {}", c.file.string(), *c.refused);
      out.refused.push_back({c.file, *c.refused});
      continue;
    }
    std::string config = plugin_own_config(configs.if_contains(c.manifest->name));
    try {
      out.loaded.push_back(PluginLibrary::load(c.file, std::move(*c.manifest), config, options));
    } catch (const LoadError& e) {
      spdlog::warn("plugin refused: {}: {}", c.file.string(), e.reason());
      out.refused.push_back({c.file, e.reason()});
    } catch (const std::exception& e) {
      spdlog::warn("plugin refused: {}: {}", c.file.string(), e.what());
      out.refused.push_back({c.file, e.what()});
    }
  }
  return out;
}

}  // namespace warden::plugin
