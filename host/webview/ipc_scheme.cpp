#include "webview/ipc_scheme.hpp"

#include <cstdlib>
#include <span>

#include <spdlog/spdlog.h>
#include <webkit2/webkit2.h>

#include "acl/origin.hpp"
#include "ipc/invoke_key.hpp"
#include "ipc/ipc_url.hpp"
#include "ipc/percent_decoding.hpp"
#include "log/log.hpp"
#include "webview/request_body.hpp"
#include "webview/scheme_response.hpp"

namespace warden::webview {
namespace {

// Every IPC response may be read by the calling frame, whatever its origin: the authority has
// already decided what that frame gets. (Content-Type, which the bridge reads, is a CORS-safelisted
// response header: it needs no Access-Control-Expose-Headers.)
const HeaderList kCorsHeaders{{"Access-Control-Allow-Origin", "*"}, {"Cache-Control", "no-store"}};

void finish(WebKitURISchemeRequest* request, ipc::InvokeResponse response) {
  finish_request(request, response.status, response.content_type, std::move(response.body), kCorsHeaders);
}

// What is known about a request before it is decoded, for the denial log. The window's labels
// are looked up only when a request is refused: allowed calls do not pay for them.
struct Seen {
  std::string command;  // the decoded path, when it decodes
  std::string origin;
  const WindowSet* windows = nullptr;
  WebKitWebView* view = nullptr;
};

void refuse(WebKitURISchemeRequest* request, const Seen& seen, int status, std::string_view generic,
            std::string_view detail) {
  std::string window, webview;
  if (auto known = seen.windows->caller_of(seen.view, seen.origin)) {
    window = known->window;
    webview = known->webview;
  }
  log::denial({seen.command, window, webview, seen.origin, status, detail});
  finish(request, ipc::InvokeResponse::error(status, runtime::webview_error(generic, detail)));
}

}  // namespace

IpcScheme::IpcScheme(const WindowSet& windows, runtime::Dispatcher& dispatcher, std::string invoke_key,
                     std::optional<ipc::IsolationKey> isolation_key, size_t calls_in_flight)
    : windows_(windows),
      dispatcher_(dispatcher),
      invoke_key_(std::move(invoke_key)),
      calls_in_flight_limit_(calls_in_flight) {
  if (isolation_key) isolation_.emplace(*isolation_key);
}

bool IpcScheme::admit(const std::string& webview) {
  size_t& n = calls_in_flight_[webview];
  if (n >= calls_in_flight_limit_) return false;
  ++n;
  return true;
}

void IpcScheme::release(const std::string& webview) {
  auto it = calls_in_flight_.find(webview);
  if (it == calls_in_flight_.end()) return;
  if (--it->second == 0) calls_in_flight_.erase(it);
}

void IpcScheme::handle(WebKitURISchemeRequest* request) {
  Seen seen;
  SoupMessageHeaders* headers = webkit_uri_scheme_request_get_http_headers(request);
  const char* origin = headers ? soup_message_headers_get_one(headers, "Origin") : nullptr;
  seen.origin = origin ? origin : "";
  // For the log only; the caller used for the call is built below, after the checks.
  seen.windows = &windows_;
  seen.view = webkit_uri_scheme_request_get_web_view(request);

  // A prefix test on WebKit's serialized URL (parsing it again with GUri cost more per call than
  // the rest of the decoding).
  const char* url = webkit_uri_scheme_request_get_uri(request);
  auto target = ipc::ipc_url_path(url ? url : "");
  if (!target) return refuse(request, seen, 400, "invalid request", "host is not localhost");
  std::string path = std::move(*target);  // "/<command>": ipc_url_path keeps the slash
  if (auto name = ipc::percent_decode(std::string_view(path).substr(1))) seen.command = *name;

  const char* content_type = headers ? soup_message_headers_get_one(headers, "Content-Type") : nullptr;
  std::string type = content_type ? content_type : "";
  auto read = read_request_body(request);
  if (!read) return refuse(request, seen, 400, "invalid request", "the request body could not be read");
  std::string body = std::move(*read);
  // The isolation pattern first: only what the isolation frame sealed, once, goes further. (The
  // order of the two secrets does not matter for access, both are required; checking the seal
  // first makes the log say why a forged or replayed message failed.)
  // Everything the host acts on must be sealed: the caller's headers (a written file's path)
  // travel inside the message, and headers sent beside it are refused, not ignored, so that a
  // bridge or page that sends them learns why.
  const char* listed = headers ? soup_message_headers_get_one(headers, ipc::kCallerHeadersHeader) : nullptr;
  ipc::CallerHeaders caller_headers;
  if (isolation_) {
    if (listed)
      return refuse(request, seen, 403, "not allowed", "caller headers outside the sealed message under the isolation pattern");
    std::span<const uint8_t> sealed(reinterpret_cast<const uint8_t*>(body.data()), body.size());
    auto opened = isolation_->admit(type, sealed, seen.command, seen.origin, ipc::isolation_clock_now_ms());
    if (auto* error = std::get_if<ipc::IsolationError>(&opened))
      return refuse(request, seen, 403, "not allowed", error->reason);
    auto& call = std::get<ipc::OpenedCall>(opened);
    type = std::move(call.content_type);
    body.assign(call.body.begin(), call.body.end());
    caller_headers = std::move(call.headers);
  }

  // The invoke key: a request the bridge did not make goes no further.
  const char* key = headers ? soup_message_headers_get_one(headers, ipc::kInvokeKeyHeader) : nullptr;
  if (!key || !*key) return refuse(request, seen, 403, "not allowed", "missing invoke key");
  if (!ipc::invoke_key_matches(invoke_key_, key)) return refuse(request, seen, 403, "not allowed", "wrong invoke key");

  const char* method = webkit_uri_scheme_request_get_http_method(request);
  if (!method || std::string_view(method) != "POST")
    return refuse(request, seen, 405, "invalid request", "method is not POST");

  if (!origin || !*origin) return refuse(request, seen, 403, "not allowed", "request has no Origin");
  if (std::string_view(origin) == acl::kOpaqueOrigin) return refuse(request, seen, 403, "not allowed", "opaque origin (null)");

  auto caller = windows_.caller_of(webkit_uri_scheme_request_get_web_view(request), origin);
  if (!caller) return refuse(request, seen, 403, "not allowed", "request from an unknown or closed webview");

  // Calls the bridge's transport refused in this frame since its last request: logged, digested.
  if (const char* refused = headers ? soup_message_headers_get_one(headers, ipc::kRefusedCallsHeader) : nullptr) {
    char* end = nullptr;
    unsigned long long n = std::strtoull(refused, &end, 10);
    if (end && *end == '\0' && n > 0)
      floods_.refuse(caller->webview + "\nbridge",
                     {"", caller->window, caller->webview, caller->origin, 429,
                      "the bridge refused calls: too many calls in flight in one frame (limit " +
                          std::to_string(calls_in_flight_limit_) + ", app.ipc.maxCallsInFlight)"},
                     static_cast<size_t>(n));
  }
  // Before anything is decoded: a flood's refusals must cost the host as little as possible.
  if (!admit(caller->webview)) {
    std::string detail = "webview '" + caller->webview + "' has " + std::to_string(calls_in_flight_limit_) +
                         " calls in flight (app.ipc.maxCallsInFlight)";
    floods_.refuse(caller->webview + "\nhost", {seen.command, caller->window, caller->webview, caller->origin, 429, detail});
    return finish(request, ipc::InvokeResponse::error(429, runtime::webview_error("too many calls in flight", detail)));
  }
  // From here every return must release() the call it admitted.
  auto refuse_admitted = [&](int status, std::string_view generic, std::string_view detail) {
    release(caller->webview);
    refuse(request, seen, status, generic, detail);
  };

  if (listed) {  // never under the isolation pattern (refused above)
    auto names = ipc::parse_caller_header_names(listed);
    if (!names) return refuse_admitted(400, "invalid request", "malformed caller header list");
    for (auto& name : *names) {
      const char* value = soup_message_headers_get_one(headers, name.c_str());
      if (!value) return refuse_admitted(400, "invalid request", "listed caller header '" + name + "' is missing");
      if (auto problem = ipc::caller_header_problem(name, value)) return refuse_admitted(400, "invalid request", *problem);
      caller_headers.emplace_back(std::move(name), value);
    }
  }
  auto decoded = ipc::decode_invoke_request(path, type, std::move(body), caller_headers);
  if (auto* error = std::get_if<ipc::DecodeError>(&decoded))
    return refuse_admitted(400, "invalid request", error->message);

  g_object_ref(request);
  std::string label = caller->webview;
  uint64_t id = next_call_++;
  in_flight_.emplace(id, InFlight{request, caller->webview});
  dispatcher_.dispatch(std::move(std::get<ipc::InvokeRequest>(decoded)), std::move(*caller),
                       [this, id, label](ipc::InvokeResponse response) {
                         auto it = in_flight_.find(id);
                         if (it == in_flight_.end()) {
                           spdlog::info("ipc: dropped the answer to a call of webview '{}' whose page is gone", label);
                           return;
                         }
                         WebKitURISchemeRequest* request = it->second.request;
                         release(it->second.webview);
                         in_flight_.erase(it);
                         AppWebview* webview = windows_.find_webview(label);
                         if (!webview || !webview->open())
                           spdlog::info("ipc: settled a call of closed webview '{}'", label);
                         finish(request, std::move(response));  // WebKit ignores it when the webview is gone
                         g_object_unref(request);
                       });
}

size_t IpcScheme::settle_webview(const std::string& label, std::string_view reason) {
  size_t settled = 0;
  for (auto it = in_flight_.begin(); it != in_flight_.end();) {
    if (it->second.webview != label) {
      ++it;
      continue;
    }
    finish(it->second.request, ipc::InvokeResponse::error(503, std::string(reason)));
    g_object_unref(it->second.request);
    release(it->second.webview);
    it = in_flight_.erase(it);
    ++settled;
  }
  return settled;
}

}  // namespace warden::webview
