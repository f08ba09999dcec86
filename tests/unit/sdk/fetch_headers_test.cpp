// warden/fetch_headers.hpp, the Fetch standard's request header rules the http plugin applies to
// a page's fetch (and the updater to its configured headers): forbidden names in any case, the
// method-override headers, header injection refused even when unsafe headers are allowed, methods.
#include <stdexcept>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <warden/fetch_headers.hpp>

TEST(FetchHeaders, ForbiddenNamesAnyCase) {
  for (const char* name : {"Host", "content-length", "CONNECTION", "Cookie", "cookie2", "Origin", "Referer",
                           "Transfer-Encoding", "Keep-Alive", "TE", "Upgrade", "Via", "Expect", "Date", "DNT",
                           "Accept-Encoding", "Accept-Charset", "Set-Cookie", "Trailer",
                           "Access-Control-Request-Method", "Proxy-Authorization", "Sec-Fetch-Site"})
    EXPECT_TRUE(warden::is_forbidden_header(name, "x")) << name;
  for (const char* name : {"Accept", "Authorization", "Content-Type", "X-Custom", "User-Agent", "Range"})
    EXPECT_FALSE(warden::is_forbidden_header(name, "x")) << name;
}

TEST(FetchHeaders, MethodOverrideHeadersForbiddenOnlyForForbiddenMethods) {
  EXPECT_TRUE(warden::is_forbidden_header("X-HTTP-Method-Override", "TRACE"));
  EXPECT_TRUE(warden::is_forbidden_header("x-method-override", "get, connect"));
  EXPECT_FALSE(warden::is_forbidden_header("X-HTTP-Method", "PATCH"));
}

TEST(FetchHeaders, DroppedUnlessUnsafeAllowed) {
  warden::HeaderList page{{"Host", "evil.example"}, {"X-Token", " abc "}, {"Cookie", "a=b"}};
  auto verdict = warden::filter_request_headers(page, false);
  ASSERT_EQ(verdict.kept.size(), 1u);
  EXPECT_EQ(verdict.kept[0].first, "x-token");
  EXPECT_EQ(verdict.kept[0].second, "abc");
  EXPECT_EQ(verdict.dropped, (std::vector<std::string>{"host", "cookie"}));
  EXPECT_EQ(warden::filter_request_headers(page, true).kept.size(), 3u);
}

TEST(FetchHeaders, InjectionRefusedEvenWhenUnsafeAllowed) {
  EXPECT_THROW(warden::filter_request_headers({{"X-A", "1\r\nHost: evil"}}, true), std::invalid_argument);
  EXPECT_THROW(warden::filter_request_headers({{"X-A", "1\nB"}}, false), std::invalid_argument);
  EXPECT_THROW(warden::filter_request_headers({{"X-A", std::string("1\0B", 3)}}, false), std::invalid_argument);
  EXPECT_THROW(warden::filter_request_headers({{"X A", "1"}}, false), std::invalid_argument);
  EXPECT_THROW(warden::filter_request_headers({{"X-A:", "1"}}, false), std::invalid_argument);
  EXPECT_THROW(warden::filter_request_headers({{"", "1"}}, false), std::invalid_argument);
}

TEST(FetchHeaders, Methods) {
  EXPECT_TRUE(warden::is_forbidden_method("connect"));
  EXPECT_TRUE(warden::is_forbidden_method("TRACE"));
  EXPECT_TRUE(warden::is_forbidden_method("Track"));
  EXPECT_FALSE(warden::is_forbidden_method("PATCH"));
  EXPECT_EQ(warden::normalize_method("post"), "POST");
  EXPECT_EQ(warden::normalize_method("patch"), "patch");  // the Fetch standard leaves other methods alone
  EXPECT_FALSE(warden::is_token("GE T"));
  EXPECT_TRUE(warden::is_token("PROPFIND"));
}

TEST(FetchHeaders, FindRemoveAndTrim) {
  warden::HeaderList h{{"a", "1"}, {"b", "2"}, {"a", "3"}};
  EXPECT_EQ(warden::find_header(h, "a"), "1");
  EXPECT_EQ(warden::find_header(h, "c"), std::nullopt);
  warden::remove_header(h, "a");
  EXPECT_EQ(h, (warden::HeaderList{{"b", "2"}}));
  EXPECT_EQ(warden::trim_blanks(" \tv \t"), "v");
  EXPECT_EQ(warden::trim_blanks("v\r\n"), "v\r\n");  // a value's CR LF is not a blank: it is refused
  EXPECT_EQ(warden::trim_blanks(" v\r\n", true), "v");
  EXPECT_EQ(warden::ascii_lower("X-Ab\xc3\x89"), "x-ab\xc3\x89");  // non-ASCII bytes untouched
}

TEST(FetchHeaders, ForbiddenMethodInAnOverrideListAnywhere) {
  EXPECT_TRUE(warden::is_forbidden_header("X-HTTP-Method", "PATCH, \tTrack "));
  EXPECT_FALSE(warden::is_forbidden_header("X-HTTP-Method", "PATCH, TRACEX"));
  EXPECT_TRUE(warden::is_forbidden_header("sec-", ""));
  EXPECT_TRUE(warden::is_forbidden_header("PROXY-", ""));
  EXPECT_FALSE(warden::is_forbidden_header("proxy", "x"));  // only the prefix with its dash
}
