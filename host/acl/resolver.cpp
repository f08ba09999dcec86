#include "acl/resolver.hpp"

#include <algorithm>
#include <set>

#include "acl/closest_identifier.hpp"
#include "acl/identifier.hpp"
#include "acl/platforms.hpp"

namespace warden::acl {
namespace {

// Walks sets depth-first; `stack` holds the sets being expanded, to report cycles.
class EntryExpander {
 public:
  EntryExpander(const ManifestSet& manifests, const PermissionEntry& entry, const std::string& capability)
      : manifests_(manifests), entry_(entry), capability_(capability) {}

  Expansion run() {
    IdentifierRef ref = split_identifier(entry_.identifier);
    const auto* plugin = manifests_.find(ref.plugin);
    // No app permissions at all: the bare name is an unknown (app) permission, not a plugin.
    if (!plugin) fail_entry(ref.plugin.empty() ? ErrorKind::unknown_permission : ErrorKind::unknown_plugin,
                            unknown_plugin_message(ref));
    if (!reach(*plugin, ref.name, {})) {
      auto ids = plugin->identifiers();
      auto closest = closest_identifiers(ref.name, ids);
      for (auto& c : closest) c = plugin->qualified(c);
      fail_entry(ErrorKind::unknown_permission, "unknown permission '" + entry_.identifier + "'" +
                 (closest.empty() ? std::string() : "; did you mean " + quoted_list(closest) + "?"));
    }
    return std::move(out_);
  }

 private:
  const ManifestSet& manifests_;
  const PermissionEntry& entry_;
  const std::string& capability_;
  Expansion out_;
  std::vector<std::string> stack_;
  std::set<std::pair<std::string, std::string>> seen_;

  [[noreturn]] void fail_entry(ErrorKind kind, const std::string& what) const {
    throw Error(kind, entry_.where, "capability '" + capability_ + "': " + what);
  }

  std::string unknown_plugin_message(const IdentifierRef& ref) const {
    if (ref.plugin.empty())
      return "'" + ref.name + "' has no '<plugin>:' prefix, so it names an app permission, and the app defines none by that name";
    auto names = manifests_.plugin_names();
    auto closest = closest_identifiers(ref.plugin, names);
    std::string known = names.empty() ? "; no plugins are loaded" : "; loaded plugins: " + quoted_list(names);
    return "unknown plugin '" + ref.plugin + "' in '" + ref.text() + "'" +
           (closest.empty() ? known : "; did you mean " + quoted_list(closest) + "?");
  }

  void note_plugin(const std::string& name) {
    if (std::find(out_.plugins.begin(), out_.plugins.end(), name) == out_.plugins.end())
      out_.plugins.push_back(name);
  }

  // Adds what `name` designates in `plugin`; false when the plugin defines no such identifier.
  bool reach(const ManifestSet::Plugin& plugin, const std::string& name, std::vector<std::string> path) {
    path.push_back(plugin.qualified(name));
    if (name == "default") {
      note_plugin(plugin.name);
      if (plugin.default_set) expand_set(plugin, "default", plugin.default_set->permissions,
                                         plugin.default_set->line, path);
      return true;  // a plugin without [default] grants nothing through it, as in Tauri
    }
    if (auto it = plugin.sets.find(name); it != plugin.sets.end()) {
      note_plugin(plugin.name);
      expand_set(plugin, name, it->second->permissions, it->second->line, path);
      return true;
    }
    if (auto it = plugin.permissions.find(name); it != plugin.permissions.end()) {
      note_plugin(plugin.name);
      if (seen_.emplace(plugin.name, name).second) out_.permissions.push_back({plugin.name, it->second, path});
      return true;
    }
    return false;
  }

