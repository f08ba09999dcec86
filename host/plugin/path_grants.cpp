#include "plugin/path_grants.hpp"

#include <sys/stat.h>

#include <algorithm>

#include "acl/granted_path_pattern.hpp"
#include "log/log.hpp"
#include "plugin/canonical_path.hpp"
#include "plugin/path_scope.hpp"
#include "plugin/utf8_text.hpp"

namespace warden::plugin {
namespace {

constexpr std::string_view kAppOrigin = "app://localhost";

bool is_folder(const std::string& canonical) {
  struct stat st {};
  return ::stat(canonical.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

}  // namespace

std::optional<acl::GrantHolder> grant_holder(const Caller& caller) {
  if (caller.origin == kAppOrigin) return acl::GrantHolder{caller.window, std::nullopt};
  if (caller.origin.empty() || caller.origin == "null") return std::nullopt;
  return acl::GrantHolder{caller.window, caller.origin};
}

PathGrants::PathGrants(PathGrantSettings settings, std::shared_ptr<acl::WindowGrants> grants)
    : settings_(std::move(settings)), grants_(std::move(grants)) {}

std::optional<std::string> PathGrants::judge_and_grant(const GrantRequest& r, std::string& shown) const {
  if (r.scope != "fs" && r.scope != "asset") return "unknown scope '" + r.scope + "' (expected \"fs\" or \"asset\")";
  auto listed = settings_.allowed.find(r.plugin);
  if (listed == settings_.allowed.end() ||
      std::find(listed->second.begin(), listed->second.end(), r.scope) == listed->second.end())
    return "the app config does not let plugin '" + r.plugin + "' grant the " + r.scope + " scope (add \"" + r.scope +
           "\" to plugins." + r.plugin + ".grants in " + settings_.config_file + ")";
  if (r.scope == "asset" && !settings_.asset_protocol)
    return "asset protocol not enabled (app.security.assetProtocol.enable in " + settings_.config_file + ")";
  if (!is_utf8(r.path) || r.path.empty() || r.path.front() != '/') return "the path must be absolute UTF-8 text";
  auto canonical = canonical_path(r.path);
  if (!canonical || !is_utf8(*canonical))
    return "the path cannot be canonicalized (a broken or looping link, '..' after a missing folder, or a folder "
           "that cannot be examined)";
  shown = *canonical;
  if (is_private_path(*canonical, settings_.paths)) return "the path is, or lies inside, a host-private folder";
  auto holder = grant_holder(r.caller);
  if (!holder) return "the caller's origin '" + r.caller.origin + "' is opaque: it cannot hold a grant";
  if (settings_.caller_present && !settings_.caller_present(r.caller))
    return "the calling window or page is gone";
  auto kind = !is_folder(*canonical) ? acl::GrantedPathKind::file
              : r.recursive          ? acl::GrantedPathKind::folder_recursive
                                     : acl::GrantedPathKind::folder;
  auto patterns = acl::granted_path_patterns(*canonical, kind);
  return r.scope == "fs" ? grants_->grant_fs(*holder, patterns) : grants_->grant_asset(*holder, patterns);
}

GrantOutcome PathGrants::grant(const GrantRequest& r) const {
  std::string shown = is_utf8(r.path) ? r.path : "(not UTF-8)";
  std::optional<std::string> refused;
  try {
    refused = judge_and_grant(r, shown);
  } catch (const std::exception& e) {
    refused = std::string("the grant failed: ") + e.what();
  }
  log::grant({r.plugin, r.caller.window, r.caller.webview, r.caller.origin, r.scope, shown, r.recursive, !refused,
              refused.value_or("")});
  if (!refused) return {1, {}};
  return {0, *refused};
}

}  // namespace warden::plugin
