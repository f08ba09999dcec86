#pragma once
// What a deny of the call's scope could reach below a folder. The host's path check judges one
// path; a command that moves, removes or lists a whole folder acts on everything below it too,
// and a deny written for something down there (`$HOME/data/work/confidential/**`) would be
// bypassed by renaming `work`, removing it recursively or listing it. These commands ask here
// first and refuse when a deny could match anything below the folder.
//
// The answer over-approximates on purpose: patterns are matched with fnmatch(3) without its
// leading-dot rule, so a deny reaches at least what the host's own matcher lets it reach, and a
// path that does not exist yet is judged by its name alone (a rename's destination).
#include <string>
#include <string_view>
#include <vector>

#include "page_path.hpp"
#include "scoped_path.hpp"

namespace warden::fs_plugin {

class DenyReach {
 public:
  DenyReach() = default;
  // The deny entries of a call's scopes ({"command": {"allow", "deny"}|null, "global": ...} or
  // one {"allow", "deny"} object), each a path string or {"path": "..."} with an optional leading
  // path variable. Throws ScopeRefusal for anything it cannot read: an unreadable deny is never
  // taken as no deny. `canonical` (the host's canonical_path) resolves each pattern's plain
  // leading folders as the host's matcher does.
  static DenyReach from_scopes(std::string_view scopes_json, const VariableResolver& resolve,
                               const Canonicalizer& canonical);

  // Whether some deny could match a path strictly below `folder` (absolute, canonical).
  bool reaches_below(const std::string& folder) const;
  // Whether some deny matches `path` itself (absolute, canonical).
  bool matches(const std::string& path) const;
  // Whether a deny matches whatever entry `folder` holds (`folder/**`, `folder/*`): listing it
  // would only show names the deny hides.
  bool covers_every_entry(const std::string& folder) const;

  bool empty() const { return patterns_.empty(); }

 private:
  std::vector<std::vector<std::string>> patterns_;  // absolute patterns, split into components
};

}  // namespace warden::fs_plugin
