#include "runtime/completion.hpp"

#include <spdlog/spdlog.h>

namespace warden::runtime {

Completion::Completion(std::function<void(ipc::InvokeResponse)> settle) : settle_(std::move(settle)) {}

Completion::~Completion() {
  if (!settled_.load()) {
    spdlog::error("runtime: a command returned without completing its call; rejecting it");
    settle(ipc::InvokeResponse::error(500, "command did not complete"));
  }
}

bool Completion::settle(ipc::InvokeResponse response) {
  if (settled_.exchange(true)) {
    spdlog::warn("runtime: a call was completed more than once; ignored");
    return false;
  }
  auto fn = std::move(settle_);
  settle_ = nullptr;
  fn(std::move(response));
  return true;
}

bool Completion::resolve_json(std::string json) { return settle(ipc::InvokeResponse::json(std::move(json))); }
bool Completion::resolve_bytes(std::string data) {
  return settle(ipc::InvokeResponse::bytes(std::move(data)));
}
bool Completion::reject(std::string_view message) {
  return settle(ipc::InvokeResponse::error(500, message));
}

}  // namespace warden::runtime
