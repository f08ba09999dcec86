#include "webview/asset_scheme.hpp"

#include <charconv>
#include <fstream>

#include <spdlog/spdlog.h>
#include <webkit2/webkit2.h>

#include "acl/origin.hpp"
#include "ipc/percent_decoding.hpp"
#include "log/log.hpp"
#include "webview/mime_type.hpp"
#include "webview/scheme_response.hpp"
#include "webview/window_set.hpp"

namespace warden::webview {
namespace fs = std::filesystem;

namespace {

// Largest body sent for one request: a bigger range is cut, as a server may (the page asks on).
constexpr uint64_t kMaxChunk = 8u << 20;

std::optional<uint64_t> number(std::string_view s) {
  uint64_t n = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), n);
  if (ec != std::errc() || end != s.data() + s.size() || s.empty()) return std::nullopt;
  return n;
}

// The answer may be read by `origin` only (the caller judged allowed); Vary, because the same URL
// gets another answer for another origin.
HeaderList cors_headers(const std::string& origin) {
  return {{"Access-Control-Allow-Origin", origin}, {"Vary", "Origin"}};
}

// A file refused to an allowed caller (outside the scope, missing): the caller may read why.
void refuse(WebKitURISchemeRequest* request, int status, const std::string& path, const char* why,
            const std::string& origin) {
  spdlog::info("asset: {} {}: {}", status, path, why);
  finish_request(request, status, "text/plain; charset=utf-8",
                 std::vector<uint8_t>(why, why + std::char_traits<char>::length(why)), cors_headers(origin));
}

// A caller refused: one audit line, and an answer no frame can read.
void refuse_caller(WebKitURISchemeRequest* request, const std::string& path, std::string_view window,
                   std::string_view origin, const std::string& why) {
  spdlog::warn("asset refused: window={} origin={} status=403 path={} reason={}", log::json_string(window),
               log::json_string(origin), log::json_string(path), log::json_string(why));
  finish_request(request, 403, "text/plain; charset=utf-8", std::string("not allowed"));
}

std::optional<std::vector<uint8_t>> read_range(const fs::path& file, uint64_t first, uint64_t count) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return std::nullopt;
  in.seekg(static_cast<std::streamoff>(first));
  std::vector<uint8_t> data(count);
  in.read(reinterpret_cast<char*>(data.data()), static_cast<std::streamsize>(count));
  if (static_cast<uint64_t>(in.gcount()) != count) return std::nullopt;
  return data;
}

// A whole file is streamed from disk, never loaded: a page may show a large video.
void stream_file(WebKitURISchemeRequest* request, const fs::path& file, uint64_t size, const HeaderList& headers) {
  GFile* gfile = g_file_new_for_path(file.c_str());
  GFileInputStream* stream = g_file_read(gfile, nullptr, nullptr);
  g_object_unref(gfile);
  if (!stream) {
    spdlog::info("asset: 500 {}: opening the file failed", file.string());
    return finish_request(request, 500, "text/plain; charset=utf-8", std::string("opening the file failed"), headers);
  }
  WebKitURISchemeResponse* response = webkit_uri_scheme_response_new(G_INPUT_STREAM(stream), static_cast<gint64>(size));
  std::string type = mime_type_for(file);
  webkit_uri_scheme_response_set_status(response, 200, nullptr);
  webkit_uri_scheme_response_set_content_type(response, type.c_str());
  SoupMessageHeaders* h = soup_message_headers_new(SOUP_MESSAGE_HEADERS_RESPONSE);
  soup_message_headers_replace(h, "Content-Type", type.c_str());
  for (const auto& [name, value] : headers) soup_message_headers_append(h, name.c_str(), value.c_str());
  webkit_uri_scheme_response_set_http_headers(response, h);
  webkit_uri_scheme_request_finish_with_response(request, response);
  g_object_unref(response);
  g_object_unref(stream);
}

}  // namespace

std::optional<ByteRange> parse_byte_range(std::string_view header, uint64_t size) {
  constexpr std::string_view unit = "bytes=";
  if (!header.starts_with(unit) || size == 0) return std::nullopt;
  header.remove_prefix(unit.size());
  if (header.find(',') != std::string_view::npos) header = header.substr(0, header.find(','));
  auto dash = header.find('-');
  if (dash == std::string_view::npos) return std::nullopt;
  auto a = header.substr(0, dash), b = header.substr(dash + 1);
  if (a.empty()) {  // the last n bytes
    auto n = number(b);
    if (!n || *n == 0) return std::nullopt;
    return ByteRange{*n >= size ? 0 : size - *n, size - 1};
  }
  auto first = number(a);
  if (!first || *first >= size) return std::nullopt;
  if (b.empty()) return ByteRange{*first, size - 1};
  auto last = number(b);
  if (!last || *last < *first) return std::nullopt;
  return ByteRange{*first, std::min(*last, size - 1)};
}

std::optional<std::string> asset_path_of(std::string_view url_path) {
  if (url_path.starts_with("/")) url_path.remove_prefix(1);
  auto decoded = ipc::percent_decode(url_path);
  if (!decoded || decoded->empty() || decoded->front() != '/' || decoded->find('\0') != std::string::npos)
    return std::nullopt;
  return decoded;
}