  void expand_set(const ManifestSet::Plugin& plugin, const std::string& set_name,
                  const std::vector<std::string>& members, std::optional<int> line,
                  const std::vector<std::string>& path) {
    std::string qualified = plugin.qualified(set_name);
    if (std::find(stack_.begin(), stack_.end(), qualified) != stack_.end()) {
      std::string cycle;
      for (auto it = std::find(stack_.begin(), stack_.end(), qualified); it != stack_.end(); ++it) cycle += *it + " -> ";
      fail_set(ErrorKind::set_cycle, plugin, set_name, line, "sets form a cycle: " + cycle + qualified);
    }
    stack_.push_back(qualified);
    for (const auto& member : members) {
      IdentifierRef ref = split_identifier(member);
      const ManifestSet::Plugin* target = &plugin;
      if (!ref.plugin.empty()) {
        target = manifests_.find(ref.plugin);
        if (!target) {
          auto closest = closest_identifiers(ref.plugin, manifests_.plugin_names());
          fail_set(ErrorKind::unknown_plugin, plugin, set_name, line,
                   "the set '" + qualified + "' lists '" + member + "', but plugin '" + ref.plugin +
                       "' is not loaded" + (closest.empty() ? "" : "; did you mean " + quoted_list(closest) + "?"));
        }
      }
      if (!reach(*target, ref.name, path)) {
        auto closest = closest_identifiers(ref.name, target->identifiers());
        for (auto& c : closest) c = target->qualified(c);
        fail_set(ErrorKind::unknown_set_member, plugin, set_name, line,
                 "the set '" + qualified + "' lists '" + member + "', which " +
                     (target->name.empty() ? std::string("the app") : "plugin '" + target->name + "'") +
                     " does not define" + (closest.empty() ? "" : "; did you mean " + quoted_list(closest) + "?"));
      }
    }
    stack_.pop_back();
  }

