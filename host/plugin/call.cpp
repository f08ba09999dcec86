#include "plugin/call.hpp"

#include <atomic>
#include <condition_variable>
#include <mutex>

#include <boost/json/parse.hpp>
#include <spdlog/spdlog.h>

using warden::plugin::CallCallback;
using warden::plugin::CallRequest;
using warden::plugin::CallResult;

// The definition of the C ABI's opaque completion handle.
struct warden_call {
  std::string plugin;
  CallRequest data;
  warden_caller caller{};
  warden_request request{};
  CallCallback on_complete;

  // Two references: the host's PendingCall, and the completion still owed by the plugin.
  std::atomic<int> refs{2};
  std::atomic<bool> done{false};
  std::atomic<bool> invoke_returned{false};
  mutable std::mutex mutex;
  mutable std::condition_variable cv;
  std::optional<CallResult> result;

  void release() {
    if (refs.fetch_sub(1, std::memory_order_acq_rel) == 1) delete this;
  }

  bool complete(CallResult r, const char* how) {
    if (done.exchange(true, std::memory_order_acq_rel)) {
      spdlog::warn("[plugin {}] command '{}' completed a second time ({}); ignored", plugin, data.command, how);
      return false;
    }
    CallCallback cb;
    {
      std::lock_guard lock(mutex);
      result = std::move(r);
      cb = std::move(on_complete);
    }
    cv.notify_all();
    if (cb) {
      try {
        cb(*result);
      } catch (const std::exception& e) {
        spdlog::error("completion callback of {}|{} threw: {}", plugin, data.command, e.what());
      }
    }
    release();  // the plugin's reference: the handle is no longer valid for it
    return true;
  }
};

namespace warden::plugin {

PendingCall::PendingCall(std::string plugin, CallRequest request, CallCallback on_complete)
    : call_(new warden_call) {
  call_->plugin = std::move(plugin);
  call_->data = std::move(request);
  call_->on_complete = std::move(on_complete);
  auto& d = call_->data;
  call_->caller = warden_caller{sizeof(warden_caller), d.caller.window.c_str(), d.caller.webview.c_str(),
                                d.caller.origin.c_str()};
  call_->request.struct_size = sizeof(warden_request);
  call_->request.command = d.command.c_str();
  call_->request.args_json = d.args_json.c_str();
  call_->request.args_json_size = d.args_json.size();
  call_->request.body = d.body ? d.body->data() : nullptr;
  call_->request.body_size = d.body ? d.body->size() : 0;
  if (d.body && d.body->empty()) call_->request.body = reinterpret_cast<const uint8_t*>("");  // non-NULL: binary, empty
  call_->request.scopes_json = d.scopes_json.c_str();
  call_->request.caller = &call_->caller;
  call_->request.call = call_;
}

PendingCall::~PendingCall() {
  if (call_) call_->release();
}

PendingCall::PendingCall(PendingCall&& other) noexcept : call_(other.call_) { other.call_ = nullptr; }

const warden_request* PendingCall::request() const { return &call_->request; }
warden_call* PendingCall::handle() const { return call_; }

bool PendingCall::complete(CallResult result) {
  if (call_->done.load()) return false;
  return call_->complete(std::move(result), "by the host");
}

void PendingCall::invoke_returned() { call_->invoke_returned.store(true); }

bool PendingCall::completed() const { return call_->done.load(std::memory_order_acquire); }

std::optional<CallResult> PendingCall::wait_for(std::chrono::milliseconds timeout) const {
  std::unique_lock lock(call_->mutex);
  if (!call_->cv.wait_for(lock, timeout, [&] { return call_->result.has_value(); })) return std::nullopt;
  return call_->result;
}

void call_resolve_json(warden_call* call, const char* json, size_t size) {
  if (!call) return;
  if (!json) {
    call->complete(CallResult::from_error("plugin resolved with a NULL JSON pointer"), "resolve_json");
    return;
  }
  std::string text(json, size);
  boost::system::error_code ec;
  boost::json::parse(text, ec);
  if (ec) {
    call->complete(CallResult::from_error("plugin '" + call->plugin + "' returned invalid JSON: " + ec.message()),
                   "resolve_json");
    return;
  }
  call->complete(CallResult::from_json(std::move(text)), "resolve_json");
}

void call_resolve_bytes(warden_call* call, const uint8_t* data, size_t size) {
  if (!call) return;
  if (!data && size) {
    call->complete(CallResult::from_error("plugin resolved with a NULL data pointer"), "resolve_bytes");
    return;
  }
  call->complete(CallResult::from_bytes(std::vector<uint8_t>(data, data + size)), "resolve_bytes");
}

void call_reject(warden_call* call, const char* message) {
  if (!call) return;
  call->complete(CallResult::from_error(message ? message : "command failed"), "reject");
}

}  // namespace warden::plugin
