#include "acl/resolved_acl.hpp"

#include <algorithm>

#include "acl/origin.hpp"

namespace warden::acl {

bool CompiledCapability::matches_labels(std::string_view window, std::string_view webview) const noexcept {
  for (const auto& g : webviews)
    if (g.matches(webview)) return true;
  for (const auto& g : windows)
    if (g.matches(window)) return true;
  return false;
}

bool CompiledCapability::matches_origin(const Origin& origin) const noexcept {
  if (!origin.remote_url) return local;
  for (const auto& pattern : remote)
    if (pattern.matches(*origin.remote_url)) return true;
  for (const auto& exact : exact_origins)
    if (url_has_origin(*origin.remote_url, exact)) return true;
  return false;
}

const CommandRules* ResolvedAcl::find(std::string_view command) const noexcept {
  if (index_.empty()) return nullptr;
  std::size_t hash = StringHash{}(command);
  for (std::size_t i = hash & mask_;; i = (i + 1) & mask_) {
    const IndexSlot& slot = index_[i];
    if (!slot.rules) return nullptr;  // the table is never full: an empty slot ends the probe
    if (slot.hash == hash && slot.key == command) return slot.rules;
  }
}

bool ResolvedAcl::applies(const CommandGrant& grant, std::string_view window, std::string_view webview,
                          const Origin& origin) const noexcept {
  const auto& cap = capabilities[grant.capability];
  if (grant.context == kLocalContext) {
    if (origin.remote_url) return false;
  } else {
    if (!origin.remote_url || !cap.remote[std::size_t(grant.context)].matches(*origin.remote_url)) return false;
  }
  return cap.matches_labels(window, webview);
}

void ResolvedAcl::seal() {
  for (auto& [key, rules] : commands) {
    auto it = global_scopes.find(rules.plugin);
    rules.global = it == global_scopes.end() ? nullptr : &it->second;
  }
  std::size_t capacity = 8;
  while (capacity < commands.size() * 2) capacity *= 2;  // load factor <= 1/2
  index_.assign(capacity, {});
  mask_ = capacity - 1;
  for (const auto& [key, rules] : commands) {
    std::size_t hash = StringHash{}(key);
    std::size_t i = hash & mask_;
    while (index_[i].rules) i = (i + 1) & mask_;
    index_[i] = {hash, key, &rules};
  }
}

std::string command_key(std::string_view plugin, std::string_view command) {
  if (plugin.empty()) return std::string(command);
  // The core namespace's commands are addressed without "core:", as in Tauri.
  if (plugin.starts_with("core:")) plugin.remove_prefix(5);
  return "plugin:" + std::string(plugin) + "|" + std::string(command);
}

std::string_view plugin_of(std::string_view key) {
  if (!key.starts_with("plugin:")) return {};
  key.remove_prefix(7);
  return key.substr(0, key.find('|'));
}

boost::json::object to_json(const Scopes& scope) {
  return {{"allow", boost::json::array(scope.allow.begin(), scope.allow.end())},
          {"deny", boost::json::array(scope.deny.begin(), scope.deny.end())}};
}

namespace {

boost::json::array sorted_texts(const std::vector<WindowGlob>& globs) {
  std::vector<std::string> texts;
  for (const auto& g : globs) texts.push_back(g.text());
  std::sort(texts.begin(), texts.end());
  return boost::json::array(texts.begin(), texts.end());
}

boost::json::value context_json(const ResolvedAcl& acl, const CommandGrant& g) {
  if (g.context == kLocalContext) return "local";
  return boost::json::object{{"remote", acl.capabilities[g.capability].remote[std::size_t(g.context)].source()}};
}

boost::json::object entry_json(const ResolvedAcl& acl, const CommandGrant& g) {
  const auto& cap = acl.capabilities[g.capability];
  boost::json::object o{{"context", context_json(acl, g)},
                        {"windows", sorted_texts(cap.windows)},
                        {"webviews", sorted_texts(cap.webviews)}};
  o["scope"] = g.scope ? boost::json::value(to_json(*g.scope)) : boost::json::value(nullptr);
  return o;
}

boost::json::object reference_json(const ResolvedAcl& acl, const CommandGrant& g, std::string_view kind) {
  return {{"kind", kind},
          {"capability", acl.capabilities[g.capability].identifier},
          {"entry", g.entry},
          {"via", boost::json::array(g.via.begin(), g.via.end())},
          {"context", context_json(acl, g)}};
}

}  // namespace

boost::json::object to_json(const ResolvedAcl& acl) {
  boost::json::object allowed, denied, global, grants, global_by_capability;
  std::vector<const std::string*> keys;
  for (const auto& [key, rules] : acl.commands) keys.push_back(&key);
  std::sort(keys.begin(), keys.end(), [](auto* a, auto* b) { return *a < *b; });
  for (const auto* key : keys) {
    const auto& rules = acl.commands.at(*key);
    boost::json::array refs;
    auto fill = [&](boost::json::object& into, const std::vector<CommandGrant>& list, std::string_view kind) {
      if (list.empty()) return;
      boost::json::array entries;
      for (const auto& g : list) {
        entries.push_back(entry_json(acl, g));
        refs.push_back(reference_json(acl, g, kind));
      }
      into[*key] = std::move(entries);
    };
    fill(allowed, rules.allowed, "allow");
    fill(denied, rules.denied, "deny");
    grants[*key] = std::move(refs);
  }
  for (const auto& [plugin, list] : acl.global_scopes) {
    Scopes merged;
    boost::json::array per_capability;
    for (const auto& g : list) {
      merged.allow.insert(merged.allow.end(), g.scope.allow.begin(), g.scope.allow.end());
      merged.deny.insert(merged.deny.end(), g.scope.deny.begin(), g.scope.deny.end());
      auto o = to_json(g.scope);
      o["capability"] = acl.capabilities[g.capability].identifier;
      o["entry"] = g.entry;
      per_capability.push_back(std::move(o));
    }
    global[plugin] = to_json(merged);
    global_by_capability[plugin] = std::move(per_capability);
  }
  boost::json::array caps;
  for (const auto& c : acl.capabilities) {
    boost::json::array remote;
    for (const auto& r : c.remote) remote.push_back(boost::json::value(r.source()));
    caps.push_back(boost::json::object{{"identifier", c.identifier},
                                       {"source", c.where.file},
                                       {"windows", sorted_texts(c.windows)},
                                       {"webviews", sorted_texts(c.webviews)},
                                       {"local", c.local},
                                       {"remote", std::move(remote)}});
  }
  return {{"target", platform_name(acl.target)},
          {"allowed_commands", std::move(allowed)},
          {"denied_commands", std::move(denied)},
          {"global_scope", std::move(global)},
          {"capabilities", std::move(caps)},
          {"grants", std::move(grants)},
          {"global_scope_by_capability", std::move(global_by_capability)}};
}

}  // namespace warden::acl
