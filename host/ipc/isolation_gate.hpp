#pragma once
// The host's side of the isolation pattern: what the IPC receiver asks before anything else
// when app.security.pattern is "isolation". A request is let through only when its body is a
// message sealed by this run's isolation frame (isolation_message.hpp), fresh
// (isolation_freshness.hpp), for the command named in its URL and from the origin that sent it.
// Plain requests, other keys, altered bytes and replays are refused with a reason for the log.
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "ipc/isolation_freshness.hpp"
#include "ipc/isolation_key.hpp"
#include "ipc/isolation_message.hpp"

namespace warden::ipc {

// The call as the bridge would have sent it without the pattern, its caller headers included:
// under the pattern these are the only caller headers a command gets.
struct OpenedCall {
  std::string content_type;
  std::vector<uint8_t> body;
  CallerHeaders headers;
};

class IsolationGate {
 public:
  explicit IsolationGate(const IsolationKey& key, IsolationFreshness freshness = IsolationFreshness())
      : key_(key), freshness_(freshness) {}

  // `url_command`: the percent-decoded command of the URL; `origin`: the request's Origin header
  // (set by WebKit); `now_ms`: the host's clock, ms since the epoch. Not thread-safe (the IPC
  // scheme calls it on the main thread).
  std::variant<OpenedCall, IsolationError> admit(std::string_view content_type, std::span<const uint8_t> body,
                                                 std::string_view url_command, std::string_view origin,
                                                 int64_t now_ms);

 private:
  IsolationKey key_;
  IsolationFreshness freshness_;
};

// ms since the Unix epoch from the system clock (the isolation frame's Date.now() is the same clock).
int64_t isolation_clock_now_ms();

}  // namespace warden::ipc