  [[noreturn]] void fail_set(ErrorKind kind, const ManifestSet::Plugin& plugin, const std::string& set_name,
                             std::optional<int> line, const std::string& what) const {
    auto file = plugin.file_of.find(set_name);
    ErrorLocation where{file == plugin.file_of.end() ? plugin.origin : file->second, line,
                        set_name == "default" ? "default.permissions" : "set '" + set_name + "'.permissions"};
    std::string from = entry_.where.file + (entry_.where.line ? ":" + std::to_string(*entry_.where.line) : "");
    throw Error(kind, where, what + " (reached from capability '" + capability_ + "' entry '" + entry_.identifier +
                           "' at " + from + ")");
  }
};

template <typename T>
void append(std::vector<T>& to, const std::vector<T>& from) {
  to.insert(to.end(), from.begin(), from.end());
}

// What one entry grants in one plugin: one or more groups of commands, each with its scope.
struct CommandGroup {
  std::vector<std::pair<std::string, std::vector<std::string>>> allow, deny;  // command -> via
  Scopes scope;
};
struct PluginGrant {
  std::vector<CommandGroup> groups;  // empty: the entry names no command of the plugin
  Scopes scope;                      // with no groups: what goes to the plugin's global scope
  bool any_active = false;
};

void add_command(std::vector<std::pair<std::string, std::vector<std::string>>>& list, const std::string& command,
                 const std::string& via) {
  for (auto& [name, vias] : list)
    if (name == command) {
      vias.push_back(via);
      return;
    }
  list.push_back({command, {via}});
}

bool names_commands(const Permission& p) { return !p.commands_allow.empty() || !p.commands_deny.empty(); }

// The sets a reached permission was listed in, outermost first (its path without itself).
std::vector<std::string> sets_of(const ReachedPermission& r) { return {r.path.begin(), r.path.end() - 1}; }

bool starts_with(const std::vector<std::string>& path, const std::vector<std::string>& prefix) {
  return prefix.size() <= path.size() && std::equal(prefix.begin(), prefix.end(), path.begin());
}

// A scope-only permission (no commands) scopes the commands reached through the set that lists
// it, nested sets included, and not those of its sibling sets: fs:default lists
// create-app-specific-dirs (mkdir + the app folders themselves) next to
// read-app-specific-dirs-recursive (read commands + everything below them), and mkdir must not
// inherit the recursive read scope. A scope-only permission whose set reaches no command (a deny
// such as deny-default) scopes every command of the entry. For a flat set this is the merge that
// conformance/README.md describes: read-download-dir = [allow-read-dir, allow-download-dir]
// grants read_dir scoped to $DOWNLOAD.
PluginGrant grant_for(const Expansion& expansion, const std::string& plugin, const PermissionEntry& entry,
                      Target target) {
  PluginGrant grant;
  std::vector<const ReachedPermission*> commanded, scope_only;
  for (const auto& reached : expansion.permissions) {
    if (reached.plugin != plugin || !active_on(reached.permission->platforms, target)) continue;
    grant.any_active = true;
    (names_commands(*reached.permission) ? commanded : scope_only).push_back(&reached);
  }
  if (commanded.empty()) {
    grant.scope = entry.extra;
    for (const auto* q : scope_only) {
      append(grant.scope.allow, q->permission->scope.allow);
      append(grant.scope.deny, q->permission->scope.deny);
    }
    return grant;
  }
  // Which scope-only permissions scope each commanded one; equal lists share one group. A
  // commanded permission with a scope of its own keeps it to itself (its own group, marked by
  // an index past the scope-only ones), as Tauri scopes a permission's commands.
  std::vector<std::vector<std::size_t>> keys;
  for (std::size_t n = 0; n < commanded.size(); ++n) {
    const auto* p = commanded[n];
    std::vector<std::size_t> key;
    if (!p->permission->scope.empty()) key.push_back(scope_only.size() + n);
    for (std::size_t i = 0; i < scope_only.size(); ++i) {
      auto parent = sets_of(*scope_only[i]);
      bool reaches_commands = std::any_of(commanded.begin(), commanded.end(),
                                          [&](const ReachedPermission* c) { return starts_with(sets_of(*c), parent); });
      if (!reaches_commands || starts_with(sets_of(*p), parent)) key.push_back(i);
    }
    keys.push_back(std::move(key));
  }
  std::vector<std::vector<std::size_t>> group_keys;
  for (std::size_t n = 0; n < commanded.size(); ++n) {
    const auto* p = commanded[n];
    auto found = std::find(group_keys.begin(), group_keys.end(), keys[n]);
    std::size_t g = std::size_t(found - group_keys.begin());
    if (found == group_keys.end()) {
      group_keys.push_back(keys[n]);
      CommandGroup group;
      group.scope = entry.extra;
      for (auto i : keys[n]) {
        if (i >= scope_only.size()) continue;  // the permission's own scope, added below
        append(group.scope.allow, scope_only[i]->permission->scope.allow);
        append(group.scope.deny, scope_only[i]->permission->scope.deny);
      }
      grant.groups.push_back(std::move(group));
    }
    auto& group = grant.groups[g];
    std::string via = p->path.back();
    for (const auto& c : p->permission->commands_allow) add_command(group.allow, c, via);
    for (const auto& c : p->permission->commands_deny) add_command(group.deny, c, via);
    append(group.scope.allow, p->permission->scope.allow);
    append(group.scope.deny, p->permission->scope.deny);
  }
  return grant;
}

CompiledCapability compile(const Capability& cap) {
  CompiledCapability out;
  out.identifier = cap.identifier;
  out.where = cap.where;
  out.local = cap.local;
  out.exact_origins = cap.exact_origins;
  auto globs = [&](const std::vector<std::string>& texts, const char* field, std::vector<WindowGlob>& into) {
    for (std::size_t i = 0; i < texts.size(); ++i) {
      try {
        into.push_back(WindowGlob::compile(texts[i]));
      } catch (const std::invalid_argument& e) {
        throw Error(ErrorKind::invalid_window_pattern, {cap.where.file, cap.where.line, std::string(field) + "[" + std::to_string(i) + "]"}, e.what());
      }
    }
  };
  globs(cap.windows, "windows", out.windows);
  globs(cap.webviews, "webviews", out.webviews);
  for (std::size_t i = 0; i < cap.remote_urls.size(); ++i)
    out.remote.push_back(UrlPattern::parse(cap.remote_urls[i],
                                           {cap.where.file, cap.where.line, "remote.urls[" + std::to_string(i) + "]"}));
  return out;
}

class AclBuilder {
 public:
  AclBuilder(const ManifestSet& manifests, Target target) : manifests_(manifests) {
    acl_ = std::make_shared<ResolvedAcl>();
    acl_->target = target;
  }

