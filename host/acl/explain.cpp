#include "acl/explain.hpp"

#include <algorithm>

#include "acl/platforms.hpp"

namespace warden::acl {
namespace {

std::string origin_text(const Origin& origin) {
  return origin.remote_url ? std::string(*origin.remote_url) : std::string("local");
}

std::string context_text(const ResolvedAcl& acl, const CommandGrant& g) {
  return g.context == kLocalContext ? std::string("local")
                                    : acl.capabilities[g.capability].remote[std::size_t(g.context)].source();
}

std::string labels_text(const std::vector<WindowGlob>& globs) {
  std::string out;
  for (const auto& g : globs) out += (out.empty() ? "" : ", ") + g.text();
  return "[" + out + "]";
}

std::string where_text(const ResolvedAcl& acl, const CommandGrant& g) {
  const auto& cap = acl.capabilities[g.capability];
  std::string out = "windows " + labels_text(cap.windows);
  if (!cap.webviews.empty()) out += " or webviews " + labels_text(cap.webviews);
  return out + ", origin " + context_text(acl, g);
}

std::string grant_text(const ResolvedAcl& acl, const CommandGrant& g) {
  std::string via;
  for (const auto& v : g.via) via += (via.empty() ? "" : ", ") + v;
  return "capability '" + acl.capabilities[g.capability].identifier + "', entry '" + g.entry + "'" +
         (via.empty() || via == g.entry ? "" : " (permission " + via + ")");
}

boost::json::object grant_json(const ResolvedAcl& acl, const CommandGrant& g, std::string_view kind) {
  const auto& cap = acl.capabilities[g.capability];
  boost::json::array windows, webviews;
  for (const auto& w : cap.windows) windows.push_back(boost::json::value(w.text()));
  for (const auto& w : cap.webviews) webviews.push_back(boost::json::value(w.text()));
  boost::json::object o{{"kind", kind},
                        {"capability", cap.identifier},
                        {"source", cap.where.file},
                        {"entry", g.entry},
                        {"via", boost::json::array(g.via.begin(), g.via.end())},
                        {"windows", std::move(windows)},
                        {"webviews", std::move(webviews)},
                        {"origin", context_text(acl, g)}};
  o["scope"] = g.scope ? boost::json::value(to_json(*g.scope)) : boost::json::value(nullptr);
  o["summary"] = grant_text(acl, g) + " on " + where_text(acl, g);
  return o;
}

// Permissions and sets (active on the target) that would allow `command`, so a denial
// can say what to add. Sets are followed within and across plugins.
std::vector<std::string> granting_permissions(const ManifestSet& manifests, std::string_view key, Target target) {
  std::string_view plugin = plugin_of(key);
  std::string_view name = key;
  if (key.starts_with("plugin:")) name = key.substr(key.find('|') + 1);
  std::vector<std::string> out;
  for (const auto& [pname, p] : manifests.plugins()) {
    std::string_view bare = pname.starts_with("core:") ? std::string_view(pname).substr(5) : std::string_view(pname);
    if (bare != plugin) continue;
    for (const auto& [id, perm] : p.permissions)
      if (active_on(perm->platforms, target) &&
          std::find(perm->commands_allow.begin(), perm->commands_allow.end(), name) != perm->commands_allow.end())
        out.push_back(p.qualified(id));
  }
  // Sets (and default sets) that reach one of those, directly or through other sets:
  // repeat until nothing new, so "fs:default" shows up when it lists "fs:read".
  for (bool grew = true; grew;) {
    grew = false;
    for (const auto& entry : manifests.plugins()) {
      const auto& p = entry.second;  // not a structured binding: clang < 16 cannot capture one
      auto reaches = [&](const std::vector<std::string>& members) {
        for (const auto& m : members) {
          std::string q = m.find(':') == std::string::npos ? p.qualified(m) : m;
          if (std::find(out.begin(), out.end(), q) != out.end()) return true;
        }
        return false;
      };
      auto consider = [&](const std::string& id, const std::vector<std::string>& members) {
        std::string q = p.qualified(id);
        if (std::find(out.begin(), out.end(), q) == out.end() && reaches(members)) {
          out.push_back(q);
          grew = true;
        }
      };
      if (p.default_set) consider("default", p.default_set->permissions);
      for (const auto& [id, s] : p.sets) consider(id, s->permissions);
    }
  }
  return out;
}

}  // namespace

std::string reason_text(const Decision& d, std::string_view command, std::string_view window,
                        std::string_view webview, const Origin& origin) {
  std::string caller = "window '" + std::string(window) + "', webview '" + std::string(webview) + "', origin " +
                       origin_text(origin);
  if (!d.acl) return "no ACL loaded";
  const ResolvedAcl& acl = *d.acl;
  switch (d.verdict) {
    case Verdict::allowed: {
      std::string by;
      if (const auto* rules = acl.find(command))
        for (const auto& g : rules->allowed)
          if (acl.applies(g, window, webview, origin)) by += (by.empty() ? "" : "; ") + grant_text(acl, g);
      return "allowed for " + caller + " by " + by;
    }
    case Verdict::denied:
      return "denied for " + caller + " by " + grant_text(acl, *d.denied_by) +
             " (a deny wins over any allow in the capabilities that apply)";
    case Verdict::not_granted_here: {
      std::string where;
      if (const auto* rules = acl.find(command))
        for (const auto& g : rules->allowed) where += (where.empty() ? "" : "; ") + where_text(acl, g);
      return "'" + std::string(command) + "' is not granted to " + caller + "; it is allowed on: " + where;
    }
    case Verdict::unknown_command:
      return "no capability grants '" + std::string(command) + "'";
  }
  return d.reason();
}

boost::json::object explain(const ManifestSet& manifests, const std::shared_ptr<const ResolvedAcl>& acl,
                            std::string_view command, std::string_view window, std::string_view webview,
                            const Origin& origin) {
  Decision d = decide(acl, command, window, webview, origin);
  boost::json::array applied, allowed_on, denied_on;
  if (const auto* rules = acl->find(command)) {
    for (const auto& g : rules->denied) {
      denied_on.push_back(grant_json(*acl, g, "deny"));
      if (acl->applies(g, window, webview, origin)) applied.push_back(grant_json(*acl, g, "deny"));
    }
    for (const auto& g : rules->allowed) {
      allowed_on.push_back(grant_json(*acl, g, "allow"));
      if (acl->applies(g, window, webview, origin)) applied.push_back(grant_json(*acl, g, "allow"));
    }
  }
  auto granting = granting_permissions(manifests, command, acl->target);
  boost::json::object caller{{"window", window}, {"webview", webview}, {"origin", origin_text(origin)}};
  return {{"command", command},
          {"caller", std::move(caller)},
          {"target", platform_name(acl->target)},
          {"allowed", d.allowed()},
          {"reason", reason_text(d, command, window, webview, origin)},
          {"applied", std::move(applied)},
          {"allowed_on", std::move(allowed_on)},
          {"denied_on", std::move(denied_on)},
          {"granted_by_permissions", boost::json::array(granting.begin(), granting.end())}};
}

std::string explain_text(const boost::json::object& e) {
  auto str = [](const boost::json::value& v) { return std::string(v.as_string()); };
  std::string out = str(e.at("command")) + ": " + (e.at("allowed").as_bool() ? "ALLOWED" : "DENIED") + "\n  " +
                    str(e.at("reason")) + "\n";
  auto section = [&](const char* title, const char* key) {
    const auto& list = e.at(key).as_array();
    if (list.empty()) return;
    out += std::string(title) + "\n";
    for (const auto& item : list) out += "  - " + str(item.as_object().at("summary")) + "\n";
  };
  section("applied to this call:", "applied");
  section("allowed on:", "allowed_on");
  section("denied on:", "denied_on");
  const auto& granting = e.at("granted_by_permissions").as_array();
  if (!granting.empty()) {
    out += "permissions that allow it:";
    for (const auto& g : granting) out += " " + str(g);
    out += "\n";
  } else if (e.at("allowed_on").as_array().empty()) {
    out += "no loaded permission allows this command (is the plugin loaded, the name right?)\n";
  }
  return out;
}

}  // namespace warden::acl
