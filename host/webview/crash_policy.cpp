#include "webview/crash_policy.hpp"

namespace warden::webview {

CrashResponse CrashPolicy::on_termination(Clock::time_point now) {
  bool again_soon = last_ && now - *last_ < window_;
  last_ = now;
  return again_soon ? CrashResponse::show_error_page : CrashResponse::reload;
}

}  // namespace warden::webview
