#pragma once
// How many notifications a page may put on the screen: a burst, then a steady rate (a token
// bucket per window, and one for the whole app so that many windows cannot add up to a flood).
// A page over it gets an error saying so, and the server never sees the notification.
#include <chrono>
#include <map>
#include <mutex>
#include <string>

namespace warden::notification_plugin {

inline constexpr double burst_per_window = 10;
inline constexpr double per_second_per_window = 1;
inline constexpr double burst_per_app = 30;
inline constexpr double per_second_per_app = 3;

class SendRateLimit {
 public:
  using Clock = std::chrono::steady_clock;
  // [any-thread] Takes one notification from the window's and the app's allowance at `now`;
  // false (nothing taken) when either is spent.
  bool take(const std::string& window, Clock::time_point now = Clock::now());

 private:
  struct Bucket {
    double tokens;
    Clock::time_point at;
  };
  static void refill(Bucket& b, double burst, double per_second, Clock::time_point now);
  std::mutex mutex_;
  std::map<std::string, Bucket> windows_;
  Bucket app_{burst_per_app, Clock::time_point{}};
  bool app_started_ = false;
};

}  // namespace warden::notification_plugin
