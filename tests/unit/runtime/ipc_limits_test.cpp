#include "runtime/ipc_limits.hpp"

#include <gtest/gtest.h>

using namespace warden::runtime;

TEST(IpcLimits, DefaultsWhenAbsent) {
  auto l = parse_ipc_limits(R"({"identifier": "x", "app": {"windows": []}})", "conf");
  EXPECT_EQ(l.calls_in_flight, 1024u);
  EXPECT_EQ(l.pool.threads, 0u);  // the pool's default
  EXPECT_EQ(l.pool.per_webview, 0u);
}

TEST(IpcLimits, ReadsEveryField) {
  auto l = parse_ipc_limits(R"({"app": {"ipc": {"maxCallsInFlight": 16, "blockingThreads": 6,
      "blockingThreadsPerWebview": 3}}, /* comments allowed */})", "conf");
  EXPECT_EQ(l.calls_in_flight, 16u);
  EXPECT_EQ(l.pool.threads, 6u);
  EXPECT_EQ(l.pool.per_webview, 3u);
}

TEST(IpcLimits, BadValuesNameTheKeyAndWhatIsExpected) {
  auto error = [](const char* text) {
    try {
      parse_ipc_limits(text, "warden.conf.json");
    } catch (const std::runtime_error& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  EXPECT_EQ(error(R"({"app": {"ipc": {"maxCallsInFlight": 0}}})"),
            "warden.conf.json: app.ipc.maxCallsInFlight: must be an integer from 1 to 65536");
  EXPECT_EQ(error(R"({"app": {"ipc": {"maxCallsInFlight": "many"}}})"),
            "warden.conf.json: app.ipc.maxCallsInFlight: must be an integer from 1 to 65536");
  EXPECT_EQ(error(R"({"app": {"ipc": {"maxCallsInFlight": 1.5}}})"),
            "warden.conf.json: app.ipc.maxCallsInFlight: must be an integer from 1 to 65536");
  EXPECT_EQ(error(R"({"app": {"ipc": {"blockingThreads": 4, "blockingThreadsPerWebview": 5}}})"),
            "warden.conf.json: app.ipc.blockingThreadsPerWebview: must be an integer from 1 to 4");
  // The host compiles in no app commands: app.ipc.sampleCommands is gone (app.library instead).
  EXPECT_TRUE(error(R"({"app": {"ipc": {"sampleCommands": true}}})").starts_with("warden.conf.json: app.ipc.sampleCommands: unknown key"));
  EXPECT_EQ(error(R"({"app": {"ipc": []}})"), "warden.conf.json: app.ipc: must be an object");
  EXPECT_TRUE(error(R"({"app": {"ipc": {"maxCalls": 3}}})").starts_with("warden.conf.json: app.ipc.maxCalls: unknown key"));
}
