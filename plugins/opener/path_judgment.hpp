#pragma once
// Which opener path entry, if any, lets open_path or reveal_item_in_dir reach a path. The opener
// never judges a path itself: for each entry that could allow the call it asks the host's
// warden.path-scope/1 check_path with a scope of that entry and every deny entry, so the path is
// canonicalized, matched and kept out of host-private folders by the host's one definition.
#include <functional>
#include <optional>
#include <string>

#include "opener_scope.hpp"

namespace warden::opener_plugin {

// check_path of warden.path-scope/1 for the call: 1 allowed (`canonical` set), 0 denied,
// negative malformed (`reason` set for both).
using PathCheck = std::function<int(const std::string& path, const std::string& scopes_json, std::string& canonical,
                                    std::string& reason)>;

struct PathJudgment {
  bool allowed = false;
  std::string canonical;           // allowed: the path the host judged, the one to open
  const PathEntry* entry = nullptr;  // allowed: the entry that allowed it (nullptr: reveal's whole-disk rule)
  std::string reason;              // denied: for the audit log
};

// open_path: allowed when one allow path entry whose "app" admits `with` (and, with
// `executables_only`, that says "executables": true) allows the path and no deny path entry
// matches it.
PathJudgment judge_open_path(const OpenerScope& scope, const std::string& path, const std::optional<std::string>& with,
                             const PathCheck& check, bool executables_only = false);

// reveal_item_in_dir: when the scope has allow path entries, one of them must allow the path (its
// "app" does not matter: nothing is launched with the item); without any, every path is allowed
// but the host-private folders and the deny entries, as in Tauri, whose reveal has no scope.
PathJudgment judge_reveal_path(const OpenerScope& scope, const std::string& path, const PathCheck& check);

}  // namespace warden::opener_plugin
