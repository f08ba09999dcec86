#include "webview/app_scheme.hpp"

#include <string_view>

#include <spdlog/spdlog.h>
#include <webkit2/webkit2.h>

#include "webview/mime_type.hpp"
#include "webview/scheme_response.hpp"

namespace warden::webview {
namespace {
std::vector<uint8_t> text_body(std::string_view s) { return {s.begin(), s.end()}; }
}  // namespace

AppScheme::AppScheme(FrontendAssets assets, std::optional<std::string> csp, CspModification modification)
    : assets_(std::move(assets)), modification_(std::move(modification)) {
  if (csp) csp_ = parse_csp(*csp);
}

std::optional<std::string> AppScheme::csp_for(std::string_view mime_type, const std::vector<uint8_t>& bytes) const {
  if (!csp_) {
    // No app policy: nothing to complete, only who may frame the page.
    if (modification_.frame_ancestors.empty()) return std::nullopt;
    return asset_csp({}, {}, modification_);
  }
  InlineHashes hashes;
  if (mime_type.starts_with("text/html"))
    hashes = inline_hashes(std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()));
  return asset_csp(*csp_, hashes, modification_);
}

void AppScheme::handle(WebKitURISchemeRequest* request) const {
  const char* uri = webkit_uri_scheme_request_get_uri(request);
  const char* method = webkit_uri_scheme_request_get_http_method(request);
  GUri* parsed = g_uri_parse(uri, static_cast<GUriFlags>(G_URI_FLAGS_ENCODED | G_URI_FLAGS_NON_DNS), nullptr);
  if (!parsed) {
    finish_request(request, 400, "text/plain", text_body("bad request"));
    return;
  }
  std::string host = g_uri_get_host(parsed) ? g_uri_get_host(parsed) : "";
  std::string path = g_uri_get_path(parsed);
  g_uri_unref(parsed);
  if (method && std::string_view(method) != "GET" && std::string_view(method) != "HEAD") {
    finish_request(request, 405, "text/plain", text_body("method not allowed"));
    return;
  }
  if (host != AppScheme::host) {
    spdlog::debug("app scheme: 404 for host '{}'", host);
    finish_request(request, 404, "text/plain", text_body("not found"));
    return;
  }
  if (path.empty()) path = "/";
  auto file = assets_.resolve(path);
  auto bytes = file ? read_file_bytes(*file) : std::nullopt;
  if (!bytes) {
    spdlog::info("app scheme: 404 {}", uri);
    finish_request(request, 404, "text/plain", text_body("not found"));
    return;
  }
  std::string type = mime_type_for(*file);
  HeaderList headers{{"X-Content-Type-Options", "nosniff"}};
  if (auto csp = csp_for(type, *bytes)) headers.emplace_back("Content-Security-Policy", *csp);
  finish_request(request, 200, type, std::move(*bytes), headers);
}

}  // namespace warden::webview
