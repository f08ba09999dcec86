#include "plugin/plugin_admission.hpp"

#include "plugin/load_error.hpp"
#include "plugin/plugin_folder.hpp"
#include "plugin/plugin_library.hpp"

namespace warden::plugin {
namespace fs = std::filesystem;

namespace {

std::string pin_mismatch(const std::string& field, const std::string& pin, const std::string& actual) {
  return "SHA-256 mismatch: the app config's " + field + " pins " + pin + " but the file's SHA-256 is " + actual;
}

}  // namespace

AdmittedPlugin PluginAdmission::admit(const fs::path& file, const std::optional<std::string>& expected,
                                      const std::optional<std::string>& pin) {
  PluginManifestSection manifest = check_plugin_file(file);
  if (expected && manifest.name != *expected)
    throw LoadError(file, "the app config's plugins." + *expected +
                              ".path names this library, but its section says it is plugin '" + manifest.name + "'");
  if (auto at = names_.find(manifest.name); at != names_.end())
    throw LoadError(file, "duplicate plugin name '" + manifest.name + "': already provided by " + at->second.string());
  std::optional<std::string> wanted = pin;
  std::string field = "app.sha256";
  if (!wanted)
    if (auto it = pins_.find(manifest.name); it != pins_.end()) {
      wanted = it->second;
      field = "plugins." + manifest.name + ".sha256";
    }
  AdmittedPlugin out{file, file, std::move(manifest), nullptr};
  if (wanted) {
    out.copy = std::make_shared<PinnedCopy>(file);
    if (out.copy->sha256() != *wanted) throw LoadError(file, pin_mismatch(field, *wanted, out.copy->sha256()));
    out.source = out.copy->path();
    // What loads is the copy: its section, not the file's (which may have changed since).
    try {
      std::string name = out.manifest.name;
      out.manifest = check_plugin_file(out.source);
      if (out.manifest.name != name) throw LoadError(file, "the library changed while it was read");
    } catch (const LoadError& e) {
      throw LoadError(file, e.reason());
    }
  }
  names_.emplace(out.manifest.name, file);
  return out;
}

PluginVerdict PluginAdmission::judge(const fs::path& file, std::string from, const std::optional<std::string>& expected,
                                     const std::optional<std::string>& pin) {
  PluginVerdict v{file, std::move(from), std::nullopt, std::nullopt};
  try {
    v.admitted = admit(file, expected, pin);
  } catch (const LoadError& e) {
    v.refused = e.reason();
  } catch (const std::exception& e) {
    v.refused = e.what();
  }
  return v;
}

void admit_app_plugins(const AppPlugins& app, const std::vector<fs::path>& folders, PluginAdmission& admission,
                       const VerdictVisitor& visit) {
  std::optional<fs::path> app_file;
  if (app.app_library) {
    app_file = app.app_library->file;
    visit(admission.judge(app.app_library->file, "app.library", std::nullopt, app.app_library->sha256), true);
  }
  for (const auto& [name, file] : app.libraries) visit(admission.judge(file, "plugins." + name + ".path", name), false);
  for (PluginCandidate& c : scan_plugin_folders(folders)) {
    std::error_code ec;
    if (is_app_library_file(c.file) || (app_file && fs::equivalent(c.file, *app_file, ec))) continue;
    if (c.refused) visit({c.file, "folder", std::nullopt, c.refused}, false);
    else visit(admission.judge(c.file, "folder"), false);
  }
}

AdmissionVerdicts judge_app_plugins(const AppPlugins& app, const std::vector<fs::path>& folders) {
  AdmissionVerdicts out;
  PluginAdmission admission(app.pins);
  admit_app_plugins(app, folders, admission, [&out](PluginVerdict v, bool app_library) {
    if (app_library) out.app_library = std::move(v);
    else out.plugins.push_back(std::move(v));
  });
  return out;
}

}  // namespace warden::plugin
