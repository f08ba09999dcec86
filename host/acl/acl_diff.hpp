#pragma once
// Access gained and lost between two resolved ACLs, for reviewing a capability change.
// Access is compared as what a caller could do — (allow|deny|global scope, command or
// plugin, windows, webviews, origin, scope) — not by capability name, so renaming or
// splitting a capability without changing access shows no difference.
#include <boost/json/object.hpp>

#include "acl/resolved_acl.hpp"

namespace warden::acl {

// {"gained": [...], "lost": [...]}, each item {kind, command|plugin, windows, webviews,
// origin, scope, capability}; sorted, duplicates counted.
boost::json::object diff_acl(const ResolvedAcl& before, const ResolvedAcl& after);

}  // namespace warden::acl
