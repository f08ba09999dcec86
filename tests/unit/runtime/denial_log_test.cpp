// The audit line of a denial (host/log), as the dispatcher and the IPC scheme write it.
#include <boost/json.hpp>
#include <gtest/gtest.h>

#include "log/log.hpp"

namespace warden::log {
namespace {

TEST(DenialLog, TextIsOneLineWithEveryField) {
  Denial d{"plugin:fs|read", "main", "main", "app://localhost", 403, "no capability grants it\nsecond \"line\""};
  auto t = denial_text(d);
  EXPECT_EQ(t.find('\n'), std::string::npos);
  EXPECT_EQ(t, "ipc denied: command=\"plugin:fs|read\" window=\"main\" webview=\"main\" origin=\"app://localhost\" "
               "status=403 reason=\"no capability grants it\\nsecond \\\"line\\\"\"");
}

TEST(DenialLog, JsonHasEveryField) {
  Denial d{"greet", "w\x01", "v", "https://x.com", 404, "unknown command"};
  auto j = boost::json::parse(denial_json_fields(d)).as_object();
  EXPECT_EQ(j.at("event"), "ipc.denied");
  EXPECT_EQ(j.at("command"), "greet");
  EXPECT_EQ(j.at("window"), "w\x01");
  EXPECT_EQ(j.at("webview"), "v");
  EXPECT_EQ(j.at("origin"), "https://x.com");
  EXPECT_EQ(j.at("status"), 404);
  EXPECT_EQ(j.at("reason"), "unknown command");
}

TEST(DenialLog, FormatNames) {
  EXPECT_EQ(parse_format("json"), Format::json);
  EXPECT_EQ(parse_format("text"), Format::text);
  EXPECT_FALSE(parse_format("xml"));
  EXPECT_THROW(init(std::nullopt, "xml"), std::invalid_argument);
}

}  // namespace
}  // namespace warden::log
