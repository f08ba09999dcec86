#pragma once
// What the extension keeps per frame of its web process: which window the frame shows now (a
// generation, bumped at every window-object-cleared) and how many of its calls await the host's
// reply (app.ipc.maxCallsInFlight per frame, as the host keeps it per webview).
#include <cstdint>
#include <unordered_map>

namespace warden::webext {

struct FrameState {
  uint64_t generation = 0;  // the frame's current window; a function of an older one is stale
  uint64_t in_flight = 0;   // calls sent and not yet answered
  uint64_t refused = 0;     // calls refused here since the last one sent (reported with it)
};

class FrameCalls {
 public:
  explicit FrameCalls(uint64_t limit) : limit_(limit) {}

  // [main-thread] The frame shows a new window; returns its generation.
  uint64_t new_window(uint64_t frame_id) { return ++frames_[frame_id].generation; }
  // [main-thread] Whether `generation` is still the frame's current window.
  bool current(uint64_t frame_id, uint64_t generation) const {
    auto it = frames_.find(frame_id);
    return it != frames_.end() && it->second.generation == generation;
  }
  // [main-thread] Takes a call of the frame, or counts it as refused when the frame already has
  // `limit` calls in flight. On success, `reported` gets the refusals to report with this call.
  bool admit(uint64_t frame_id, uint64_t& reported);
  // [main-thread] A call of the frame was answered.
  void settle(uint64_t frame_id);

 private:
  uint64_t limit_;
  std::unordered_map<uint64_t, FrameState> frames_;
};

}  // namespace warden::webext
