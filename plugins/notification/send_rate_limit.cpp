#include "send_rate_limit.hpp"

#include <algorithm>

namespace warden::notification_plugin {

void SendRateLimit::refill(Bucket& b, double burst, double per_second, Clock::time_point now) {
  std::chrono::duration<double> elapsed = now - b.at;
  if (elapsed.count() > 0) b.tokens = std::min(burst, b.tokens + elapsed.count() * per_second);
  b.at = now;
}

bool SendRateLimit::take(const std::string& window, Clock::time_point now) {
  std::lock_guard lock(mutex_);
  if (!app_started_) {
    app_ = Bucket{burst_per_app, now};
    app_started_ = true;
  }
  auto [it, fresh] = windows_.try_emplace(window, Bucket{burst_per_window, now});
  Bucket& w = it->second;
  refill(w, burst_per_window, per_second_per_window, now);
  refill(app_, burst_per_app, per_second_per_app, now);
  if (w.tokens < 1 || app_.tokens < 1) return false;
  w.tokens -= 1;
  app_.tokens -= 1;
  return true;
}

}  // namespace warden::notification_plugin
