#include "plugin/call.hpp"

#include <atomic>
#include <cstring>
#include <condition_variable>
#include <mutex>

#include <spdlog/spdlog.h>

#include "ipc/json_check.hpp"

using warden::plugin::CallCallback;
using warden::plugin::CallRequest;
using warden::plugin::CallResult;

// The definition of the C ABI's opaque channel handle.
struct warden_channel {
  std::unique_ptr<warden::plugin::ChannelSink> sink;
};

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

namespace {

// The call's environment while it is still pending (a completed handle is invalid).
const CallEnvironment* environment_of(warden_call* call) {
  if (!call || call->done.load(std::memory_order_acquire)) return nullptr;
  return call->data.environment;
}

// Whose resources the call reaches: its own frame's origin in its own page.
ResourceOwner owner_of(const warden_call* call) {
  const Caller& c = call->data.caller;
  return {c.webview, c.origin, c.page};
}

}  // namespace

warden_channel* call_channel_open(warden_call* call, const char* reference) {
  const CallEnvironment* env = environment_of(call);
  if (!env || !env->open_channel || !reference) return nullptr;
  try {
    auto sink = env->open_channel(reference, call->data.caller.webview);
    if (!sink) return nullptr;
    return new warden_channel{std::move(sink)};
  } catch (const std::exception& e) {
    spdlog::error("[plugin {}] opening channel '{}' failed: {}", call->plugin, reference, e.what());
    return nullptr;
  }
}

int call_channel_send(warden_channel* channel, const char* json, size_t size) {
  if (!channel || !json) return -1;
  std::string text(json, size);
  if (!ipc::is_json(text)) return -1;
  try {
    channel->sink->send(std::move(text));
    return 0;
  } catch (const std::exception& e) {
    spdlog::error("channel send failed: {}", e.what());
    return -1;
  }
}

void call_channel_close(warden_channel* channel) {
  if (!channel) return;
  try {
    channel->sink->close();
  } catch (const std::exception& e) {
    spdlog::error("channel close failed: {}", e.what());
  }
  delete channel;
}

uint32_t call_resource_add(warden_call* call, void* object, void (*close)(void* object)) {
  // Owned from here on: on any failure the object is closed, as the ABI promises.
  auto held = std::make_shared<ResourceObject>(object, close);
  const CallEnvironment* env = environment_of(call);
  if (!env || !env->resources) return 0;
  try {
    return env->resources->add(owner_of(call), call->plugin, std::move(held));
  } catch (const std::exception& e) {
    spdlog::error("[plugin {}] adding a resource failed: {}", call->plugin, e.what());
    return 0;
  }
}

void* call_resource_get(warden_call* call, uint32_t rid) {
  const CallEnvironment* env = environment_of(call);
  if (!env || !env->resources) return nullptr;
  auto object = env->resources->get(owner_of(call), call->plugin, rid);
  if (!object) return nullptr;
  void* raw = object->get();
  std::lock_guard lock(call->held_mutex);
  call->held.push_back(std::move(object));
  return raw;
}

int call_resource_close(warden_call* call, uint32_t rid) {
  const CallEnvironment* env = environment_of(call);
  if (!env || !env->resources) return -1;
  return env->resources->remove(owner_of(call), call->plugin, rid) ? 0 : -1;
}

char* call_command_scopes(warden_call* call, const char* command) {
  const CallEnvironment* env = environment_of(call);
  if (!env || !env->command_scopes || !command) return nullptr;
  try {
    auto scopes = env->command_scopes(command);
    return scopes ? ::strdup(scopes->c_str()) : nullptr;
  } catch (const std::exception& e) {
    spdlog::error("[plugin {}] command_scopes('{}') failed: {}", call->plugin, command, e.what());
    return nullptr;
  }
}

}  // namespace warden::plugin