  void add(const Capability& cap) {
    auto index = std::uint32_t(acl_->capabilities.size());
    acl_->capabilities.push_back(compile(cap));
    for (const auto& entry : cap.permissions) {
      Expansion expansion = EntryExpander(manifests_, entry, cap.identifier).run();
      for (const auto& plugin : expansion.plugins) add_grant(index, plugin, entry, grant_for(expansion, plugin, entry, acl_->target));
    }
    for (const auto& [plugin, scope] : cap.granted_scopes)
      acl_->global_scopes[plugin].push_back({index, "runtime grant", scope});
  }

  std::shared_ptr<const ResolvedAcl> finish() {
    acl_->seal();
    return acl_;
  }

 private:
  const ManifestSet& manifests_;
  std::shared_ptr<ResolvedAcl> acl_;

  void add_grant(std::uint32_t cap, const std::string& plugin, const PermissionEntry& entry, PluginGrant grant) {
    if (grant.groups.empty()) {
      // All permissions inactive: the plugin's global scope still appears, empty (as Tauri's output does).
      if (!grant.any_active) grant.scope = {};
      acl_->global_scopes[plugin].push_back({cap, entry.identifier, std::move(grant.scope)});
      return;
    }
    for (auto& group : grant.groups) {
      std::shared_ptr<const Scopes> scope;
      if (!group.scope.empty()) scope = std::make_shared<const Scopes>(std::move(group.scope));
      add_commands(cap, plugin, entry, group.allow, scope, &CommandRules::allowed);
      add_commands(cap, plugin, entry, group.deny, scope, &CommandRules::denied);
    }
  }

  void add_commands(std::uint32_t cap, const std::string& plugin, const PermissionEntry& entry,
                    const std::vector<std::pair<std::string, std::vector<std::string>>>& commands,
                    const std::shared_ptr<const Scopes>& scope, std::vector<CommandGrant> CommandRules::*list) {
    const auto& compiled = acl_->capabilities[cap];
    std::vector<std::int32_t> contexts;
    if (compiled.local) contexts.push_back(kLocalContext);
    for (std::size_t i = 0; i < compiled.remote.size(); ++i) contexts.push_back(std::int32_t(i));
    for (const auto& [command, via] : commands) {
      auto& rules = acl_->commands[command_key(plugin, command)];
      rules.plugin = plugin;
      for (auto context : contexts) (rules.*list).push_back({cap, context, scope, entry.identifier, via});
    }
  }
};

}  // namespace

Expansion expand_entry(const ManifestSet& manifests, const PermissionEntry& entry, const std::string& capability) {
  return EntryExpander(manifests, entry, capability).run();
}

std::shared_ptr<const ResolvedAcl> resolve_acl(const ManifestSet& manifests, const std::vector<Capability>& capabilities,
                                               Target target) {
  std::map<std::string, const Capability*> seen;
  for (const auto& cap : capabilities) {
    auto [it, fresh] = seen.emplace(cap.identifier, &cap);
    if (!fresh)
      throw Error(ErrorKind::duplicate_capability, {cap.where.file, cap.where.line, "identifier"},
                  "capability '" + cap.identifier + "' is already defined in " + it->second->where.file);
  }
  AclBuilder builder(manifests, target);
  for (const auto& cap : capabilities)
    if (active_on(cap.platforms, target)) builder.add(cap);
  return builder.finish();
}

}  // namespace warden::acl
