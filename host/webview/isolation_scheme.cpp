#include "webview/isolation_scheme.hpp"

#include <string_view>

#include <spdlog/spdlog.h>
#include <webkit2/webkit2.h>

#include "webview/mime_type.hpp"
#include "webview/scheme_response.hpp"

namespace warden::webview {
namespace {
std::vector<uint8_t> text_body(std::string_view s) { return {s.begin(), s.end()}; }
}  // namespace

void IsolationScheme::register_on(WebKitWebContext* context) {
  webkit_web_context_register_uri_scheme(
      context, scheme,
      +[](WebKitURISchemeRequest* r, gpointer self) { static_cast<const IsolationScheme*>(self)->handle(r); }, this,
      nullptr);
  WebKitSecurityManager* security = webkit_web_context_get_security_manager(context);
  webkit_security_manager_register_uri_scheme_as_secure(security, scheme);
}

void IsolationScheme::handle(WebKitURISchemeRequest* request) const {
  const char* uri = webkit_uri_scheme_request_get_uri(request);
  const char* method = webkit_uri_scheme_request_get_http_method(request);
  if (method && std::string_view(method) != "GET" && std::string_view(method) != "HEAD")
    return finish_request(request, 405, "text/plain", text_body("method not allowed"));
  GUri* parsed = g_uri_parse(uri, static_cast<GUriFlags>(G_URI_FLAGS_ENCODED | G_URI_FLAGS_NON_DNS), nullptr);
  if (!parsed) return finish_request(request, 400, "text/plain", text_body("bad request"));
  std::string uri_host = g_uri_get_host(parsed) ? g_uri_get_host(parsed) : "";
  std::string path = g_uri_get_path(parsed);
  g_uri_unref(parsed);
  if (uri_host != host) return finish_request(request, 404, "text/plain", text_body("not found"));
  if (path.empty()) path.assign(1, '/');
  auto file = assets_.resolve(path);
  auto bytes = file ? read_file_bytes(*file) : std::nullopt;
  if (!bytes) {
    spdlog::info("isolation scheme: 404 {}", uri);
    return finish_request(request, 404, "text/plain", text_body("not found"));
  }
  finish_request(request, 200, mime_type_for(*file), std::move(*bytes),
                 {{"X-Content-Type-Options", "nosniff"}, {"Content-Security-Policy", csp}});
}

}  // namespace warden::webview
