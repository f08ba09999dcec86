#pragma once
// The completion of one command call: settles exactly once, from any thread. A completion
// dropped without being settled rejects the call, so no promise is left pending.
#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "ipc/invoke_response.hpp"

namespace warden::runtime {

class Completion {
 public:
  // `settle` receives the one response; it is called on whatever thread settles first.
  explicit Completion(std::function<void(ipc::InvokeResponse)> settle);
  ~Completion();
  Completion(const Completion&) = delete;
  Completion& operator=(const Completion&) = delete;

  // Each returns false (and does nothing) when the call was already settled. The text or bytes
  // are moved into the response (no copy of a large result).
  bool resolve_json(std::string json);
  bool resolve_bytes(std::string data);
  bool reject(std::string_view message);
  bool settle(ipc::InvokeResponse response);

  bool settled() const { return settled_.load(); }

 private:
  std::atomic<bool> settled_{false};
  std::function<void(ipc::InvokeResponse)> settle_;
};

}  // namespace warden::runtime
