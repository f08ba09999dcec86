#include "plugin/call.hpp"

#include <atomic>
#include <condition_variable>
#include <mutex>

#include <spdlog/spdlog.h>

#include "ipc/json_check.hpp"

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
  // Resources this call looked up: kept open until it completes (resource_get's promise).
  std::mutex held_mutex;
  std::vector<std::shared_ptr<warden::plugin::ResourceObject>> held;

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
      cb = std::move(on_complete);
      // The callback takes the payload (a 16 MiB result is not copied); a waiter sees the kind.
      if (cb) result = CallResult{r.kind, {}, {}, {}};
      else result = std::move(r);
    }
    cv.notify_all();
    if (cb) {
      try {
        cb(std::move(r));
      } catch (const std::exception& e) {
        spdlog::error("completion callback of {}|{} threw: {}", plugin, data.command, e.what());
      }
    }
    std::vector<std::shared_ptr<warden::plugin::ResourceObject>> unheld;
    {
      std::lock_guard lock(held_mutex);
      unheld.swap(held);
    }
    unheld.clear();
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
  call_->request.body = d.body ? reinterpret_cast<const uint8_t*>(d.body->data()) : nullptr;
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
  if (!ipc::is_json(text)) {
    call->complete(CallResult::from_error("plugin '" + call->plugin + "' returned invalid JSON"), "resolve_json");
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
  call->complete(CallResult::from_bytes(std::string(reinterpret_cast<const char*>(data), size)), "resolve_bytes");
}

void call_reject(warden_call* call, const char* message) {
  if (!call) return;
  call->complete(CallResult::from_error(message ? message : "command failed"), "reject");
}

void call_reject_scope(warden_call* call, const char* detail) {
  if (!call) return;
  call->complete(CallResult::from_scope_refusal(detail ? detail : "(no detail)"), "reject_scope");
}

const CallEnvironment* call_environment(warden_call* call) {
  if (!call || call->done.load(std::memory_order_acquire)) return nullptr;
  return call->data.environment;
}

const CallRequest* pending_request(warden_call* call) {
  if (!call || call->done.load(std::memory_order_acquire)) return nullptr;
  return &call->data;
}

const std::string& call_plugin(const warden_call* call) { return call->plugin; }

const Caller& call_caller(const warden_call* call) { return call->data.caller; }

void call_hold(warden_call* call, std::shared_ptr<ResourceObject> object) {
  std::lock_guard lock(call->held_mutex);
  call->held.push_back(std::move(object));
}

}  // namespace warden::plugin
