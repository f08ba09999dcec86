#include "updater_config.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

namespace up = warden::updater;
namespace json = boost::json;

namespace {

std::string refusal(const char* config) {
  try {
    up::parse_updater_config(json::parse(config));
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  return "accepted";
}

}  // namespace

TEST(UpdaterConfig, AbsentOrEmptyIsUnconfiguredAndEveryCommandSaysSo) {
  auto c = up::parse_updater_config(json::object{});
  EXPECT_FALSE(c.configured);
  EXPECT_NE(up::endpoints_problem(c)->find("not configured"), std::string::npos);
}

TEST(UpdaterConfig, ReadsTaurisAndWardensKeys) {
  auto c = up::parse_updater_config(json::parse(R"({"endpoints":["https://a/{{target}}"],"pubkey":"K",
    "headers":{"X-App":"1"},"timeout":5000,"maxArchiveBytes":1024,"allowDowngrades":true,"windows":{}})"));
  EXPECT_TRUE(c.configured);
  EXPECT_EQ(c.endpoints.size(), 1u);
  EXPECT_EQ(c.timeout_ms, 5000u);
  EXPECT_EQ(c.max_archive_bytes, 1024u);
  EXPECT_TRUE(c.allow_downgrades);
  EXPECT_FALSE(c.allow_page_proxy);
  EXPECT_FALSE(up::endpoints_problem(c));
}

TEST(UpdaterConfig, HttpEndpointsNeedTheDangerousKey) {
  auto plain = up::parse_updater_config(json::parse(R"({"endpoints":["http://127.0.0.1/x"],"pubkey":"K"})"));
  ASSERT_TRUE(up::endpoints_problem(plain));
  EXPECT_NE(up::endpoints_problem(plain)->find("dangerousInsecureTransportProtocol"), std::string::npos);
  auto allowed = up::parse_updater_config(
      json::parse(R"({"endpoints":["http://127.0.0.1/x"],"pubkey":"K","dangerousInsecureTransportProtocol":true})"));
  EXPECT_FALSE(up::endpoints_problem(allowed));
  auto ftp = up::parse_updater_config(
      json::parse(R"({"endpoints":["ftp://h/x"],"pubkey":"K","dangerousInsecureTransportProtocol":true})"));
  EXPECT_TRUE(up::endpoints_problem(ftp));
  EXPECT_FALSE(up::url_scheme_allowed("file:///etc/passwd", true));
  EXPECT_TRUE(up::url_scheme_allowed("HTTPS://h/", false));
}

TEST(UpdaterConfig, RefusesMalformedKeysNamingThem) {
  EXPECT_NE(refusal(R"({"endpoints":["https://a"]})").find("pubkey"), std::string::npos);
  EXPECT_NE(refusal(R"({"endpoints":"https://a","pubkey":"K"})").find("endpoints"), std::string::npos);
  EXPECT_NE(refusal(R"({"pubkey":"K","timeout":-1})").find("timeout"), std::string::npos);
  EXPECT_NE(refusal(R"({"pubkey":"K","maxArchiveBytes":0})").find("maxArchiveBytes"), std::string::npos);
  EXPECT_NE(refusal(R"({"pubkey":"K","maxArchiveBytes":99999999999999})").find("maxArchiveBytes"), std::string::npos);
  EXPECT_NE(refusal(R"({"pubkey":"K","dangerousInsecureTransportProtocol":"yes"})").find("true or false"),
            std::string::npos);
  EXPECT_NE(refusal(R"({"pubkey":"K","pubKey":"x"})").find("unknown key"), std::string::npos);
  EXPECT_NE(refusal(R"({"pubkey":"K","headers":{"X":"a\r\nEvil: 1"}})").find("holds CR, LF or NUL"), std::string::npos);
  EXPECT_NE(refusal(R"({"pubkey":"K","headers":{"Bad Name":"1"}})").find("token"), std::string::npos);
  // The Fetch standard's forbidden names are the app author's choice in the config (a page's are filtered).
  EXPECT_NO_THROW(up::parse_updater_config(boost::json::parse(R"({"pubkey":"K","headers":{"Cookie":"a=1"}})")));
}
