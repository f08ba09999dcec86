#pragma once
// The dispatcher's access check for `warden run`: the ACL authority's decision for a call, from
// a page that is still the one that made it, and the scopes document a plugin call gets.
#include <memory>
#include <string>

#include "acl/authority.hpp"
#include "runtime/access_check.hpp"
#include "runtime/caller.hpp"
#include "webview/window_set.hpp"

namespace warden::cli {

acl::Origin origin_of(const runtime::Caller& caller);

// The scopes document a plugin call gets: {"command": {...}|null, "global": {...}|null}.
std::string scopes_document(const acl::Decision& d);

// `windows` must outlive the check.
runtime::AccessCheck authority_access_check(std::shared_ptr<acl::Authority> authority,
                                            const webview::WindowSet& windows);

}  // namespace warden::cli
