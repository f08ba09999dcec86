// Where a window's top-level document may go (issue 13, finding 10).
#include "webview/navigation_policy.hpp"

#include <gtest/gtest.h>

namespace warden::webview {
namespace {

std::vector<WindowConfig> windows() {
  return {WindowConfig{"main", "index.html", "t"}, WindowConfig{"remote", "http://127.0.0.1:8000/start.html", "t"}};
}

NavigationPolicy policy(const std::string& config, std::vector<acl::UrlPattern> granted = {}) {
  return NavigationPolicy(parse_navigation_config(config, "t.json"), windows(), std::move(granted));
}

TEST(NavigationPolicy, DefaultAllowsWhatTheAppShowsOrGrants) {
  auto p = policy("{}", {acl::UrlPattern::parse("https://granted.example/*")});
  EXPECT_TRUE(p.decide("main", "", "app://localhost/index.html").allowed);
  EXPECT_TRUE(p.decide("main", "app://localhost/index.html", "app://localhost/next.html#x").allowed);
  EXPECT_TRUE(p.decide("main", "app://localhost/index.html", "http://127.0.0.1:8000/other.html").allowed);
  EXPECT_TRUE(p.decide("main", "app://localhost/index.html", "https://granted.example/login").allowed);
  EXPECT_TRUE(p.decide("remote", "http://127.0.0.1:8000/start.html", "http://127.0.0.1:8000/second.html").allowed);
  EXPECT_TRUE(p.decide("main", "app://localhost/index.html", "about:blank").allowed);
  auto other = p.decide("main", "app://localhost/index.html", "http://127.0.0.1:9000/other.html");
  EXPECT_FALSE(other.allowed);
  EXPECT_NE(other.reason.find("app.security.navigation"), std::string::npos) << other.reason;
  EXPECT_FALSE(p.decide("remote", "http://127.0.0.1:8000/start.html", "https://evil.example/").allowed);
  EXPECT_FALSE(p.decide("main", "app://localhost/index.html", "file:///etc/passwd").allowed);
}

TEST(NavigationPolicy, OnlyAppPagesReachAppPages) {
  auto p = policy("{}");
  EXPECT_FALSE(p.decide("remote", "http://127.0.0.1:8000/start.html", "app://localhost/index.html#token=x").allowed);
  EXPECT_FALSE(p.decide("main", "https://granted.example/", "app://localhost/index.html").allowed);
  EXPECT_FALSE(p.decide("main", "app://localhost.evil.example/", "app://localhost/index.html").allowed);
  // A pattern naming the app's pages (URLPattern accepts any scheme) does not open them to others.
  auto naming_app = policy(R"({"app": {"security": {"navigation": {"allow": ["app://*", "*://*:*"]}}}})");
  EXPECT_FALSE(naming_app.decide("remote", "http://127.0.0.1:8000/start.html", "app://localhost/index.html").allowed);
  EXPECT_TRUE(naming_app.decide("main", "app://localhost/", "app://localhost/settings.html").allowed);
}

TEST(NavigationPolicy, ConfiguredListsReplaceTheDefault) {
  auto p = policy(R"({"app": {"security": {"navigation": {"allow": ["https://docs.example/*"]}},
                     "windows": [{"label": "remote", "navigation": {"allow": ["https://login.example/*"]}}]}})",
                  {acl::UrlPattern::parse("https://granted.example/*")});
  EXPECT_TRUE(p.decide("main", "app://localhost/", "https://docs.example/a").allowed);
  EXPECT_FALSE(p.decide("main", "app://localhost/", "https://granted.example/").allowed);
  EXPECT_FALSE(p.decide("main", "app://localhost/", "http://127.0.0.1:8000/start.html").allowed);
  EXPECT_TRUE(p.decide("remote", "http://127.0.0.1:8000/start.html", "https://login.example/x").allowed);
  EXPECT_FALSE(p.decide("remote", "http://127.0.0.1:8000/start.html", "https://docs.example/a").allowed);
  // A window always keeps the origin it starts at.
  EXPECT_TRUE(p.decide("remote", "https://login.example/x", "http://127.0.0.1:8000/back.html").allowed);
}

TEST(NavigationPolicy, MalformedConfigNamesTheField) {
  for (const char* bad : {R"({"app": {"security": {"navigation": ["https://x/*"]}}})",
                          R"({"app": {"security": {"navigation": {"allow": "https://x/*"}}}})",
                          R"({"app": {"security": {"navigation": {"allow": [""]}}}})",
                          R"({"app": {"security": {"navigation": {"allow": ["https://x/a:1"]}}}})",
                          R"({"app": {"security": {"navigation": {"allow": [], "deny": []}}}})",
                          R"({"app": {"windows": [{"label": "w", "navigation": {"allow": [1]}}]}})"}) {
    try {
      parse_navigation_config(bad, "t.json");
      ADD_FAILURE() << bad << " was accepted";
    } catch (const std::invalid_argument& e) {
      EXPECT_NE(std::string(e.what()).find("navigation"), std::string::npos) << e.what();
    }
  }
}

// The origin of a URL (acl::origin_of_url): tests/unit/acl/origin_test.cpp.

// A start URL's origin is the browser's (default port dropped, IPv6 in brackets, lowercase), and
// becomes an allow pattern even for an IPv6 host, whose colons pattern syntax reserves.
TEST(NavigationPolicy, StartOriginsAreBrowserOrigins) {
  NavigationPolicy p(parse_navigation_config("{}", "t.json"),
                     {WindowConfig{"v6", "http://[0:0::1]:8080/start.html", "t"},
                      WindowConfig{"named", "HTTP://Example.COM:80/start.html", "t"}},
                     {});
  EXPECT_TRUE(p.decide("v6", "http://[::1]:8080/start.html", "http://[::1]:8080/next.html").allowed);
  EXPECT_FALSE(p.decide("v6", "http://[::1]:8080/start.html", "http://[::1]:8081/").allowed);
  EXPECT_TRUE(p.decide("named", "http://example.com/start.html", "http://example.com/next").allowed);
  EXPECT_FALSE(p.decide("named", "http://example.com/start.html", "http://example.com:8080/").allowed);
}

}  // namespace
}  // namespace warden::webview
