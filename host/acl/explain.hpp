#pragma once
// Why a call is allowed or denied, in terms an app author can act on: the capability,
// entry (set or permission) and permission behind each grant or deny that applied, where
// else the command is allowed, and which permissions would grant it if nothing does.
#include <memory>
#include <string>
#include <string_view>

#include <boost/json/object.hpp>

#include "acl/authority.hpp"
#include "acl/manifest_set.hpp"

namespace warden::acl {

// One sentence for `acl check` and the audit log.
std::string reason_text(const Decision& decision, std::string_view command, std::string_view window,
                        std::string_view webview, const Origin& origin);

// {"command", "caller", "allowed", "reason", "applied": [...], "allowed_on": [...],
//  "denied_on": [...], "granted_by_permissions": [...]}
boost::json::object explain(const ManifestSet& manifests, const std::shared_ptr<const ResolvedAcl>& acl,
                            std::string_view command, std::string_view window, std::string_view webview,
                            const Origin& origin);

// The same, as indented lines for a terminal.
std::string explain_text(const boost::json::object& explanation);

}  // namespace warden::acl
