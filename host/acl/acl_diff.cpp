#include "acl/acl_diff.hpp"

#include <algorithm>
#include <map>

#include <boost/json/serialize.hpp>

namespace warden::acl {
namespace {

boost::json::array sorted_labels(const std::vector<WindowGlob>& globs) {
  std::vector<std::string> t;
  for (const auto& g : globs) t.push_back(g.text());
  std::sort(t.begin(), t.end());
  return boost::json::array(t.begin(), t.end());
}

// Access item -> its JSON; the key is the item without the capability name.
using AccessItems = std::multimap<std::string, boost::json::object>;

void add_item(AccessItems& items, boost::json::object item, const std::string& capability) {
  std::string key = boost::json::serialize(item);
  item["capability"] = capability;
  items.emplace(std::move(key), std::move(item));
}

AccessItems access_items(const ResolvedAcl& acl) {
  AccessItems items;
  for (const auto& entry : acl.commands) {
    // Named, not a structured binding: clang before 16 cannot capture those in a lambda.
    const auto& command = entry.first;
    const auto& rules = entry.second;
    auto add = [&](const std::vector<CommandGrant>& list, const char* kind) {
      for (const auto& g : list) {
        const auto& cap = acl.capabilities[g.capability];
        boost::json::object item{{"kind", kind}, {"command", command},
                                 {"windows", sorted_labels(cap.windows)}, {"webviews", sorted_labels(cap.webviews)}};
        item["origin"] = g.context == kLocalContext ? std::string("local") : cap.remote[std::size_t(g.context)].source();
        item["scope"] = g.scope ? boost::json::value(to_json(*g.scope)) : boost::json::value(nullptr);
        add_item(items, std::move(item), cap.identifier);
      }
    };
    add(rules.allowed, "allow");
    add(rules.denied, "deny");
  }
  for (const auto& [plugin, list] : acl.global_scopes) {
    for (const auto& g : list) {
      if (g.scope.empty()) continue;
      const auto& cap = acl.capabilities[g.capability];
      boost::json::array origins;
      if (cap.local) origins.push_back("local");
      for (const auto& r : cap.remote) origins.push_back(boost::json::value(r.source()));
      boost::json::object item{{"kind", "global-scope"}, {"plugin", plugin},
                               {"windows", sorted_labels(cap.windows)}, {"webviews", sorted_labels(cap.webviews)},
                               {"origin", std::move(origins)}, {"scope", to_json(g.scope)}};
      add_item(items, std::move(item), cap.identifier);
    }
  }
  return items;
}

// Items of `a` not matched one-for-one by an item of `b` with the same key.
boost::json::array missing_from(const AccessItems& a, const AccessItems& b) {
  boost::json::array out;
  for (auto it = a.begin(); it != a.end();) {
    auto range = a.equal_range(it->first);
    std::size_t matched = b.count(it->first);
    for (auto i = range.first; i != range.second; ++i)
      if (matched > 0) --matched;
      else out.push_back(i->second);
    it = range.second;
  }
  return out;
}

}  // namespace

boost::json::object diff_acl(const ResolvedAcl& before, const ResolvedAcl& after) {
  auto old_items = access_items(before);
  auto new_items = access_items(after);
  return {{"gained", missing_from(new_items, old_items)}, {"lost", missing_from(old_items, new_items)}};
}

}  // namespace warden::acl
