#include "webview/bare_echo_scheme.hpp"

#include <vector>

#include <webkit2/webkit2.h>

#include "webview/scheme_response.hpp"

namespace warden::webview {

void register_bare_echo_scheme(WebKitWebContext* context) {
  webkit_web_context_register_uri_scheme(
      context, kBareEchoScheme,
      +[](WebKitURISchemeRequest* request, gpointer) {
        std::vector<uint8_t> body;
        if (GInputStream* stream = webkit_uri_scheme_request_get_http_body(request)) {
          uint8_t buffer[64 * 1024];
          gssize n;
          while ((n = g_input_stream_read(stream, buffer, sizeof buffer, nullptr, nullptr)) > 0)
            body.insert(body.end(), buffer, buffer + n);
          g_object_unref(stream);
        }
        finish_request(request, 200, "application/octet-stream", std::move(body),
                       {{"Access-Control-Allow-Origin", "*"}, {"Cache-Control", "no-store"}});
      },
      nullptr, nullptr);
  WebKitSecurityManager* security = webkit_web_context_get_security_manager(context);
  webkit_security_manager_register_uri_scheme_as_secure(security, kBareEchoScheme);
  webkit_security_manager_register_uri_scheme_as_cors_enabled(security, kBareEchoScheme);
}

}  // namespace warden::webview
