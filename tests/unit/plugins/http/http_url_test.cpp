#include "http_url.hpp"

#include <gtest/gtest.h>

namespace hp = warden::http_plugin;

TEST(HttpUrl, ParsesHttpAndHttps) {
  std::string problem;
  auto u = hp::parse_http_url("HTTP://Example.COM/a?b#c", problem);
  ASSERT_TRUE(u) << problem;
  EXPECT_EQ(u->scheme, "http");
  EXPECT_EQ(u->host, "example.com");
  EXPECT_EQ(u->port, 80);
  EXPECT_EQ(u->origin(), "http://example.com");
  auto s = hp::parse_http_url("https://127.0.0.1:8443/x", problem);
  ASSERT_TRUE(s);
  EXPECT_EQ(s->port, 8443);
  EXPECT_EQ(s->origin(), "https://127.0.0.1:8443");
  EXPECT_FALSE(u->same_origin(*s));
}

TEST(HttpUrl, RefusesOtherSchemesAndAmbiguousText) {
  std::string problem;
  for (const char* bad : {"file:///etc/passwd", "ftp://example.com/", "example.com/x", "/relative",
                          "http://allowed.example\\@evil.example/", "http://a b/", "http://x/\n", "gopher://x/",
                          "data:text/plain,hi", "http://"})
    EXPECT_FALSE(hp::parse_http_url(bad, problem)) << bad;
}

TEST(HttpUrl, ResolvesLocations) {
  std::string problem;
  auto base = hp::parse_http_url("http://127.0.0.1:9000/dir/page?q=1", problem);
  ASSERT_TRUE(base);
  auto rel = hp::resolve_location(*base, "other", problem);
  ASSERT_TRUE(rel) << problem;
  EXPECT_EQ(rel->text, "http://127.0.0.1:9000/dir/other");
  auto abs = hp::resolve_location(*base, "/top", problem);
  ASSERT_TRUE(abs);
  EXPECT_EQ(abs->text, "http://127.0.0.1:9000/top");
  auto away = hp::resolve_location(*base, "https://elsewhere.example/", problem);
  ASSERT_TRUE(away);
  EXPECT_FALSE(away->same_origin(*base));
  EXPECT_FALSE(hp::resolve_location(*base, "file:///etc/passwd", problem));
  EXPECT_FALSE(hp::resolve_location(*base, "ftp://x/", problem));
}

TEST(HttpUrl, RefusesSpellingsThatStepAroundDenyEntries) {
  std::string problem;
  EXPECT_FALSE(hp::parse_http_url("https://internal.example.com./x", problem));
  EXPECT_NE(problem.find("dot"), std::string::npos) << problem;
  EXPECT_FALSE(hp::parse_http_url("http://[::ffff:127.0.0.1]/", problem));
  EXPECT_FALSE(hp::parse_http_url("http://[::FFFF:7f00:1]:8080/", problem));
  EXPECT_TRUE(hp::parse_http_url("http://[::1]:8080/", problem)) << problem;
  auto base = hp::parse_http_url("http://127.0.0.1:9000/", problem);
  ASSERT_TRUE(base);
  EXPECT_FALSE(hp::resolve_location(*base, "http://internal.example.com./", problem));
}
