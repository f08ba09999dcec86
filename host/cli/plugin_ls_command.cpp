// `warden plugin ls`: which libraries of plugin folders (and, with --app, of the app's config)
// `warden run` would load and which it would refuse, and why: the one admission
// (plugin/plugin_admission.hpp), read without loading, so no plugin code runs (init failures and
// command-table mismatches show only when the host loads them).
#include <filesystem>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <boost/json.hpp>

#include "cli/app_config.hpp"
#include "cli/command.hpp"
#include "plugin/plugin_admission.hpp"

namespace warden::cli {
namespace {
namespace fs = std::filesystem;
namespace json = boost::json;

struct LsOptions {
  std::vector<std::string> folders;
  std::optional<std::string> app;
  bool json = false;
};

std::vector<plugin::PluginVerdict> verdicts_of(const LsOptions& o) {
  std::vector<fs::path> dirs(o.folders.begin(), o.folders.end());
  std::optional<AppConfig> config;
  if (o.app) {
    try {
      config = load_app_config(*o.app);
    } catch (const std::exception& e) {
      throw UsageError(e.what());
    }
  }
  auto judged = plugin::judge_app_plugins(config ? config->plugins(dirs) : plugin::AppPlugins{}, dirs);
  std::vector<plugin::PluginVerdict> out;
  if (judged.app_library) out.push_back(std::move(*judged.app_library));
  for (auto& v : judged.plugins) out.push_back(std::move(v));
  return out;
}

void print_json(const std::vector<plugin::PluginVerdict>& verdicts) {
  json::array out;
  for (const auto& v : verdicts) {
    json::object o{{"file", v.file.string()}, {"from", v.from}};
    if (v.admitted) {
      const auto& m = v.admitted->manifest;
      o["status"] = "load";
      o["name"] = m.name;
      o["version"] = m.version;
      o["commands"] = json::array(m.commands.begin(), m.commands.end());
    } else {
      o["status"] = "refused";
      o["reason"] = *v.refused;
    }
    out.push_back(std::move(o));
  }
  std::cout << json::serialize(json::object{{"plugins", std::move(out)}}) << "\n";
}

void print_text(const std::vector<plugin::PluginVerdict>& verdicts) {
  if (verdicts.empty()) std::cout << "no plugin files (*.so) in the given folders\n";
  for (const auto& v : verdicts) {
    std::string app = v.from == "app.library" ? "  [app library]" : "";
    if (v.admitted) {
      const auto& m = v.admitted->manifest;
      std::cout << "load     " << m.name << " " << m.version << "  " << v.file.string() << "  (" << m.commands.size()
                << " commands)" << app << "\n";
    } else {
      std::cout << "refused  " << v.file.string() << ": " << *v.refused << app << "\n";
    }
  }
}

}  // namespace

void register_plugin_ls(CLI::App& plugin, Action& action) {
  auto o = std::make_shared<LsOptions>();
  auto* cmd = plugin.add_subcommand(
      "ls", "List the plugins of plugin folders: which would load and which would be refused, and why (the admission "
            "`warden run` makes). Reads the files without loading them: no plugin code runs (so init failures and "
            "command-table mismatches show only when the host loads them)");
  cmd->add_option("--plugins", o->folders, "plugin folders (each *.so directly inside is a candidate)")
      ->required()
      ->expected(1, -1);
  cmd->add_option("--app", o->app, "an app folder: its plugins.<name>.path libraries, pins and app library too");
  cmd->add_flag("--json", o->json, "print JSON instead of text");
  cmd->callback([&action, o] {
    action = [o] {
      auto verdicts = verdicts_of(*o);
      if (o->json) print_json(verdicts);
      else print_text(verdicts);
      return 0;
    };
  });
}

}  // namespace warden::cli
