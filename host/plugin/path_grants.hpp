#pragma once
// The host's judgment of warden.grants/1 (sdk/include/warden/ext/grants.h, docs/grants.md): may
// this plugin extend this scope for the window that called it, with this path, and the grant
// itself. Secure by default: a plugin the app config does not list under plugins.<name>.grants
// grants nothing, a host-private folder (or a path inside one) is never granted, and a path is
// granted as itself (its glob metacharacters escaped), never as a pattern. Every outcome, granted
// or refused, is one audit line (log::grant).
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "acl/window_grants.hpp"
#include "plugin/app_hooks.hpp"
#include "plugin/path_variables.hpp"

namespace warden::plugin {

struct PathGrantSettings {
  std::string config_file;  // warden.conf.json, named in refusals
  std::map<std::string, std::vector<std::string>> allowed;  // plugins.<name>.grants
  bool asset_protocol = false;  // app.security.assetProtocol.enable
  PathEnvironment paths;        // the host-private folders and their variables
  // [main-thread] Whether the caller's window and page are still there: a grant that arrives after
  // its window closed must not wait for the next window of that label. Null: not checked.
  std::function<bool(const Caller&)> caller_present;
};

class PathGrants {
 public:
  PathGrants(PathGrantSettings settings, std::shared_ptr<acl::WindowGrants> grants);

  // [main-thread in a run: grants of one window are serialized with its closing] Judges and
  // makes one grant; grants.h's return convention in GrantOutcome.
  GrantOutcome grant(const GrantRequest& request) const;

 private:
  // nullopt when granted, else why not; `shown` is set to the path the audit line names.
  std::optional<std::string> judge_and_grant(const GrantRequest& request, std::string& shown) const;

  PathGrantSettings settings_;
  std::shared_ptr<acl::WindowGrants> grants_;
};

// The caller as the holder of a grant: the app's own pages share one, a remote origin holds its
// own (matched exactly); nullopt for an origin that can hold none (opaque "null", empty).
std::optional<acl::GrantHolder> grant_holder(const Caller& caller);

}  // namespace warden::plugin
