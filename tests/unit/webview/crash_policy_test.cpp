// A window reloads once after its web process dies, and stops reloading when it dies again soon.
#include <gtest/gtest.h>

#include "webview/crash_policy.hpp"

using warden::webview::CrashPolicy;
using warden::webview::CrashResponse;
using namespace std::chrono_literals;

TEST(CrashPolicy, FirstDeathReloads) {
  CrashPolicy policy(30s);
  EXPECT_EQ(policy.on_termination(CrashPolicy::Clock::time_point(100s)), CrashResponse::reload);
}

TEST(CrashPolicy, SecondDeathWithinTheWindowShowsTheErrorPage) {
  CrashPolicy policy(30s);
  auto t = CrashPolicy::Clock::time_point(100s);
  policy.on_termination(t);
  EXPECT_EQ(policy.on_termination(t + 29s), CrashResponse::show_error_page);
  // And it stays on the error page while deaths keep coming close together.
  EXPECT_EQ(policy.on_termination(t + 40s), CrashResponse::show_error_page);
}

TEST(CrashPolicy, DeathsFarApartReloadEachTime) {
  CrashPolicy policy(30s);
  auto t = CrashPolicy::Clock::time_point(100s);
  EXPECT_EQ(policy.on_termination(t), CrashResponse::reload);
  EXPECT_EQ(policy.on_termination(t + 30s), CrashResponse::reload);
  EXPECT_EQ(policy.on_termination(t + 61s), CrashResponse::reload);
}
