#include "webext/frame_calls.hpp"

namespace warden::webext {

bool FrameCalls::admit(uint64_t frame_id, uint64_t& reported) {
  FrameState& frame = frames_[frame_id];
  if (frame.in_flight >= limit_) {
    ++frame.refused;
    return false;
  }
  ++frame.in_flight;
  reported = frame.refused;
  frame.refused = 0;
  return true;
}

void FrameCalls::settle(uint64_t frame_id) {
  auto it = frames_.find(frame_id);
  if (it != frames_.end() && it->second.in_flight > 0) --it->second.in_flight;
}

}  // namespace warden::webext
