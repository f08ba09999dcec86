#pragma once
// Matching a filesystem path against path scope entries, with the glob semantics of Tauri v2's
// fs scope: `*` and `?` never cross '/', `**` as a whole component matches any number of
// directories, `[abc]` / `[!a-z]` classes; `*`, `?` and `**` do not match a component that
// starts with '.' unless the pattern has that '.' literally (so `$HOME/**` does not reach
// `~/.ssh`), unless the option is turned off. Deny wins over allow.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/value.hpp>

#include "plugin/canonical_path.hpp"
#include "plugin/path_variables.hpp"

namespace warden::plugin {

struct GlobOptions {
  bool require_literal_leading_dot = true;
};

// One compiled pattern. A leading path variable is expanded and taken literally (a '*' in
// $HOME is not a wildcard).
class PathGlob {
 public:
  // nullopt for an unknown variable or a pattern that is not absolute after expansion.
  static std::optional<PathGlob> compile(std::string_view pattern, const PathEnvironment& env,
                                         GlobOptions options = {});
  // `path` must be absolute and normalised (no ".", "..", "//").
  bool matches(std::string_view path) const;
  // The same pattern with its leading plain-text folder resolved through symlinks, when that
  // changes it (nullopt otherwise).
  std::optional<PathGlob> canonical_variant() const;

  struct Token {
    enum Kind { literal, any_sequence, any_char, char_class } kind;
    char c = 0;
    std::string set;  // for char_class: expanded members
    bool negated = false;
  };
  struct Component {
    bool globstar = false;          // the component is exactly "**"
    bool literal_leading_dot = false;
    std::vector<Token> tokens;
  };

 private:
  std::vector<Component> components_;
  GlobOptions options_;
};

enum class ScopeDecision { allowed, denied, malformed };

// A decision with what it was made on: the canonical path judged (allowed) and why not (denied,
// malformed), for the audit log.
struct PathJudgment {
  ScopeDecision decision = ScopeDecision::denied;
  std::string canonical;  // allowed: the path judged, the one to open
  std::string reason;     // denied or malformed: names the path and the entry that decided
};

// path_in_scope's decision with the canonical path it judged: the one place that decides
// (warden.path-scope/1's check_path and path_in_scope both come here).
PathJudgment judge_path(std::string_view path, const boost::json::value& scopes, const PathEnvironment& env,
                        GlobOptions options = {});

// Decides whether `path` is in scope. `scopes` is either a request's scopes
// ({"command": {"allow", "deny"}|null, "global": {...}|null}: the lists of both are joined)
// or one {"allow": [...], "deny": [...]} object. Entries are path patterns, as strings or
// objects with a "path" string. The path is made canonical first (canonical_path; anything it
// cannot resolve is denied). A pattern matches when it matches as written or with its
// plain-text folder resolved through symlinks (canonical_variant), for allow and deny alike.
// malformed: the scopes are not in that shape or an entry cannot be compiled (unknown
// variable, relative pattern): callers must treat it as denied. A path that is, or lies inside,
// one of env.private_paths is denied whatever the scopes say (is_private_path).
ScopeDecision path_in_scope(std::string_view path, const boost::json::value& scopes,
                            const PathEnvironment& env, GlobOptions options = {});

// Whether the canonical absolute `path` is one of env.private_paths or lies inside one. Each
// private path counts as written and with its symlinks resolved; one whose variable the
// environment cannot resolve names nothing (no plugin can resolve it either).
bool is_private_path(std::string_view canonical, const PathEnvironment& env);

}  // namespace warden::plugin
