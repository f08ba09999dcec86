// The host's one origin: what a browser would serialize for each URL (the Origin header), and
// url_has_origin's exactness. Expected values are what `new URL(u).origin` gives in a browser,
// except for custom schemes, which the standard makes opaque but WebKit gives a tuple origin
// (its Origin header for the app's pages is "app://localhost"), and file: (see the test).
#include <gtest/gtest.h>

#include "acl/origin.hpp"

using warden::acl::kOpaqueOrigin;
using warden::acl::origin_of_url;
using warden::acl::url_has_origin;

TEST(Origin, SchemeHostPortOfAnHttpUrl) {
  EXPECT_EQ(origin_of_url("https://tauri.app/docs?x#y"), "https://tauri.app");
  EXPECT_EQ(origin_of_url("http://127.0.0.1:8080/a?b"), "http://127.0.0.1:8080");
  EXPECT_EQ(origin_of_url("https://tauri.app"), "https://tauri.app");
  EXPECT_EQ(origin_of_url("wss://a.example:8443/socket"), "wss://a.example:8443");
}

TEST(Origin, DefaultPortsAreDropped) {
  EXPECT_EQ(origin_of_url("http://a.example:80/"), "http://a.example");
  EXPECT_EQ(origin_of_url("https://a.example:443/"), "https://a.example");
  EXPECT_EQ(origin_of_url("ws://a.example:80/"), "ws://a.example");
  EXPECT_EQ(origin_of_url("wss://a.example:443/"), "wss://a.example");
  EXPECT_EQ(origin_of_url("ftp://a.example:21/"), "ftp://a.example");
  // Another scheme's default is a port like any other; leading zeros are not part of it.
  EXPECT_EQ(origin_of_url("http://a.example:443/"), "http://a.example:443");
  EXPECT_EQ(origin_of_url("https://a.example:0443/"), "https://a.example");
  EXPECT_EQ(origin_of_url("https://a.example:/"), "https://a.example");  // an empty port is none
}

TEST(Origin, UppercaseSchemesAndHostsAreLowercased) {
  EXPECT_EQ(origin_of_url("HTTPS://Tauri.APP/Docs"), "https://tauri.app");
  EXPECT_EQ(origin_of_url("HtTp://EXAMPLE.com:8080"), "http://example.com:8080");
}

TEST(Origin, IpHostsAreCanonical) {
  EXPECT_EQ(origin_of_url("http://[::1]:8080/"), "http://[::1]:8080");
  EXPECT_EQ(origin_of_url("http://[0:0:0:0:0:0:0:1]/"), "http://[::1]");
  EXPECT_EQ(origin_of_url("https://[2001:DB8::1]:443/"), "https://[2001:db8::1]");
  EXPECT_EQ(origin_of_url("http://[::ffff:1.2.3.4]/"), "http://[::ffff:102:304]");
  EXPECT_EQ(origin_of_url("http://0x7f.1/"), "http://127.0.0.1");
  EXPECT_EQ(origin_of_url("http://2130706433/"), "http://127.0.0.1");
  EXPECT_EQ(origin_of_url("http://[::1/"), kOpaqueOrigin);  // no closing bracket: does not parse
  EXPECT_EQ(origin_of_url("http://1.2.3.4.5/"), kOpaqueOrigin);
}

TEST(Origin, UserinfoIsNotPartOfTheOrigin) {
  EXPECT_EQ(origin_of_url("https://user:pw@a.example/"), "https://a.example");
  EXPECT_EQ(origin_of_url("https://a.example@evil.example/"), "https://evil.example");
  EXPECT_EQ(origin_of_url("https://@a.example/"), "https://a.example");
  EXPECT_EQ(origin_of_url("app://u@localhost/"), "app://localhost");
}

TEST(Origin, TrailingDotIsAnotherHost) {
  EXPECT_EQ(origin_of_url("https://a.example./x"), "https://a.example.");
  EXPECT_FALSE(url_has_origin("https://a.example./x", "https://a.example"));
}

