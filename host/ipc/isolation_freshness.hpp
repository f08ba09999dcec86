#pragma once
// Freshness of sealed isolation messages: each is accepted at most once.
//
// The isolation frame stamps every message with its clock (ms since the epoch, inside the
// authenticated plaintext) and a random 96-bit nonce. The host accepts a message only when
//   - its time is within [now - window, now + skew] (an older capture is stale), and
//   - its nonce was not accepted before during the window (a replay).
// Nonces are remembered only as long as their message could still be fresh, so memory is
// bounded by the call rate times the window, not by the length of the run.
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>

#include "ipc/isolation_message.hpp"

namespace warden::ipc {

class IsolationFreshness {
 public:
  static constexpr int64_t kDefaultWindowMs = 60'000;  // how old a message may be
  static constexpr int64_t kDefaultSkewMs = 5'000;     // how far ahead of the host's clock

  explicit IsolationFreshness(int64_t window_ms = kDefaultWindowMs, int64_t skew_ms = kDefaultSkewMs)
      : window_ms_(window_ms), skew_ms_(skew_ms) {}

  // nullopt and the nonce remembered when the message is fresh; otherwise why it is not.
  // Call only with authenticated messages, so that forged bytes cannot fill the set.
  std::optional<std::string> admit(const IsolationNonce& nonce, int64_t message_time_ms, int64_t now_ms);

  size_t remembered() const { return seen_.size(); }

 private:
  void forget_before(int64_t time_ms);

  int64_t window_ms_;
  int64_t skew_ms_;
  std::set<IsolationNonce> seen_;
  std::multimap<int64_t, IsolationNonce> by_time_;
};

}  // namespace warden::ipc
