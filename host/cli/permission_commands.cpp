// `warden permission ls`: every permission, set and default set the core, the loaded plugins
// and the app define, with descriptions — what an app author picks capability entries from.
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <boost/json/serialize.hpp>

#include "cli/acl_input_options.hpp"
#include "cli/command.hpp"

namespace warden::cli {
namespace {

namespace acl = warden::acl;

struct ListOptions {
  AclInputOptions inputs;
  bool json = false;
};

std::string first_line(const std::string& text) {
  auto start = text.find_first_not_of(" \n\t");
  if (start == std::string::npos) return "";
  auto end = text.find('\n', start);
  return text.substr(start, end == std::string::npos ? end : end - start);
}

boost::json::array list_permissions(const acl::ManifestSet& manifests) {
  boost::json::array out;
  for (const auto& entry : manifests.plugins()) {
    // Named, not structured bindings: clang before 16 cannot capture those in a lambda.
    const auto& name = entry.first;
    const auto& plugin = entry.second;
    auto add = [&](const std::string& id, const char* kind, const std::string& description, boost::json::object extra) {
      extra["identifier"] = plugin.qualified(id);
      extra["plugin"] = name;
      extra["kind"] = kind;
      extra["description"] = description;
      extra["file"] = plugin.file_of.at(id);
      out.push_back(std::move(extra));
    };
    if (plugin.default_set)
      add("default", "default", plugin.default_set->description.value_or(""),
          {{"permissions", boost::json::array(plugin.default_set->permissions.begin(), plugin.default_set->permissions.end())}});
    for (const auto& [id, set] : plugin.sets)
      add(id, "set", set->description, {{"permissions", boost::json::array(set->permissions.begin(), set->permissions.end())}});
    for (const auto& [id, p] : plugin.permissions) {
      boost::json::object extra{{"commands_allow", boost::json::array(p->commands_allow.begin(), p->commands_allow.end())},
                                {"commands_deny", boost::json::array(p->commands_deny.begin(), p->commands_deny.end())}};
      extra["platforms"] = p->platforms ? boost::json::value(boost::json::array(p->platforms->begin(), p->platforms->end()))
                                        : boost::json::value(nullptr);
      add(id, "permission", p->description.value_or(""), std::move(extra));
    }
  }
  return out;
}

int run_ls(const ListOptions& o) {
  if (!o.inputs.app && o.inputs.plugins.empty() && o.inputs.plugin_dirs.empty())
    throw UsageError("give --app DIR, --plugins DIR or at least one --plugin NAME=DIR");
  auto inputs = load_acl_inputs(o.inputs);
  acl::ManifestSet manifests(std::move(inputs.manifests));
  auto list = list_permissions(manifests);
  if (o.json) {
    std::cout << boost::json::serialize(list) << "\n";
    return 0;
  }
  std::size_t width = 0;
  for (const auto& item : list) width = std::max(width, item.at("identifier").as_string().size());
  for (const auto& item : list) {
    std::string id(item.at("identifier").as_string());
    std::string kind(item.at("kind").as_string());
    std::cout << id << std::string(width - id.size() + 2, ' ') << "[" << kind << "] "
              << first_line(std::string(item.at("description").as_string())) << "\n";
  }
  return 0;
}

}  // namespace

void register_permission_commands(CLI::App& root, Action& action) {
  auto* group = root.add_subcommand("permission", "Inspect the permissions plugins and the app define");
  group->require_subcommand(1);
  auto opts = std::make_shared<ListOptions>();
  auto* ls = group->add_subcommand("ls", "List every permission, set and default set with its description");
  add_acl_input_options(*ls, opts->inputs, false);
  ls->add_flag("--json", opts->json, "Print JSON instead of a table");
  ls->callback([opts, &action] { action = [opts] { return run_ls(*opts); }; });
}

}  // namespace warden::cli
