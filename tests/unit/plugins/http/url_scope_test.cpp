#include "url_scope.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

namespace hp = warden::http_plugin;

namespace {

// A stand-in for warden.url-patterns/1 that only tests the judgment's logic: a pattern ending in
// '*' matches URLs starting with what precedes it, "!" does not parse, anything else matches
// itself.
int prefix_matcher(const std::string& pattern, const std::string& url, std::string& error) {
  if (pattern == "!") {
    error = "bad pattern";
    return -1;
  }
  if (pattern.ends_with("*")) return url.starts_with(pattern.substr(0, pattern.size() - 1)) ? 1 : 0;
  return pattern == url ? 1 : 0;
}

hp::UrlScope scope(const char* json) { return hp::parse_url_scope(boost::json::parse(json)); }

}  // namespace

TEST(HttpUrlScope, ReadsCommandAndGlobalEntries) {
  auto s = scope(R"({"command": {"allow": [{"url": "http://a/*"}, "http://b/*"], "deny": [{"url": "http://a/x"}]},
                     "global": {"allow": [{"url": "http://c/*"}], "deny": []}})");
  EXPECT_EQ(s.allow, (std::vector<std::string>{"http://a/*", "http://b/*", "http://c/*"}));
  EXPECT_EQ(s.deny, (std::vector<std::string>{"http://a/x"}));
  EXPECT_TRUE(s.malformed.empty());
}

TEST(HttpUrlScope, AllowedOnlyByAnAllowEntryAndNoDenyEntry) {
  auto s = scope(R"({"command": {"allow": [{"url": "http://a/*"}], "deny": [{"url": "http://a/secret*"}]}, "global": null})");
  EXPECT_TRUE(hp::judge_url(s, "http://a/page", prefix_matcher).allowed);
  auto denied = hp::judge_url(s, "http://a/secret/1", prefix_matcher);
  EXPECT_FALSE(denied.allowed);
  EXPECT_NE(denied.reason.find("deny entry"), std::string::npos);
  EXPECT_FALSE(hp::judge_url(s, "http://b/page", prefix_matcher).allowed);
}

TEST(HttpUrlScope, NoAllowEntryAllowsNothing) {
  auto s = scope(R"({"command": null, "global": null})");
  auto j = hp::judge_url(s, "http://a/", prefix_matcher);
  EXPECT_FALSE(j.allowed);
  EXPECT_NE(j.reason.find("allows no URL"), std::string::npos);
}

TEST(HttpUrlScope, AnUnjudgeableDenyEntryRefusesEverything) {
  auto s = scope(R"({"command": {"allow": [{"url": "http://a/*"}], "deny": [{"url": "!"}]}})");
  EXPECT_FALSE(hp::judge_url(s, "http://a/page", prefix_matcher).allowed);
  auto malformed = scope(R"({"command": {"allow": [{"url": "http://a/*"}], "deny": [{"path": "/x"}]}})");
  EXPECT_FALSE(hp::judge_url(malformed, "http://a/page", prefix_matcher).allowed);
}

TEST(HttpUrlScope, AnUnjudgeableAllowEntryGrantsNothing) {
  auto s = scope(R"({"command": {"allow": [{"url": "!"}, {"url": 5}]}})");
  EXPECT_EQ(s.malformed.size(), 1u);
  EXPECT_FALSE(hp::judge_url(s, "http://a/page", prefix_matcher).allowed);
}
