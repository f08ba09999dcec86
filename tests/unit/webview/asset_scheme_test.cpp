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

// Issue 12, finding 4: what an asset request is judged as. WebKitGTK 2.50 sends an Origin with
// CORS requests only; <img> and <video> loads carry none (nor Referer, nor Sec-Fetch-*), so they
// are judged by the webview's top-level document.
TEST(AssetScheme, RequestsAreJudgedByTheirOriginOrTheTopLevelDocument) {
  auto cors = asset_request_origin("app://localhost", "http://127.0.0.1:8000/x.html");
  ASSERT_TRUE(cors);
  EXPECT_EQ(cors->origin, "app://localhost");
  EXPECT_TRUE(cors->from_header);
  auto remote = asset_request_origin("http://127.0.0.1:8000", "app://localhost/index.html");
  ASSERT_TRUE(remote);
  EXPECT_EQ(remote->origin, "http://127.0.0.1:8000");  // the frame's, not its parent's
  auto plain = asset_request_origin(nullptr, "app://localhost/index.html");
  ASSERT_TRUE(plain);
  EXPECT_EQ(plain->origin, "app://localhost");
  EXPECT_FALSE(plain->from_header);
  auto top_remote = asset_request_origin(nullptr, "https://example.com:8443/a/b?c#d");
  ASSERT_TRUE(top_remote);
  EXPECT_EQ(top_remote->origin, "https://example.com:8443");
  // Opaque origins and unknown documents get nothing.
  EXPECT_FALSE(asset_request_origin("null", "app://localhost/index.html"));
  EXPECT_FALSE(asset_request_origin("", "app://localhost/index.html"));
  EXPECT_FALSE(asset_request_origin(nullptr, ""));
  EXPECT_FALSE(asset_request_origin(nullptr, "data:text/html,<p>x"));
  EXPECT_FALSE(asset_request_origin(nullptr, "about:blank"));
}
