#include "cli/doctor_command.hpp"

#include <sys/stat.h>

#include <cstdio>
#include <filesystem>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <boost/json.hpp>

#include "acl/capability.hpp"
#include "acl/manifest_set.hpp"
#include "acl/resolver.hpp"
#include "acl/target.hpp"
#include "acl/url_pattern.hpp"
#include "cli/app_acl_inputs.hpp"
#include "cli/app_config.hpp"
#include "plugin/plugin_admission.hpp"
#include "cli/webview_libraries.hpp"

namespace warden::cli {
namespace {
namespace fs = std::filesystem;
namespace json = boost::json;

struct DoctorOptions {
  std::string app_dir;
  std::vector<std::string> plugin_dirs;
  bool json = false;
  std::string dpkg_root = "/";
  std::string apt_helper = "/usr/lib/apt/apt-helper";
};

struct FolderReport {
  fs::path path;
  std::optional<std::string> mode;  // "0755"; nullopt when it cannot be read
  unsigned owner_uid = 0;
  std::vector<std::string> warnings;
};

struct PluginReport {
  fs::path file;
  std::string from;  // "folder", "plugins.<name>.path" or "app.library"
  std::optional<plugin::PluginManifestSection> manifest;
  std::optional<std::string> refused;
  std::vector<std::string> warnings;
};

struct AclReport {
  bool checked = false;
  std::optional<std::string> refused;
  std::vector<std::string> notes;  // broad remote URL patterns, and ones that can never match
};

struct Report {
  std::vector<WebViewLibrary> libraries;
  std::vector<FolderReport> folders;
  std::vector<PluginReport> plugins;
  AclReport acl;
  std::vector<std::string> problems;  // what makes the exit status 1
};

std::string octal_mode(mode_t mode) {
  char buffer[8];
  std::snprintf(buffer, sizeof buffer, "%04o", static_cast<unsigned>(mode & 07777));
  return buffer;
}

// Who may change the code the host will load: a plugin folder or library writable by others
// than its owner, or owned by another user than root or the one running warden.
std::vector<std::string> write_access_warnings(const struct stat& st, const char* what) {
  std::vector<std::string> out;
  if (st.st_mode & S_IWOTH)
    out.push_back(std::string(what) + " is writable by every user: anyone on this machine could replace plugin code");
  else if (st.st_mode & S_IWGRP)
    out.push_back(std::string(what) + " is writable by its group (gid " + std::to_string(st.st_gid) +
                  "): its members could replace plugin code");
  if (st.st_uid != 0 && st.st_uid != ::geteuid())
    out.push_back(std::string(what) + " is owned by another user (uid " + std::to_string(st.st_uid) +
                  "), who could replace plugin code");
  return out;
}

FolderReport folder_report(const fs::path& folder) {
  FolderReport r{folder, std::nullopt, 0, {}};
  struct stat st {};
  if (::stat(folder.c_str(), &st) != 0) return r;  // the scan reports why it cannot be read
  r.mode = octal_mode(st.st_mode);
  r.owner_uid = st.st_uid;
  r.warnings = write_access_warnings(st, "the folder");
  return r;
}

std::vector<std::string> library_warnings(const fs::path& file) {
  struct stat st {};
  if (::stat(file.c_str(), &st) != 0) return {};
  return write_access_warnings(st, "the library");
}

// A note for each remote URL pattern that reaches pages of more than one site, or that can never
// match (docs/url-patterns.md): both load, and the app's author should know.
std::vector<std::string> remote_url_notes(const std::vector<acl::Capability>& capabilities) {
  std::vector<std::string> notes;
  for (const auto& cap : capabilities) {
    for (std::size_t i = 0; i < cap.remote_urls.size(); ++i) {
      const std::string& text = cap.remote_urls[i];
      std::string where = "capability '" + cap.identifier + "' (" + cap.where.file + ") remote.urls[" +
                          std::to_string(i) + "] '" + text + "'";
      try {
        auto pattern = acl::UrlPattern::parse(text);
        if (pattern.broad()) notes.push_back(where + " is broad: " + *pattern.broad());
        if (pattern.inert()) notes.push_back(where + " can never match: " + *pattern.inert());
      } catch (const acl::Error&) {
        // a pattern that does not parse refuses the whole ACL: check_acl reports it
      }
    }
  }
  return notes;
}

// The ACL `warden run` would build from the app folder and the plugins that would load; an
// error here (a capability naming an unknown plugin or permission, ...) stops `warden run`.
AclReport check_acl(const AppConfig& config, const std::vector<PluginReport>& plugins) {
  AclReport r{true, std::nullopt, {}};
  try {
    AclInputSources sources;
    sources.app_dir = config.dir;
    sources.app_config = &config.acl;
    for (const auto& p : plugins)
      if (p.manifest && p.from != "app.library") sources.plugins.push_back({&*p.manifest, p.file});
    acl::AclInputs inputs = assemble_acl_inputs(sources);
    r.notes = remote_url_notes(inputs.capabilities);
    acl::ManifestSet manifests(std::move(inputs.manifests));
    acl::resolve_acl(manifests, inputs.capabilities, acl::Target::linux);
  } catch (const std::exception& e) {
    r.refused = e.what();
  }
  return r;
}

size_t permission_count(const plugin::PluginManifestSection& m) {
  size_t n = 0;
  for (const auto& f : m.files) n += f.parsed.permissions.size();
  return n;
}

size_t set_count(const plugin::PluginManifestSection& m) {
  size_t n = 0;
  for (const auto& f : m.files) n += f.parsed.sets.size() + (f.parsed.default_set ? 1 : 0);
  return n;
}

PluginReport plugin_report(plugin::PluginVerdict v) {
  std::optional<plugin::PluginManifestSection> manifest;
  if (v.admitted) manifest = std::move(v.admitted->manifest);
  return {v.file, v.from, std::move(manifest), std::move(v.refused), library_warnings(v.file)};
}

Report examine(const DoctorOptions& o) {
  Report report;
  std::optional<AppConfig> config;
  if (!o.app_dir.empty()) {
    try {
      config = load_app_config(o.app_dir);
    } catch (const std::exception& e) {
      throw UsageError(e.what());
    }
  }
  PackageIndex index;
  index.root = o.dpkg_root;
  index.apt_helper = o.apt_helper;
  report.libraries = webview_libraries(index);
  for (const auto& lib : report.libraries)
    if (lib.name == "WebKitGTK" && lib.status == UpdateStatus::outdated)
      report.problems.push_back("WebKitGTK is outdated: " + lib.detail);

  std::vector<fs::path> folders(o.plugin_dirs.begin(), o.plugin_dirs.end());
  for (const auto& folder : folders) report.folders.push_back(folder_report(folder));
  auto verdicts = plugin::judge_app_plugins(config ? config->plugins(folders) : plugin::AppPlugins{}, folders);
  if (verdicts.app_library) report.plugins.push_back(plugin_report(std::move(*verdicts.app_library)));
  for (auto& v : verdicts.plugins) report.plugins.push_back(plugin_report(std::move(v)));
  for (const auto& p : report.plugins)
    if (p.refused)
      report.problems.push_back((p.from == "app.library" ? "app library refused: " : "plugin refused: ") +
                                p.file.string() + ": " + *p.refused);
  if (config) {
    report.acl = check_acl(*config, report.plugins);
    if (report.acl.refused) report.problems.push_back("the app's ACL would be refused: " + *report.acl.refused);
  }
  return report;
}

json::value optional_string(const std::optional<std::string>& s) {
  if (s) return json::string(*s);
  return nullptr;
}

json::object to_json(const Report& r) {
  json::array libraries;
  for (const auto& lib : r.libraries) {
    json::object o{{"name", lib.name}, {"runtime_version", lib.runtime}, {"status", to_string(lib.status)},
                   {"detail", lib.detail}};
    if (lib.package)
      o["package"] = {{"name", lib.package->name}, {"architecture", lib.package->architecture},
                      {"version", lib.package->version}};
    else
      o["package"] = nullptr;
    if (lib.newest)
      o["newest"] = {{"version", lib.newest->version}, {"list", lib.newest->list}, {"security", lib.newest_is_security}};
    else
      o["newest"] = nullptr;
    libraries.push_back(std::move(o));
  }
  json::array folders;
  for (const auto& f : r.folders)
    folders.push_back({{"path", f.path.string()},
                       {"mode", optional_string(f.mode)},
                       {"owner_uid", f.mode ? json::value(f.owner_uid) : json::value(nullptr)},
                       {"warnings", json::array(f.warnings.begin(), f.warnings.end())}});
  json::array plugins;
  for (const auto& p : r.plugins) {
    json::object o{{"file", p.file.string()}, {"from", p.from}, {"status", p.manifest ? "load" : "refused"},
                   {"warnings", json::array(p.warnings.begin(), p.warnings.end())}};
    if (p.manifest) {
      o["name"] = p.manifest->name;
      o["version"] = p.manifest->version;
      o["commands"] = json::array(p.manifest->commands.begin(), p.manifest->commands.end());
      o["permissions"] = permission_count(*p.manifest);
      o["sets"] = set_count(*p.manifest);
    } else {
      o["reason"] = *p.refused;
    }
    plugins.push_back(std::move(o));
  }
  json::object acl{{"status", !r.acl.checked ? "not checked" : r.acl.refused ? "refused" : "ok"},
                   {"error", optional_string(r.acl.refused)}};
  return {{"webview", std::move(libraries)},
          {"plugin_folders", std::move(folders)},
          {"plugins", std::move(plugins)},
          {"acl", std::move(acl)},
          {"problems", json::array(r.problems.begin(), r.problems.end())}};
}

void print_text(const Report& r, bool has_app) {
  std::ostream& out = std::cout;
  out << "WebView libraries (as linked at run time):\n";
  for (const auto& lib : r.libraries) {
    out << "  " << lib.name << " " << lib.runtime;
    if (lib.package) out << "  package " << lib.package->name << " " << lib.package->version << " (" << lib.package->architecture << ")";
    out << "\n    " << (lib.status == UpdateStatus::outdated ? "OUTDATED: " : "") << lib.detail << "\n";
  }
  out << "\nPlugin folders:\n";
  if (r.folders.empty()) out << "  none given (--plugins DIR)\n";
  for (const auto& f : r.folders) {
    out << "  " << f.path.string();
    if (f.mode) out << "  mode " << *f.mode << ", owner uid " << f.owner_uid;
    out << "\n";
    for (const auto& w : f.warnings) out << "    warning: " << w << "\n";
  }
  out << "\nPlugins:\n";
  if (r.plugins.empty()) out << "  none\n";
  for (const auto& p : r.plugins) {
    if (p.manifest)
      out << "  load     " << p.manifest->name << " " << p.manifest->version << "  " << p.file.string() << "  ("
          << p.manifest->commands.size() << " commands, " << permission_count(*p.manifest) << " permissions, "
          << set_count(*p.manifest) << " sets; from " << p.from << ")\n";
    else
      out << "  refused  " << p.file.string() << ": " << *p.refused << "\n";
    for (const auto& w : p.warnings) out << "    warning: " << w << "\n";
  }
  out << "\nACL: ";
  if (!has_app) out << "not checked (give the app folder: warden doctor APP_DIR)\n";
  else if (r.acl.refused) out << "REFUSED: " << *r.acl.refused << "\n";
  else out << "ok: the app's capabilities resolve against the plugins that would load\n";
  for (const auto& note : r.acl.notes) out << "  note: " << note << "\n";
  out << "\n";
  if (r.problems.empty()) out << "No problems found.\n";
  else {
    out << r.problems.size() << (r.problems.size() == 1 ? " problem:\n" : " problems:\n");
    for (const auto& p : r.problems) out << "  - " << p << "\n";
  }
}

}  // namespace

void register_doctor_command(CLI::App& root, Action& action) {
  auto o = std::make_shared<DoctorOptions>();
  auto* cmd = root.add_subcommand(
      "doctor", "Report the WebView libraries (and whether Debian offers a newer WebKitGTK), the plugin folders and "
                "their libraries (read without running plugin code), and what `warden run` would refuse. Exit 1 when "
                "something would be refused or WebKitGTK is outdated");
  cmd->add_option("app", o->app_dir, "The app folder, to check its plugin pins and ACL (optional)")
      ->check(CLI::ExistingDirectory);
  cmd->add_option("--plugins", o->plugin_dirs, "A folder of plugin libraries (repeatable)");
  cmd->add_flag("--json", o->json, "Print JSON (manifests/doctor.schema.json) instead of text");
  // For tests: a fake root holding var/lib/dpkg/status and var/lib/apt/lists/.
  cmd->add_option("--dpkg-root", o->dpkg_root)->group("");
  cmd->add_option("--apt-helper", o->apt_helper)->group("");
  cmd->callback([o, &action] {
    action = [o] {
      Report report = examine(*o);
      if (o->json) std::cout << json::serialize(to_json(report)) << "\n";
      else print_text(report, !o->app_dir.empty());
      return report.problems.empty() ? 0 : 1;
    };
  });
}

}  // namespace warden::cli
