#include "ipc/isolation_freshness.hpp"

namespace warden::ipc {

std::optional<std::string> IsolationFreshness::admit(const IsolationNonce& nonce, int64_t message_time_ms,
                                                     int64_t now_ms) {
  forget_before(now_ms - window_ms_);
  if (message_time_ms < now_ms - window_ms_)
    return "stale isolation message (" + std::to_string(now_ms - message_time_ms) + " ms old, at most " +
           std::to_string(window_ms_) + " accepted)";
  if (message_time_ms > now_ms + skew_ms_)
    return "isolation message dated " + std::to_string(message_time_ms - now_ms) + " ms in the future";
  if (!seen_.insert(nonce).second) return std::string("replayed isolation message (nonce already used)");
  by_time_.emplace(message_time_ms, nonce);
  return std::nullopt;
}

void IsolationFreshness::forget_before(int64_t time_ms) {
  // A nonce whose message time is before the window can only come back in a stale message.
  auto end = by_time_.lower_bound(time_ms);
  for (auto it = by_time_.begin(); it != end; ++it) seen_.erase(it->second);
  by_time_.erase(by_time_.begin(), end);
}

}  // namespace warden::ipc
