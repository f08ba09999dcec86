#pragma once
// The question the dispatcher asks before every call: may this caller run this command?
// The application wires it to the ACL authority (host/acl); the runtime does not decide.
#include <functional>
#include <string>
#include <string_view>

#include "runtime/caller.hpp"

namespace warden::runtime {

struct AccessDecision {
  bool allowed = false;
  std::string scopes_json;  // when allowed: {"command": {...}, "global": {...}}
  std::string reason;       // when denied: for the log, never sent to the WebView in release
};

using AccessCheck = std::function<AccessDecision(std::string_view command, const Caller& caller)>;

}  // namespace warden::runtime
