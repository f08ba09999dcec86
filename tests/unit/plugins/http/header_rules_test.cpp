#include "header_rules.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

namespace hp = warden::http_plugin;

TEST(HttpHeaderRules, ForbiddenNamesAnyCase) {
  for (const char* name : {"Host", "content-length", "CONNECTION", "Cookie", "cookie2", "Origin", "Referer",
                           "Transfer-Encoding", "Keep-Alive", "TE", "Upgrade", "Via", "Expect", "Date", "DNT",
                           "Accept-Encoding", "Accept-Charset", "Set-Cookie", "Trailer",
                           "Access-Control-Request-Method", "Proxy-Authorization", "Sec-Fetch-Site"})
    EXPECT_TRUE(hp::is_forbidden_header(name, "x")) << name;
  for (const char* name : {"Accept", "Authorization", "Content-Type", "X-Custom", "User-Agent", "Range"})
    EXPECT_FALSE(hp::is_forbidden_header(name, "x")) << name;
}

TEST(HttpHeaderRules, MethodOverrideHeadersForbiddenOnlyForForbiddenMethods) {
  EXPECT_TRUE(hp::is_forbidden_header("X-HTTP-Method-Override", "TRACE"));
  EXPECT_TRUE(hp::is_forbidden_header("x-method-override", "get, connect"));
  EXPECT_FALSE(hp::is_forbidden_header("X-HTTP-Method", "PATCH"));
}

TEST(HttpHeaderRules, DroppedUnlessUnsafeAllowed) {
  hp::HeaderList page{{"Host", "evil.example"}, {"X-Token", " abc "}, {"Cookie", "a=b"}};
  auto verdict = hp::filter_request_headers(page, false);
  ASSERT_EQ(verdict.kept.size(), 1u);
  EXPECT_EQ(verdict.kept[0].first, "x-token");
  EXPECT_EQ(verdict.kept[0].second, "abc");
  EXPECT_EQ(verdict.dropped, (std::vector<std::string>{"host", "cookie"}));
  EXPECT_EQ(hp::filter_request_headers(page, true).kept.size(), 3u);
}

TEST(HttpHeaderRules, InjectionRefusedEvenWhenUnsafeAllowed) {
  EXPECT_THROW(hp::filter_request_headers({{"X-A", "1\r\nHost: evil"}}, true), std::invalid_argument);
  EXPECT_THROW(hp::filter_request_headers({{"X-A", "1\nB"}}, false), std::invalid_argument);
  EXPECT_THROW(hp::filter_request_headers({{"X-A", std::string("1\0B", 3)}}, false), std::invalid_argument);
  EXPECT_THROW(hp::filter_request_headers({{"X A", "1"}}, false), std::invalid_argument);
  EXPECT_THROW(hp::filter_request_headers({{"X-A:", "1"}}, false), std::invalid_argument);
  EXPECT_THROW(hp::filter_request_headers({{"", "1"}}, false), std::invalid_argument);
}

TEST(HttpHeaderRules, Methods) {
  EXPECT_TRUE(hp::is_forbidden_method("connect"));
  EXPECT_TRUE(hp::is_forbidden_method("TRACE"));
  EXPECT_TRUE(hp::is_forbidden_method("Track"));
  EXPECT_FALSE(hp::is_forbidden_method("PATCH"));
  EXPECT_EQ(hp::normalize_method("post"), "POST");
  EXPECT_EQ(hp::normalize_method("patch"), "patch");  // the Fetch standard leaves other methods alone
  EXPECT_FALSE(hp::is_token("GE T"));
  EXPECT_TRUE(hp::is_token("PROPFIND"));
}

TEST(HttpHeaderRules, ResponseHeaderTextIsAlwaysUtf8) {
  EXPECT_EQ(hp::header_text("plain"), "plain");
  EXPECT_EQ(hp::header_text("caf\xc3\xa9"), "caf\xc3\xa9");                 // UTF-8 kept
  EXPECT_EQ(hp::header_text("caf\xe9"), "caf\xc3\xa9");                     // Latin-1 read as bytes
  EXPECT_EQ(hp::header_text("a\xff\xfe\xc0\x80z"), "a\xc3\xbf\xc3\xbe\xc3\x80\xc2\x80z");  // overlong: bytes
  EXPECT_EQ(hp::header_text("\xed\xa0\x80"), "\xc3\xad\xc2\xa0\xc2\x80");     // a surrogate: bytes
  EXPECT_EQ(hp::header_text("\xe2\x82"), "\xc3\xa2\xc2\x82");                 // cut short: bytes
}
