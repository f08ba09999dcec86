#pragma once
// The denial log of refusals that come in floods (calls beyond a webview's limit): the first
// refusal of a key is logged at once, then at most one line per interval for that key, saying how
// many calls were refused since the last line; what is counted and not yet logged is logged one
// interval after the first of them, so the count of a flood's tail is not lost. One page's flood
// makes a few lines a second, not one per call.
#include <chrono>
#include <cstddef>
#include <map>
#include <memory>
#include <string>

#include "log/log.hpp"

namespace warden::webview {

class DenialDigest {
 public:
  explicit DenialDigest(std::chrono::milliseconds interval = std::chrono::seconds(1));
  ~DenialDigest();  // what is counted and not yet logged is logged now
  DenialDigest(const DenialDigest&) = delete;
  DenialDigest& operator=(const DenialDigest&) = delete;

  // [main-thread] Counts `count` refusals like `d` under `key` (a webview and a reason).
  void refuse(const std::string& key, const log::Denial& d, size_t count = 1);

  // Opaque; public only so that the GLib timer callback in the .cpp can name it.
  struct State;

 private:
  std::shared_ptr<State> state_;
};

}  // namespace warden::webview
