#pragma once
// One call of a plugin command, host side: the request data the plugin reads (kept alive until
// the call completes) and the completion handle (warden_call) with exactly-once semantics.
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "plugin/call_environment.hpp"
#include "warden/plugin.h"

namespace warden::plugin {

class HostServices;

struct Caller {
  std::string window = "main";
  std::string webview = "main";
  std::string origin = "app://localhost";
  uint64_t page = 0;  // which page of the webview (runtime::Caller::page): its resources are that page's
};

struct CallRequest {
  std::string command;
  std::string args_json = "{}";
  std::optional<std::string> body;  // raw bytes when the caller sent binary
  std::string scopes_json = R"({"command":null,"global":null})";
  Caller caller;
  const CallEnvironment* environment = nullptr;  // channels and resources; outlives the call
  const HostServices* services = nullptr;  // the called plugin's (path-scope check_path); outlives the call
};

struct CallResult {
  enum class Kind { json, bytes, error };
  Kind kind = Kind::error;
  std::string json;                 // Kind::json: valid JSON text
  std::string bytes;                // Kind::bytes: the raw bytes
  std::string error;                // Kind::error: the message
  // Kind::error only: the plugin refused the call because a scope does not allow it
  // (warden_host::reject_scope); `error` is then the detail for the audit log, not for the page.
  bool scope_refused = false;

  static CallResult from_json(std::string j) { return {Kind::json, std::move(j), {}, {}}; }
  static CallResult from_bytes(std::string b) { return {Kind::bytes, {}, std::move(b), {}}; }
  static CallResult from_error(std::string e) { return {Kind::error, {}, {}, std::move(e)}; }
  static CallResult from_scope_refusal(std::string detail) {
    return {Kind::error, {}, {}, std::move(detail), true};
  }
};

// Runs once, on the thread that completes the call (any thread), and receives the result.
using CallCallback = std::function<void(CallResult)>;

// The host's reference to one call. The shared state (request data, result) lives until both
// this object is destroyed and the call is completed, so a plugin that completes late never
// touches freed memory; destroying the PendingCall does not cancel the call. A call that is
// never completed keeps its state: a host that gives up on one (timeout, shutdown) completes
// it with an error through complete().
class PendingCall {
 public:
  PendingCall(std::string plugin, CallRequest request, CallCallback on_complete = {});
  ~PendingCall();
  PendingCall(PendingCall&& other) noexcept;
  PendingCall& operator=(PendingCall&&) = delete;
  PendingCall(const PendingCall&) = delete;
  PendingCall& operator=(const PendingCall&) = delete;

  const warden_request* request() const;  // what the command receives
  warden_call* handle() const;

  // Completes the call from the host side (unknown command, a command that threw across the
  // ABI, ...). false when it was already completed.
  bool complete(CallResult result);
  // After the command's invoke returned: a completion from now on that finds the call already
  // completed is no longer reported as a double completion within invoke.
  void invoke_returned();

  bool completed() const;
  // Waits until the call completes or the timeout passes; the result when completed. With an
  // on_complete callback, which takes the result, only its kind is left here.
  std::optional<CallResult> wait_for(std::chrono::milliseconds timeout) const;

 private:
  warden_call* call_;
};

// The completion functions of the host vtable (warden_host::resolve_json, ...).
void call_resolve_json(warden_call* call, const char* json, size_t size);
void call_reject_scope(warden_call* call, const char* detail);
void call_resolve_bytes(warden_call* call, const uint8_t* data, size_t size);
void call_reject(warden_call* call, const char* message);

// What the host's extensions reach through a call handle (warden.channels/1, warden.resources/1,
// warden.command-scopes/1, ...). The call's environment while it is still pending, else null
// (a completed handle is invalid for the plugin).
const CallEnvironment* call_environment(warden_call* call);
// The plugin the call belongs to, and its caller as the host recorded it.
const std::string& call_plugin(const warden_call* call);
const Caller& call_caller(const warden_call* call);
// Keeps a resource the call looked up open until the call completes (resource_get's promise).
void call_hold(warden_call* call, std::shared_ptr<ResourceObject> object);
// The request data of a call not completed yet; nullptr once it completed (the handle is invalid).
const CallRequest* pending_request(warden_call* call);

}  // namespace warden::plugin