TEST(Origin, TheAppsOwnAndCustomSchemes) {
  EXPECT_EQ(origin_of_url("app://localhost/index.html"), "app://localhost");
  EXPECT_EQ(origin_of_url("app://localhost"), "app://localhost");
  EXPECT_EQ(origin_of_url("isolation://localhost/index.html?x"), "isolation://localhost");
  EXPECT_EQ(origin_of_url("custom-scheme://host:1234/p"), "custom-scheme://host:1234");
  // The scheme is lowercased; a custom scheme's host keeps its case (the standard's opaque host).
  EXPECT_EQ(origin_of_url("APP://localhost/"), "app://localhost");
  EXPECT_EQ(origin_of_url("app://LocalHost/"), "app://LocalHost");
  EXPECT_EQ(origin_of_url("app:///index.html"), kOpaqueOrigin);  // no host
  EXPECT_EQ(origin_of_url("app://local host/"), kOpaqueOrigin);  // a forbidden host code point
}

TEST(Origin, OpaqueOriginsAreNull) {
  EXPECT_EQ(origin_of_url("data:text/html,<p>hi"), "null");
  EXPECT_EQ(origin_of_url("about:blank"), "null");
  EXPECT_EQ(origin_of_url("about:srcdoc"), "null");
  EXPECT_EQ(origin_of_url("javascript:alert(1)"), "null");
  EXPECT_EQ(origin_of_url("mailto:a@b.example"), "null");
  EXPECT_EQ(origin_of_url(""), "null");
  EXPECT_EQ(origin_of_url("not a url"), "null");
  EXPECT_EQ(origin_of_url("/relative/path"), "null");
  // file: is left to the browser by the standard; Warden treats it as opaque, equal to nothing.
  EXPECT_EQ(origin_of_url("file:///etc/passwd"), "null");
  EXPECT_EQ(origin_of_url("FILE://host/share"), "null");
}

TEST(Origin, BlobUrlsHaveTheirCreatorsOrigin) {
  EXPECT_EQ(origin_of_url("blob:https://a.example/0c1d-22"), "https://a.example");
  EXPECT_EQ(origin_of_url("blob:app://localhost/0c1d"), "null");
  EXPECT_EQ(origin_of_url("blob:null/0c1d"), "null");
}

TEST(Origin, WhitespaceAroundAndInsideIsIgnoredAsByTheUrlParser) {
  EXPECT_EQ(origin_of_url("  https://a.example/ \n"), "https://a.example");
  EXPECT_EQ(origin_of_url("ht\ttps://a.ex\nample/"), "https://a.example");
}

TEST(Origin, UrlHasOriginIsExact) {
  EXPECT_TRUE(url_has_origin("app://localhost/index.html", "app://localhost"));
  EXPECT_TRUE(url_has_origin("app://localhost", "app://localhost"));
  EXPECT_TRUE(url_has_origin("https://a.example", "https://a.example"));
  EXPECT_TRUE(url_has_origin("https://u@a.example/x", "https://a.example"));  // parsed: userinfo is not origin
  EXPECT_TRUE(url_has_origin("HTTPS://A.example:443/x", "https://a.example"));  // parsed: canonical
  EXPECT_FALSE(url_has_origin("https://a.example.evil.org/", "https://a.example"));
  EXPECT_FALSE(url_has_origin("https://a.example@evil.org/", "https://a.example"));
  EXPECT_FALSE(url_has_origin("https://a.example:8443/", "https://a.example"));
  EXPECT_FALSE(url_has_origin("https://a.examplex/", "https://a.example"));
  EXPECT_FALSE(url_has_origin("http://a.example/", "https://a.example"));
}

TEST(Origin, AnOpaqueOriginContainsNoUrl) {
  EXPECT_FALSE(url_has_origin("data:text/html,x", "null"));
  EXPECT_FALSE(url_has_origin("about:blank", "null"));
  EXPECT_FALSE(url_has_origin("null/x", "null"));
  EXPECT_FALSE(url_has_origin("https://a.example/", ""));
}
