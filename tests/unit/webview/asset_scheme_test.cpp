// The asset scheme's request parsing and its config: which file a URL names, which bytes a Range
// asks for, and what app.security.assetProtocol grants. Serving itself is covered end to end
// (tests/e2e: scenario asset_protocol).
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "webview/asset_protocol_config.hpp"
#include "webview/asset_scheme.hpp"

using namespace warden::webview;

TEST(AssetScheme, PathsAreDecodedAndMustBeAbsolute) {
  EXPECT_EQ(asset_path_of("/%2Fhome%2Fu%2Fpic%20one.png"), "/home/u/pic one.png");
  EXPECT_EQ(asset_path_of("//home/u/a.png"), "/home/u/a.png");
  EXPECT_EQ(asset_path_of("/relative.png"), std::nullopt);
  EXPECT_EQ(asset_path_of("/%2Fa%00b"), std::nullopt);
  EXPECT_EQ(asset_path_of("/%zz"), std::nullopt);
  EXPECT_EQ(asset_path_of("/"), std::nullopt);
}

TEST(AssetScheme, ByteRanges) {
  auto r = parse_byte_range("bytes=0-4", 10);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->first, 0u);
  EXPECT_EQ(r->last, 4u);
  r = parse_byte_range("bytes=5-", 10);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->first, 5u);
  EXPECT_EQ(r->last, 9u);
  r = parse_byte_range("bytes=-3", 10);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->first, 7u);
  r = parse_byte_range("bytes=2-100", 10);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->last, 9u);  // clipped to the file
  r = parse_byte_range("bytes=-30", 10);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->first, 0u);
  EXPECT_FALSE(parse_byte_range("bytes=10-", 10));  // past the end: 416
  EXPECT_FALSE(parse_byte_range("bytes=5-2", 10));
  EXPECT_FALSE(parse_byte_range("items=0-1", 10));
  EXPECT_FALSE(parse_byte_range("bytes=a-b", 10));
  EXPECT_FALSE(parse_byte_range("bytes=0-1", 0));
  EXPECT_FALSE(parse_byte_range("bytes=-0", 10));
}

TEST(AssetProtocolConfig, OffUnlessEnabled) {
  EXPECT_FALSE(parse_asset_protocol_config(R"({"app": {}})", "c.json").enabled);
  EXPECT_FALSE(parse_asset_protocol_config(R"({"app": {"security": {"assetProtocol": {"scope": ["/x/**"]}}}})", "c.json").enabled);
}

TEST(AssetProtocolConfig, ListOrAllowDenyScopes) {
  auto list = parse_asset_protocol_config(
      R"({"app": {"security": {"assetProtocol": {"enable": true, "scope": ["$PICTURE/**"]}}}})", "c.json");
  EXPECT_TRUE(list.enabled);
  EXPECT_EQ(list.scope, boost::json::parse(R"({"allow": ["$PICTURE/**"], "deny": []})"));
  auto object = parse_asset_protocol_config(
      R"({"app": {"security": {"assetProtocol": {"enable": true,
          "scope": {"allow": ["/a/**"], "deny": ["/a/secret/**"], "requireLiteralLeadingDot": false}}}}})",
      "c.json");
  EXPECT_EQ(object.scope, boost::json::parse(R"({"allow": ["/a/**"], "deny": ["/a/secret/**"]})"));
  EXPECT_FALSE(object.require_literal_leading_dot);
}

TEST(AssetProtocolConfig, MalformedFieldsAreNamed) {
  auto message = [](const char* text) {
    try {
      parse_asset_protocol_config(text, "app/warden.conf.json");
    } catch (const std::invalid_argument& e) {
      return std::string(e.what());
    }
    return std::string("(accepted)");
  };
  EXPECT_EQ(message(R"({"app": {"security": {"assetProtocol": {"enable": "yes"}}}})"),
            "app/warden.conf.json: app.security.assetProtocol.enable: expected true or false");
  EXPECT_NE(message(R"({"app": {"security": {"assetProtocol": {"enable": true, "scope": [1]}}}})").find("scope"),
            std::string::npos);
  EXPECT_NE(message(R"({"app": {"security": {"assetProtocol": {"enable": true, "scope": {"deny": "x"}}}}})")
                .find("scope.deny"),
            std::string::npos);
}
