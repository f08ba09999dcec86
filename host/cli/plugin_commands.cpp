// `warden plugin ...`: inspect and ls read plugins without running their code; embed is the
// build step of warden_add_plugin(); call loads one plugin for real and runs one command.
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <iterator>
#include <mutex>
#include <sstream>

#include <boost/json.hpp>

#include "acl/error.hpp"
#include "cli/command.hpp"
#include "plugin/host_extensions.hpp"
#include "plugin/load_error.hpp"
#include "plugin/manifest_embedding.hpp"
#include "plugin/manifest_section.hpp"
#include "plugin/plugin_folder.hpp"
#include "plugin/plugin_library.hpp"
#include "warden/plugin.h"

namespace warden::cli {
namespace {
namespace json = boost::json;
namespace fs = std::filesystem;
using namespace warden::plugin;

json::value parse_json_option(const std::string& text, const char* option) {
  boost::system::error_code ec;
  json::value v = json::parse(text, ec);
  if (ec) throw UsageError(std::string(option) + " is not valid JSON: " + ec.message());
  return v;
}

// "extensions": what the plugin asks of the host (and whether this host has it) and what it offers.
json::object extensions_json(const ManifestExtensions& e) {
  json::array uses, offers(e.offers.begin(), e.offers.end());
  for (const auto& id : e.uses) uses.push_back(json::object{{"id", id}, {"host_has", find_host_extension(id) != nullptr}});
  return json::object{{"uses", std::move(uses)}, {"offers", std::move(offers)}};
}

json::object inspect_json(const PluginManifestSection& m) {
  json::array commands(m.commands.begin(), m.commands.end());
  return json::object{{"name", m.name},
                      {"version", m.version},
                      {"abi", m.abi_version},
                      {"commands", std::move(commands)},
                      {"extensions", extensions_json(m.extensions)},
                      {"manifest", manifest_permissions_json(m)}};
}

void register_inspect(CLI::App& plugin, Action& action) {
  auto* cmd = plugin.add_subcommand(
      "inspect", "Print a plugin library's manifest (name, version, ABI, commands, extensions it uses and offers, permissions) as JSON, read from "
                 "its " WARDEN_MANIFEST_SECTION " section without loading it: no plugin code runs");
  auto file = std::make_shared<std::string>();
  cmd->add_option("library", *file, "the plugin's shared library (.so)")->required();
  cmd->callback([&action, file] {
    action = [file] {
      try {
        std::cout << json::serialize(inspect_json(read_manifest_section(*file))) << "\n";
        return 0;
      } catch (const LoadError& e) {
        throw UsageError(std::string("cannot inspect ") + e.what());
      }
    };
  });
}

void register_embed(CLI::App& plugin, Action& action) {
  auto* cmd = plugin.add_subcommand(
      "embed", "Build step of warden_add_plugin(): validate a plugin's permission files, generate allow-/deny- "
               "permissions per command and the markdown reference, and write the C source of its manifest section");
  struct Options {
    std::string name, version, permissions, out_source, out_reference, out_generated;
    std::vector<std::string> commands, uses_extensions, offers_extensions;
    std::uint32_t abi = WARDEN_ABI_VERSION;
  };
  auto o = std::make_shared<Options>();
  cmd->add_option("--name", o->name, "plugin name, [a-z0-9-]")->required();
  cmd->add_option("--version", o->version, "plugin version")->required();
  cmd->add_option("--commands", o->commands, "command names, comma-separated")->delimiter(',');
  cmd->add_option("--permissions", o->permissions, "the plugin's permissions folder (optional)");
  cmd->add_option("--uses-extensions", o->uses_extensions,
                  "host extensions the plugin asks for, comma-separated ids (warden.channels/1,...)")
      ->delimiter(',');
  cmd->add_option("--offers-extensions", o->offers_extensions,
                  "plugin extensions it answers through get_extension, comma-separated ids")
      ->delimiter(',');
  cmd->add_option("--abi", o->abi, "the ABI the library is built against (default: this SDK's; 1 only for the "
                                   "ABI-1 compatibility test plugin)");
  cmd->add_option("--out-source", o->out_source, "C source to write (defines the section)")->required();
  cmd->add_option("--out-reference", o->out_reference, "markdown reference of the permissions to write");
  cmd->add_option("--out-generated", o->out_generated,
                  "folder to write the generated permission files to (commands/<cmd>.toml)");
  cmd->callback([&action, o] {
    action = [o] {
      EmbedInput in;
      in.name = o->name;
      in.version = o->version;
      for (const auto& c : o->commands)
        if (!c.empty()) in.commands.push_back(c);
      if (!o->permissions.empty()) in.permissions_dir = fs::path(o->permissions);
      for (const auto& id : o->uses_extensions)
        if (!id.empty()) in.extensions.uses.push_back(id);
      for (const auto& id : o->offers_extensions)
        if (!id.empty()) in.extensions.offers.push_back(id);
      in.abi_version = o->abi;
      PluginManifestSection m;
      try {
        m = build_manifest(in);
      } catch (const acl::Error& e) {
        std::cerr << e.what() << "\n";
        return 2;
      } catch (const LoadError& e) {
        std::cerr << e.what() << "\n";
        return 2;
      }
      for (const auto& w : manifest_warnings(m))
        std::cerr << (o->permissions.empty() ? o->name : o->permissions) << ": warning: " << w << "\n";
      write_file_if_changed(o->out_source, manifest_c_source(m, encode_manifest_section(m)));
      if (!o->out_reference.empty()) write_file_if_changed(o->out_reference, permission_reference_markdown(m));
      if (!o->out_generated.empty())
        for (const auto& c : m.commands)
          write_file_if_changed(fs::path(o->out_generated) / "commands" / (c + ".toml"), command_permission_toml(c));
      return 0;
    };
  });
}

void register_call(CLI::App& plugin, Action& action) {
  auto* cmd = plugin.add_subcommand(
      "call", "Load a plugin library for real (its code runs), call one command and print its result: JSON on "
              "stdout, or the raw bytes for a binary result. Exit 1 when the command fails");
  struct Options {
    std::string library, command, args = "{}", config = "{}", scopes = R"({"command":null,"global":null})";
    std::string body_file, window = "main", webview = "main", origin = "app://localhost";
    double timeout = 30;
  };
  auto o = std::make_shared<Options>();
  cmd->add_option("library", o->library, "the plugin's shared library (.so)")->required();
  cmd->add_option("command", o->command, "command name, without the plugin: prefix")->required();
  cmd->add_option("--args", o->args, "arguments, a JSON object (default {})");
  cmd->add_option("--config", o->config, "the plugin's config, as plugins.<name> of the app config (default {})");
  cmd->add_option("--scopes", o->scopes,
                  R"(the call's scopes: {"command": {"allow": [...], "deny": [...]}, "global": {...}})");
  cmd->add_option("--body-file", o->body_file, "send this file's bytes as the binary body of the call");
  cmd->add_option("--window", o->window, "caller window label (default main)");
  cmd->add_option("--webview", o->webview, "caller webview label (default main)");
  cmd->add_option("--origin", o->origin, "caller origin (default app://localhost)");
  cmd->add_option("--timeout", o->timeout, "seconds to wait for an asynchronous result (default 30)");
  cmd->callback([&action, o] {
    action = [o] {
      json::value args = parse_json_option(o->args, "--args");
      if (!args.is_object()) throw UsageError("--args must be a JSON object");
      json::value config = parse_json_option(o->config, "--config");
      if (!config.is_object()) throw UsageError("--config must be a JSON object");
      json::value scopes = parse_json_option(o->scopes, "--scopes");
      if (!scopes.is_object()) throw UsageError("--scopes must be a JSON object");

      CallRequest request;
      request.command = o->command;
      request.args_json = json::serialize(args);
      request.scopes_json = json::serialize(scopes);
      request.caller = {o->window, o->webview, o->origin};
      if (!o->body_file.empty()) {
        std::ifstream in(o->body_file, std::ios::binary);
        if (!in) throw UsageError("cannot read --body-file " + o->body_file);
        request.body.emplace(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
      }
      HostOptions host;
      auto print_mutex = std::make_shared<std::mutex>();
      host.events = [print_mutex](const PluginEvent& e) {
        std::lock_guard lock(*print_mutex);
        std::cerr << "event " << e.plugin << ":" << e.event << " " << e.payload_json
                  << (e.target_window ? " -> " + *e.target_window : std::string()) << "\n";
      };

      std::unique_ptr<PluginLibrary> lib;
      try {
        lib = PluginLibrary::load(o->library, json::serialize(config), host);
      } catch (const LoadError& e) {
        throw UsageError(std::string("plugin refused: ") + e.what());
      }
      if (!lib->has_command(o->command))
        throw UsageError("plugin '" + lib->name() + "' has no command '" + o->command + "' (it has: " + [&] {
          std::string all;
          for (const auto& c : lib->manifest().commands) all += (all.empty() ? "" : ", ") + c;
          return all;
        }() + ")");
      PendingCall call = lib->invoke(std::move(request));
      auto result = call.wait_for(std::chrono::milliseconds(static_cast<long long>(o->timeout * 1000)));
      if (!result) {
        std::cerr << "warden: command '" << o->command << "' did not complete within " << o->timeout << " s\n";
        std::fflush(nullptr);
        // The plugin may still hold the call: do not shut it down or unload it under its feet.
        std::_Exit(1);
      }
      switch (result->kind) {
        case CallResult::Kind::json:
          std::cout << result->json << "\n";
          return 0;
        case CallResult::Kind::bytes:
          std::cout.write(reinterpret_cast<const char*>(result->bytes.data()),
                          static_cast<std::streamsize>(result->bytes.size()));
          std::cout.flush();
          return 0;
        case CallResult::Kind::error:
          std::cerr << "warden: command '" << o->command << "' "
                    << (result->scope_refused ? "refused by scope: " : "failed: ") << result->error << "\n";
          return 1;
      }
      return 1;
    };
  });
}

}  // namespace

void register_plugin_commands(CLI::App& root, Action& action) {
  auto* plugin = root.add_subcommand("plugin", "Inspect, list, build and try plugin libraries");
  plugin->require_subcommand(1);
  register_inspect(*plugin, action);
  register_plugin_ls(*plugin, action);
  register_embed(*plugin, action);
  register_call(*plugin, action);
}

}  // namespace warden::cli
