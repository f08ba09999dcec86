#include "webview/bare_echo_scheme.hpp"

#include <vector>

#include <webkit2/webkit2.h>

#include "webview/request_body.hpp"
#include "webview/scheme_response.hpp"

namespace warden::webview {

void register_bare_echo_scheme(WebKitWebContext* context) {
  webkit_web_context_register_uri_scheme(
      context, kBareEchoScheme,
      +[](WebKitURISchemeRequest* request, gpointer) {
        // The body reader the old ipc:// scheme used: the bare side is what a custom-scheme round trip costs.
        std::string body = read_request_body(request).value_or("");
        finish_request(request, 200, "application/octet-stream", std::move(body),
                       {{"Access-Control-Allow-Origin", "*"}, {"Cache-Control", "no-store"}});
      },
      nullptr, nullptr);
  WebKitSecurityManager* security = webkit_web_context_get_security_manager(context);
  webkit_security_manager_register_uri_scheme_as_secure(security, kBareEchoScheme);
  webkit_security_manager_register_uri_scheme_as_cors_enabled(security, kBareEchoScheme);
}

}  // namespace warden::webview
