#pragma once
// The one admission of plugin libraries: the checks `warden run` makes before it runs any code
// of a library, in one order, with one wording, so that `run`, `doctor`, `plugin ls` and the acl
// commands accept and refuse the same libraries for the same reasons.
//
// In order: the file and its manifest section (check_plugin_file, no plugin code runs); the name
// the app config expects (plugins.<name>.path); a name already admitted (duplicate); the
// SHA-256 pin (plugins.<name>.sha256). A pinned library is admitted as a sealed private copy
// (plugin_pin.hpp) whose section is read again: what loads is exactly what was hashed.
// Signatures will join here.
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "plugin/manifest_section.hpp"
#include "plugin/plugin_pin.hpp"

namespace warden::plugin {

// A library that passed every check: load it from `source` (the file, or the pinned copy).
struct AdmittedPlugin {
  std::filesystem::path file;    // as named: in messages and PluginLibrary::file()
  std::filesystem::path source;  // what to load: `file`, or /proc/self/fd/N of `copy`
  PluginManifestSection manifest;
  std::shared_ptr<PinnedCopy> copy;  // set when pinned; keep it while the library is loaded
};

struct PluginVerdict {
  std::filesystem::path file;
  std::string from;                       // "folder", "plugins.<name>.path" or "app.library"
  std::optional<AdmittedPlugin> admitted;  // set when it would load
  std::optional<std::string> refused;      // the reason otherwise
};

// Judges libraries one after another; remembers the names admitted to refuse a duplicate.
class PluginAdmission {
 public:
  explicit PluginAdmission(std::map<std::string, std::string> pins) : pins_(std::move(pins)) {}

  // `expected`: the name plugins.<name>.path gives it; `pin`: a pin that applies whatever its
  // name (app.sha256 of the app library), else plugins.<its name>.sha256 applies.
  PluginVerdict judge(const std::filesystem::path& file, std::string from,
                      const std::optional<std::string>& expected = std::nullopt,
                      const std::optional<std::string>& pin = std::nullopt);

  // A library admitted but then refused while loading gives its name back.
  void forget(const std::string& name) { names_.erase(name); }

 private:
  AdmittedPlugin admit(const std::filesystem::path& file, const std::optional<std::string>& expected,
                       const std::optional<std::string>& pin);

  std::map<std::string, std::string> pins_;
  std::map<std::string, std::filesystem::path> names_;  // admitted name -> file
};

// Judges what an app would load, in the order `warden run` loads it: the app library (app.library),
// each library plugins.<name>.path names, then every candidate of `folders` (the app library's own
// file, and *.app.so files, are not plugins and are skipped there). `visit` gets each verdict
// before the next library is judged (the loader loads it, and a load failure frees its name).
using VerdictVisitor = std::function<void(PluginVerdict verdict, bool app_library)>;
void admit_app_plugins(const AppPlugins& app, const std::vector<std::filesystem::path>& folders,
                       PluginAdmission& admission, const VerdictVisitor& visit);

struct AdmissionVerdicts {
  std::optional<PluginVerdict> app_library;  // when the app names one
  std::vector<PluginVerdict> plugins;
};

// The verdicts alone, no library loaded (doctor, plugin ls, the acl commands).
AdmissionVerdicts judge_app_plugins(const AppPlugins& app, const std::vector<std::filesystem::path>& folders);

}  // namespace warden::plugin