std::optional<AssetRequestOrigin> asset_request_origin(const char* origin_header, std::string_view top_url) {
  if (origin_header) {
    std::string_view o(origin_header);
    if (o.empty() || o == acl::kOpaqueOrigin) return std::nullopt;
    return AssetRequestOrigin{std::string(o), true};
  }
  std::string top = acl::origin_of_url(top_url);  // "null" for data:, about:blank and the like
  if (top == acl::kOpaqueOrigin) return std::nullopt;
  return AssetRequestOrigin{std::move(top), false};
}

AssetScheme::AssetScheme(AssetScopeCheck in_scope, const WindowSet& windows, RemoteAssetGrant remote_granted)
    : in_scope_(std::move(in_scope)), windows_(windows), remote_granted_(std::move(remote_granted)) {}

void AssetScheme::register_on(WebKitWebContext* context) {
  webkit_web_context_register_uri_scheme(
      context, scheme, +[](WebKitURISchemeRequest* r, gpointer self) { static_cast<AssetScheme*>(self)->handle(r); },
      this, nullptr);
  WebKitSecurityManager* security = webkit_web_context_get_security_manager(context);
  webkit_security_manager_register_uri_scheme_as_secure(security, scheme);
  webkit_security_manager_register_uri_scheme_as_cors_enabled(security, scheme);
}

void AssetScheme::handle(WebKitURISchemeRequest* request) {
  const char* method = webkit_uri_scheme_request_get_http_method(request);
  std::string_view m = method ? method : "GET";
  const char* raw_path = webkit_uri_scheme_request_get_path(request);
  std::string shown = raw_path ? raw_path : "";

  // The caller first, as for an IPC call: the frame's origin when WebKit sent one, else the
  // webview's top-level document; the webview's window from the host's own table.
  SoupMessageHeaders* headers = webkit_uri_scheme_request_get_http_headers(request);
  const char* origin_header = headers ? soup_message_headers_get_one(headers, "Origin") : nullptr;
  WebKitWebView* view = webkit_uri_scheme_request_get_web_view(request);
  const AppWebview* webview = windows_.find_webview(view);
  std::string top = webview ? webview->current_url() : "";
  auto judged = asset_request_origin(origin_header, top);
  if (!judged)
    return refuse_caller(request, shown, webview ? webview->window_label() : "",
                         origin_header ? origin_header : top, origin_header ? "opaque origin" : "no known top-level document");
  auto caller = windows_.caller_of(view, judged->origin);
  if (!caller) return refuse_caller(request, shown, "", judged->origin, "request from an unknown or closed webview");
  if (caller->origin != kAppOrigin && !(remote_granted_ && remote_granted_(*caller)))
    return refuse_caller(request, shown, caller->window, caller->origin,
                         judged->from_header ? "no capability grants this origin to this webview"
                                             : "no capability grants the top-level document's origin to this webview");
  const std::string& origin = judged->origin;

  auto path = asset_path_of(shown);
  if (!path) return refuse(request, 400, shown, "not an absolute file path", origin);
  if (m != "GET" && m != "HEAD") return refuse(request, 405, *path, "only GET and HEAD", origin);

  // The scope decides on where the file really is, never on the name the page gave.
  std::error_code ec;
  fs::path real = fs::canonical(*path, ec);
  if (ec) return refuse(request, 404, *path, "no such file", origin);
  if (!in_scope_ || !in_scope_(*caller, real.string())) return refuse(request, 403, *path, "outside the asset scope", origin);
  if (!fs::is_regular_file(real, ec)) return refuse(request, 404, *path, "not a regular file", origin);
  uint64_t size = fs::file_size(real, ec);
  if (ec) return refuse(request, 404, *path, "cannot read the file", origin);

  const char* range_header = headers ? soup_message_headers_get_one(headers, "Range") : nullptr;
  HeaderList out = cors_headers(origin);
  out.emplace_back("Accept-Ranges", "bytes");
  out.emplace_back("Cache-Control", "no-cache");
  int status = 200;
  uint64_t first = 0, count = size;
  if (range_header) {
    auto range = parse_byte_range(range_header, size);
    if (!range) {
      out.emplace_back("Content-Range", "bytes */" + std::to_string(size));
      return finish_request(request, 416, "text/plain; charset=utf-8", std::string(), out);
    }
    first = range->first;
    count = std::min<uint64_t>(range->last - range->first + 1, kMaxChunk);
    status = 206;
    out.emplace_back("Content-Range", "bytes " + std::to_string(first) + "-" + std::to_string(first + count - 1) +
                                          "/" + std::to_string(size));
  }
  if (m == "GET" && status == 200) return stream_file(request, real, size, out);
  std::vector<uint8_t> body;
  if (m == "GET" && count > 0) {
    auto data = read_range(real, first, count);
    if (!data) return refuse(request, 500, *path, "reading the file failed", origin);
    body = std::move(*data);
  }
  finish_request(request, status, mime_type_for(real), std::move(body), out);
}

}  // namespace warden::webview
