// The denial log of a flood (webview/denial_digest.hpp): a few lines, with the counts, not one
// line per refused call.
#include "webview/denial_digest.hpp"

#include <chrono>
#include <sstream>
#include <thread>

#include <glib.h>
#include <gtest/gtest.h>
#include <spdlog/spdlog.h>

#include "captured_log.hpp"

using namespace warden;
using namespace std::chrono_literals;

namespace {

// log::denial writes to the default logger when no audit logger is set.
using test::CapturedLog;

const log::Denial kFlood{"", "flood", "flood", "app://localhost", 429, "too many calls in flight"};

}  // namespace

TEST(DenialDigest, AFloodMakesOneLineThenACountedSummary) {
  CapturedLog log;
  {
    webview::DenialDigest digest(100ms);
    for (int i = 0; i < 1000; ++i) digest.refuse("flood", kFlood);
    ASSERT_EQ(log.lines().size(), 1u);  // the first, at once
    EXPECT_NE(log.lines()[0].find("reason=\"too many calls in flight\""), std::string::npos) << log.lines()[0];
    // The other 999 are logged one interval later, as one line with their count.
    auto end = std::chrono::steady_clock::now() + 5s;
    while (log.lines().size() < 2 && std::chrono::steady_clock::now() < end) {
      g_main_context_iteration(nullptr, FALSE);
      std::this_thread::sleep_for(1ms);
    }
    ASSERT_EQ(log.lines().size(), 2u);
    EXPECT_NE(log.lines()[1].find("(999 calls refused like this since the last such line)"), std::string::npos)
        << log.lines()[1];
  }
  EXPECT_EQ(log.lines().size(), 2u);  // nothing left to log when it goes
}

TEST(DenialDigest, CountsReportedTogetherAndKeysApart) {
  CapturedLog log;
  {
    webview::DenialDigest digest(1h);
    digest.refuse("a", kFlood, 5);  // a count the bridge reported: one line saying 5
    digest.refuse("b", kFlood);
    digest.refuse("a", kFlood, 3);  // within the interval: held
    ASSERT_EQ(log.lines().size(), 2u);
    EXPECT_NE(log.lines()[0].find("(5 calls refused"), std::string::npos) << log.lines()[0];
  }
  // What was held is logged when the digest goes.
  ASSERT_EQ(log.lines().size(), 3u);
  EXPECT_NE(log.lines()[2].find("(3 calls refused"), std::string::npos) << log.lines()[2];
}
