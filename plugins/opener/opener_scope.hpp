#pragma once
// The opener's scope entries, as Tauri's tauri-plugin-opener 2.x writes them in permission files:
//   {"url": "<glob>", "app": ...}    a URL open_url may open
//   {"path": "<pattern>", "app": ...} a path open_path may open ($VARIABLE patterns, judged by
//                                     the host's warden.path-scope/1)
// "app": absent -> only with the default handler (no `with`); true -> with any application or
// the default; false -> never; "name" -> only `with` that names exactly this application.
// Warden adds one field to path entries, "executables": true, without which open_path never
// launches an executable file or a .desktop launcher (docs/plugins/opener.md).
//
// Where Warden is stricter than Tauri (each closes a hole):
// - a deny entry refuses whatever `with` says (Tauri's applies only when its "app" matches too);
// - a path is allowed by one entry that matches both the path and `with` (Tauri takes the path
//   from any entry and `with` from any other);
// - a URL of a scheme that launches local content (file:, javascript:, data:, vbscript:) is
//   allowed only by an entry whose pattern names that scheme in plain text (`*` is not enough).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/value.hpp>

#include "url_glob.hpp"

namespace warden::opener_plugin {

// Which application an entry lets the page choose.
struct AppChoice {
  enum Kind { default_only, any, none, named } kind = default_only;
  std::string name;  // for `named`
  bool allows(const std::optional<std::string>& with) const;
  std::string describe() const;
};

struct UrlEntry {
  UrlGlob glob;
  AppChoice app;
};

struct PathEntry {
  std::string pattern;  // as written, "$HOME/x/**" (the host expands and matches it)
  AppChoice app;
  bool executables = false;
};

struct OpenerScope {
  std::vector<UrlEntry> allow_urls, deny_urls;
  std::vector<PathEntry> allow_paths, deny_paths;
  std::vector<std::string> ignored;  // allow entries that grant nothing, and why (for the log)
};

// The call's scopes ({"command": {"allow", "deny"}|null, "global": {...}|null}, both joined).
// A malformed allow entry grants nothing (listed in `ignored`); a malformed deny entry throws
// std::runtime_error, since skipping it would allow what it was written to refuse.
OpenerScope parse_opener_scope(const boost::json::value& scopes);

// The schemes whose URLs open local content or run code in the handler rather than name a
// resource elsewhere.
bool is_local_content_scheme(std::string_view scheme);

struct UrlJudgment {
  bool allowed = false;
  std::string reason;  // why not, naming the URL and the entries, for the audit log
};

// Whether open_url may open `url` with `with` (after the argument checks and the mailto: rule).
UrlJudgment judge_url(const OpenerScope& scope, std::string_view url, const std::optional<std::string>& with);

}  // namespace warden::opener_plugin
