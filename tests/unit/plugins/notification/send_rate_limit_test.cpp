// The rate limit: a burst per window, then a steady rate; the app's own bucket across windows.
#include <gtest/gtest.h>

#include <chrono>
#include <string>

#include "send_rate_limit.hpp"

namespace np = warden::notification_plugin;
using namespace std::chrono_literals;

TEST(SendRateLimit, BurstThenOnePerSecondPerWindow) {
  np::SendRateLimit limit;
  auto t = np::SendRateLimit::Clock::time_point{} + 1000s;
  for (int i = 0; i < 10; ++i) EXPECT_TRUE(limit.take("main", t)) << i;
  EXPECT_FALSE(limit.take("main", t));
  EXPECT_FALSE(limit.take("main", t + 900ms));
  EXPECT_TRUE(limit.take("main", t + 1s));
  EXPECT_FALSE(limit.take("main", t + 1s));
  EXPECT_TRUE(limit.take("other", t + 1s)) << "another window has its own burst";
  // Refill stops at the burst: a long pause gives 10, not more.
  for (int i = 0; i < 10; ++i) EXPECT_TRUE(limit.take("main", t + 1h)) << i;
  EXPECT_FALSE(limit.take("main", t + 1h));
}

TEST(SendRateLimit, ManyWindowsCannotAddUpToAFlood) {
  np::SendRateLimit limit;
  auto t = np::SendRateLimit::Clock::time_point{} + 1000s;
  int taken = 0;
  for (int w = 0; w < 10; ++w)
    for (int i = 0; i < 10; ++i) taken += limit.take("w" + std::to_string(w), t);
  EXPECT_EQ(taken, 30) << "the app's burst";
  EXPECT_FALSE(limit.take("fresh", t));
  EXPECT_TRUE(limit.take("fresh", t + 400ms)) << "3 a second for the app";
}
