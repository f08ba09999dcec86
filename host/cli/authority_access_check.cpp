#include "cli/authority_access_check.hpp"

#include <boost/json.hpp>

namespace warden::cli {
namespace json = boost::json;

namespace {

// {"allow": [...], "deny": [...]} merging `scopes`, or null when there are none.
json::value merged_scopes(const auto& scopes) {
  if (scopes.empty()) return nullptr;
  json::array allow, deny;
  for (const acl::Scopes* s : scopes) {
    for (auto& v : s->allow) allow.push_back(v);
    for (auto& v : s->deny) deny.push_back(v);
  }
  return json::object{{"allow", std::move(allow)}, {"deny", std::move(deny)}};
}

}  // namespace

std::string scopes_document(const acl::Decision& d) {
  // Most calls carry no scope: skip building a document for them (this runs on every call).
  if (d.command_scopes.empty() && d.global_scopes.empty()) return R"({"command":null,"global":null})";
  return json::serialize(json::object{{"command", merged_scopes(d.command_scopes)}, {"global", merged_scopes(d.global_scopes)}});
}

acl::Origin origin_of(const runtime::Caller& caller) {
  return caller.origin == "app://localhost" ? acl::Origin::local() : acl::Origin::remote(caller.url);
}

runtime::AccessCheck authority_access_check(std::shared_ptr<acl::Authority> authority, const webview::WindowSet& windows) {
  return [authority, &windows](std::string_view command, const runtime::Caller& caller) {
    // A call its page made before the webview moved on (another document, or its web process
    // died) does not start: the page is gone.
    if (caller.page != windows.page_of(caller.webview))
      return runtime::AccessDecision{false, {}, "the page that made the call is gone"};
    acl::Decision d = authority->check(command, caller.window, caller.webview, origin_of(caller));
    runtime::AccessDecision out;
    out.allowed = d.allowed();
    if (out.allowed) {
      out.scopes_json = scopes_document(d);
    } else {
      out.reason = d.reason();
    }
    return out;
  };
}

}  // namespace warden::cli
