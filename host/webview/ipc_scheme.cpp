#include "webview/ipc_scheme.hpp"

#include <spdlog/spdlog.h>
#include <webkit2/webkit2.h>

#include "webview/scheme_response.hpp"

namespace warden::webview {
namespace {

// Every IPC response may be read by the calling frame, whatever its origin: the authority has
// already decided what that frame gets.
const HeaderList kCorsHeaders{{"Access-Control-Allow-Origin", "*"},
                              {"Access-Control-Expose-Headers", "Content-Type"},
                              {"Cache-Control", "no-store"}};

void finish(WebKitURISchemeRequest* request, const ipc::InvokeResponse& response) {
  finish_request(request, response.status, response.content_type, response.body, kCorsHeaders);
}

void refuse(WebKitURISchemeRequest* request, int status, std::string_view generic, std::string_view detail) {
  spdlog::warn("ipc: refused {}: {}", webkit_uri_scheme_request_get_uri(request), detail);
  finish(request, ipc::InvokeResponse::error(status, runtime::webview_error(generic, detail)));
}

std::vector<uint8_t> read_body(WebKitURISchemeRequest* request) {
  std::vector<uint8_t> body;
  GInputStream* stream = webkit_uri_scheme_request_get_http_body(request);
  if (!stream) return body;
  uint8_t buffer[64 * 1024];
  for (;;) {
    gssize n = g_input_stream_read(stream, buffer, sizeof buffer, nullptr, nullptr);
    if (n <= 0) break;
    body.insert(body.end(), buffer, buffer + n);
  }
  g_object_unref(stream);
  return body;
}

}  // namespace

IpcScheme::IpcScheme(const WindowSet& windows, runtime::Dispatcher& dispatcher)
    : windows_(windows), dispatcher_(dispatcher) {}

void IpcScheme::handle(WebKitURISchemeRequest* request) {
  const char* method = webkit_uri_scheme_request_get_http_method(request);
  if (!method || std::string_view(method) != "POST")
    return refuse(request, 405, "invalid request", "method is not POST");

  GUri* uri = g_uri_parse(webkit_uri_scheme_request_get_uri(request),
                          static_cast<GUriFlags>(G_URI_FLAGS_ENCODED | G_URI_FLAGS_NON_DNS), nullptr);
  if (!uri) return refuse(request, 400, "invalid request", "unparsable URL");
  std::string host = g_uri_get_host(uri) ? g_uri_get_host(uri) : "";
  std::string path = g_uri_get_path(uri);
  g_uri_unref(uri);
  if (host != IpcScheme::host) return refuse(request, 400, "invalid request", "host is not localhost");

  SoupMessageHeaders* headers = webkit_uri_scheme_request_get_http_headers(request);
  const char* origin = headers ? soup_message_headers_get_one(headers, "Origin") : nullptr;
  if (!origin || !*origin) return refuse(request, 403, "not allowed", "request has no Origin");
  if (std::string_view(origin) == "null") return refuse(request, 403, "not allowed", "opaque origin (null)");

  auto caller = windows_.caller_of(webkit_uri_scheme_request_get_web_view(request), origin);
  if (!caller) return refuse(request, 403, "not allowed", "request from an unknown or closed webview");

  const char* content_type = headers ? soup_message_headers_get_one(headers, "Content-Type") : nullptr;
  auto decoded = ipc::decode_invoke_request(path, content_type ? content_type : "", read_body(request));
  if (auto* error = std::get_if<ipc::DecodeError>(&decoded))
    return refuse(request, 400, "invalid request", error->message);

  g_object_ref(request);
  std::string label = caller->window;
  dispatcher_.dispatch(std::move(std::get<ipc::InvokeRequest>(decoded)), std::move(*caller),
                       [this, request, label](ipc::InvokeResponse response) {
                         AppWindow* window = windows_.find(label);
                         if (!window || !window->open())
                           spdlog::info("ipc: settled a call of closed window '{}'", label);
                         finish(request, response);  // WebKit ignores it when the webview is gone
                         g_object_unref(request);
                       });
}

}  // namespace warden::webview
