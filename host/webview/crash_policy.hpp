#pragma once
// What a window does when its web process dies: reload the page once; when it dies again
// soon after, show a plain error page instead, so a page that kills WebKit on every load does
// not loop (each reload costs a new web process).
#include <chrono>
#include <optional>

namespace warden::webview {

enum class CrashResponse { reload, show_error_page };

class CrashPolicy {
 public:
  using Clock = std::chrono::steady_clock;
  static constexpr Clock::duration default_window = std::chrono::seconds(30);

  explicit CrashPolicy(Clock::duration window = default_window) : window_(window) {}

  // A web process died at `now`.
  CrashResponse on_termination(Clock::time_point now);

  Clock::duration window() const { return window_; }

 private:
  Clock::duration window_;
  std::optional<Clock::time_point> last_;
};

}  // namespace warden::webview
