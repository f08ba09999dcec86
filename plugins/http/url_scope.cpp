#include "url_scope.hpp"

#include <boost/json.hpp>

namespace json = boost::json;

namespace warden::http_plugin {
namespace {

// An entry's pattern, or "" when the entry is malformed.
std::string entry_pattern(const json::value& entry) {
  if (entry.is_string()) return std::string(entry.as_string());
  if (const json::object* o = entry.if_object())
    if (const json::value* url = o->if_contains("url"); url && url->is_string() && !url->as_string().empty())
      return std::string(url->as_string());
  return {};
}

void add_entries(const json::value* list, std::vector<std::string>& into, std::vector<std::string>& malformed,
                 const char* which) {
  if (!list || !list->is_array()) return;
  for (const json::value& entry : list->as_array()) {
    std::string pattern = entry_pattern(entry);
    if (pattern.empty()) malformed.push_back(std::string(which) + " " + json::serialize(entry));
    else into.push_back(std::move(pattern));
  }
}

}  // namespace

UrlScope parse_url_scope(const json::value& scopes) {
  UrlScope scope;
  const json::object* all = scopes.if_object();
  if (!all) return scope;
  for (const char* level : {"command", "global"}) {
    const json::value* s = all->if_contains(level);
    if (!s || !s->is_object()) continue;
    add_entries(s->as_object().if_contains("allow"), scope.allow, scope.malformed, "allow");
    add_entries(s->as_object().if_contains("deny"), scope.deny, scope.malformed, "deny");
  }
  return scope;
}

ScopeJudgment judge_url(const UrlScope& scope, const std::string& url, const UrlMatcher& matches) {
  for (const std::string& entry : scope.malformed)
    if (entry.starts_with("deny"))
      return {false, "a deny entry of the http scope is malformed (" + entry + "), so it refuses every URL"};
  for (const std::string& pattern : scope.deny) {
    std::string error;
    int m = matches(pattern, url, error);
    if (m == 1) return {false, url + " matches the http scope's deny entry " + pattern};
    if (m < 0) return {false, "the http scope's deny entry " + pattern + " cannot be judged (" + error + ")"};
  }
  std::string unjudged;
  for (const std::string& pattern : scope.allow) {
    std::string error;
    int m = matches(pattern, url, error);
    if (m == 1) return {true, {}};
    if (m < 0) unjudged += "; allow entry " + pattern + " cannot be judged (" + error + ")";
  }
  if (scope.allow.empty()) return {false, url + ": the http scope allows no URL (add allow entries {\"url\": ...})"};
  return {false, url + " matches no allow entry of the http scope" + unjudged};
}

}  // namespace warden::http_plugin
