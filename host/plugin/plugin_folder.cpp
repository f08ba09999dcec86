#include "plugin/plugin_folder.hpp"

#include <algorithm>

#include <spdlog/spdlog.h>

#include "plugin/host_config_keys.hpp"
#include "plugin/load_error.hpp"
#include "plugin/plugin_admission.hpp"

namespace warden::plugin {
namespace fs = std::filesystem;

bool is_app_library_file(const fs::path& file) { return file.filename().string().ends_with(".app.so"); }

std::vector<PluginCandidate> scan_plugin_folders(const std::vector<fs::path>& folders) {
  std::vector<PluginCandidate> out;
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
        c.manifest = check_plugin_file(f);
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

namespace {

void refuse(LoadedPlugins& out, const fs::path& file, const std::string& reason) {
  spdlog::warn("plugin refused: {}: {}", file.string(), reason);
  out.refused.push_back({file, reason});
}

// Loads what the admission admitted; null (and the refusal recorded) when loading fails.
std::unique_ptr<PluginLibrary> load_admitted(const PluginVerdict& v, const AppPlugins& app, const HostOptions& options,
                                             PluginAdmission& admission, LoadedPlugins& out) {
  if (!v.admitted) {
    refuse(out, v.file, *v.refused);
    return nullptr;
  }
  const AdmittedPlugin& a = *v.admitted;
  try {
    std::string config = plugin_own_config(app.configs.if_contains(a.manifest.name));
    auto lib = PluginLibrary::load(a.source, a.manifest, config, options);
    lib->set_pinned_origin(a.file, a.copy);
    return lib;
  } catch (const LoadError& e) {
    refuse(out, a.file, e.reason());
  } catch (const std::exception& e) {
    refuse(out, a.file, e.what());
  }
  admission.forget(a.manifest.name);
  return nullptr;
}

}  // namespace

LoadedPlugins load_app_plugins(const AppPlugins& app, const std::vector<fs::path>& folders, const HostOptions& options) {
  LoadedPlugins out;
  PluginAdmission admission(app.pins);
  admit_app_plugins(app, folders, admission, [&](PluginVerdict v, bool app_library) {
    auto lib = load_admitted(v, app, options, admission, out);
    if (!lib) return;
    if (app_library) out.app_library = std::move(lib);
    else out.loaded.push_back(std::move(lib));
  });
  return out;
}

}  // namespace warden::plugin
