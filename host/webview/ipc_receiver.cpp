#include "webview/ipc_receiver.hpp"

#include <span>

#include <spdlog/spdlog.h>
#include <webkit2/webkit2.h>

#include "acl/origin.hpp"
#include "ipc/native_message.hpp"
#include "log/log.hpp"

namespace warden::webview {
namespace {

// What is known about a call before it is decoded, for the denial log. The window's labels are
// looked up only when a call is refused: allowed calls do not pay for them.
struct Seen {
  std::string command;
  std::string origin;
  const WindowSet* windows = nullptr;
  WebKitWebView* view = nullptr;
};

void refuse(WebKitUserMessage* message, const Seen& seen, int status, std::string_view generic, std::string_view detail) {
  std::string window, webview;
  if (auto known = seen.windows->caller_of(seen.view, seen.origin)) {
    window = known->window;
    webview = known->webview;
  }
  log::denial({seen.command, window, webview, seen.origin, status, detail});
  reply_to_call(message, ipc::InvokeResponse::error(status, runtime::webview_error(generic, detail)));
}

// The message's parameters, read without copying anything but the body.
struct Call {
  std::string command;
  std::string content_type;
  ipc::CallerHeaders headers;
  std::string body;
  std::string origin;
  uint64_t refused = 0;
};

Call read_call(GVariant* params) {
  Call call;
  const char *command = nullptr, *type = nullptr, *origin = nullptr;
  GVariantIter* headers = nullptr;
  GVariant* body = nullptr;
  guint64 refused = 0;
  g_variant_get(params, "(&s&sa(ss)@ay&st)", &command, &type, &headers, &body, &origin, &refused);
  call.command = command;
  call.content_type = type;
  call.origin = origin;
  call.refused = refused;
  const char *name = nullptr, *value = nullptr;
  while (g_variant_iter_next(headers, "(&s&s)", &name, &value)) call.headers.emplace_back(name, value);
  g_variant_iter_free(headers);
  gsize size = 0;
  const void* data = g_variant_get_fixed_array(body, &size, 1);
  call.body.assign(static_cast<const char*>(data), size);
  g_variant_unref(body);
  return call;
}

}  // namespace

void reply_to_call(WebKitUserMessage* message, ipc::InvokeResponse response) {
  auto* body = new std::string(std::move(response.body));
  GVariant* bytes = g_variant_new_from_data(G_VARIANT_TYPE_BYTESTRING, body->data(), body->size(), TRUE,
                                            +[](gpointer p) { delete static_cast<std::string*>(p); }, body);
  GVariant* params = g_variant_new("(us@ay)", static_cast<guint32>(response.status), response.content_type.c_str(), bytes);
  webkit_user_message_send_reply(message, webkit_user_message_new(ipc::kReplyMessage, params));
}

IpcReceiver::IpcReceiver(const WindowSet& windows, runtime::Dispatcher& dispatcher,
                         std::optional<ipc::IsolationKey> isolation_key, size_t calls_in_flight)
    : windows_(windows), dispatcher_(dispatcher), calls_in_flight_limit_(calls_in_flight) {
  if (isolation_key) isolation_.emplace(*isolation_key);
}

bool IpcReceiver::admit(const std::string& webview) {
  size_t& n = calls_in_flight_[webview];
  if (n >= calls_in_flight_limit_) return false;
  ++n;
  return true;
}

void IpcReceiver::release(const std::string& webview) {
  auto it = calls_in_flight_.find(webview);
  if (it == calls_in_flight_.end()) return;
  if (--it->second == 0) calls_in_flight_.erase(it);
}

bool IpcReceiver::handle(WebKitWebView* view, WebKitUserMessage* message) {
  const char* name = webkit_user_message_get_name(message);
  if (!name || std::string_view(name) != ipc::kCallMessage) return false;
  Seen seen;
  seen.windows = &windows_;
  seen.view = view;
  GVariant* params = webkit_user_message_get_parameters(message);
  if (!params || !g_variant_is_of_type(params, G_VARIANT_TYPE(ipc::kCallParameters))) {
    refuse(message, seen, 400, "invalid request", "malformed IPC message");
    return true;
  }
  Call call = read_call(params);
  seen.command = call.command;
  seen.origin = call.origin;
  ipc::CallerHeaders caller_headers = std::move(call.headers);
  bool unsealed_headers = !caller_headers.empty();

  // The isolation pattern first: only what the isolation frame sealed, once, goes further.
  // Everything the host acts on must be sealed: the caller's headers (a written file's path)
  // travel inside the message, and headers sent beside it are refused, not ignored, so that a
  // bridge or page that sends them learns why.
  if (isolation_) {
    if (unsealed_headers) {
      refuse(message, seen, 403, "not allowed", "caller headers outside the sealed message under the isolation pattern");
      return true;
    }
    std::span<const uint8_t> sealed(reinterpret_cast<const uint8_t*>(call.body.data()), call.body.size());
    auto opened = isolation_->admit(call.content_type, sealed, seen.command, seen.origin, ipc::isolation_clock_now_ms());
    if (auto* error = std::get_if<ipc::IsolationError>(&opened)) {
      refuse(message, seen, 403, "not allowed", error->reason);
      return true;
    }
    auto& opened_call = std::get<ipc::OpenedCall>(opened);
    call.content_type = std::move(opened_call.content_type);
    call.body.assign(opened_call.body.begin(), opened_call.body.end());
    caller_headers = std::move(opened_call.headers);
  }

  if (call.origin.empty()) {
    refuse(message, seen, 403, "not allowed", "call has no origin");
    return true;
  }
  if (call.origin == acl::kOpaqueOrigin) {
    refuse(message, seen, 403, "not allowed", "opaque origin (null)");
    return true;
  }
  auto caller = windows_.caller_of(view, call.origin);
  if (!caller) {
    refuse(message, seen, 403, "not allowed", "call from an unknown or closed webview");
    return true;
  }

  // Calls the extension refused in this frame since its last call: logged, digested.
  if (call.refused > 0)
    floods_.refuse(caller->webview + "\nbridge",
                   {"", caller->window, caller->webview, caller->origin, 429,
                    "the bridge refused calls: too many calls in flight in one frame (limit " +
                        std::to_string(calls_in_flight_limit_) + ", app.ipc.maxCallsInFlight)"},
                   static_cast<size_t>(call.refused));
  // Before anything is decoded: a flood's refusals must cost the host as little as possible.
  if (!admit(caller->webview)) {
    std::string detail = "webview '" + caller->webview + "' has " + std::to_string(calls_in_flight_limit_) +
                         " calls in flight (app.ipc.maxCallsInFlight)";
    floods_.refuse(caller->webview + "\nhost", {seen.command, caller->window, caller->webview, caller->origin, 429, detail});
    reply_to_call(message, ipc::InvokeResponse::error(429, runtime::webview_error("too many calls in flight", detail)));
    return true;
  }
  // From here every refusal must release() the call it admitted.
  auto refuse_admitted = [&](int status, std::string_view generic, std::string_view detail) {
    release(caller->webview);
    refuse(message, seen, status, generic, detail);
    return true;
  };
  if (auto problem = ipc::caller_headers_problem(caller_headers)) return refuse_admitted(400, "invalid request", *problem);
  auto decoded = ipc::decode_invoke_call(std::move(call.command), call.content_type, std::move(call.body), caller_headers);
  if (auto* error = std::get_if<ipc::DecodeError>(&decoded)) return refuse_admitted(400, "invalid request", error->message);

  g_object_ref(message);
  std::string label = caller->webview;
  uint64_t id = next_call_++;
  in_flight_.emplace(id, InFlight{message, caller->webview});
  dispatcher_.dispatch(std::move(std::get<ipc::InvokeRequest>(decoded)), std::move(*caller),
                       [this, id, label](ipc::InvokeResponse response) {
                         auto it = in_flight_.find(id);
                         if (it == in_flight_.end()) {
                           spdlog::info("ipc: dropped the answer to a call of webview '{}' whose page is gone", label);
                           return;
                         }
                         WebKitUserMessage* message = it->second.message;
                         release(it->second.webview);
                         in_flight_.erase(it);
                         AppWebview* webview = windows_.find_webview(label);
                         if (!webview || !webview->open())
                           spdlog::info("ipc: settled a call of closed webview '{}'", label);
                         reply_to_call(message, std::move(response));
                         g_object_unref(message);
                       });
  return true;
}

size_t IpcReceiver::calls_in_flight(const std::string& label) const {
  auto it = calls_in_flight_.find(label);
  return it == calls_in_flight_.end() ? 0 : it->second;
}

size_t IpcReceiver::settle_webview(const std::string& label, std::string_view reason) {
  size_t settled = 0;
  for (auto it = in_flight_.begin(); it != in_flight_.end();) {
    if (it->second.webview != label) {
      ++it;
      continue;
    }
    reply_to_call(it->second.message, ipc::InvokeResponse::error(503, std::string(reason)));
    g_object_unref(it->second.message);
    release(it->second.webview);
    it = in_flight_.erase(it);
    ++settled;
  }
  return settled;
}

}  // namespace warden::webview
