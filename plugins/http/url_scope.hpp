#pragma once
// The http scope of a call: Tauri's entries `{ "url": "<URL pattern>" }` (or the pattern alone as
// a string) in the allow and deny lists of the fetch permission and of the global http scope.
// A URL may be fetched when some allow entry matches it and no deny entry does. Patterns are
// judged by the host's warden.url-patterns/1, the matcher of capabilities' remote URLs, never
// by one of the plugin's own.
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/value.hpp>

namespace warden::http_plugin {

// 1 match, 0 no match, -1 the pattern (or the URL) does not parse, with `error` saying why.
using UrlMatcher = std::function<int(const std::string& pattern, const std::string& url, std::string& error)>;

struct UrlScope {
  std::vector<std::string> allow, deny;
  std::vector<std::string> malformed;  // entries that are neither a string nor {"url": string}
};

// The call's scopes ({"command": {"allow", "deny"}|null, "global": {...}|null}), joined.
UrlScope parse_url_scope(const boost::json::value& scopes);

struct ScopeJudgment {
  bool allowed = false;
  std::string reason;  // for the audit log: which entry refused, or that none allowed
};

// Whether `url` may be fetched. A deny entry that cannot be judged, or a malformed deny entry,
// refuses every URL (skipping it would allow what it was written to refuse); an allow entry that
// cannot be judged grants nothing.
ScopeJudgment judge_url(const UrlScope& scope, const std::string& url, const UrlMatcher& matches);

}  // namespace warden::http_plugin
