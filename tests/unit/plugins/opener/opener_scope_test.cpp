// The opener scope's entries as tauri-plugin-opener writes them, and open_url's judgment: the
// "app" rule, deny entries that refuse whatever `with` says, local-content schemes only by an
// entry that names them, malformed allow entries granting nothing and malformed deny entries
// refusing everything; the page's arguments.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "opener_scope.hpp"
#include "page_arguments.hpp"

namespace json = boost::json;
using namespace warden::opener_plugin;

namespace {
OpenerScope scope(const char* allow, const char* deny = "[]") {
  return parse_opener_scope(json::parse(std::string(R"({"command": {"allow": )") + allow + R"(, "deny": )" + deny +
                                        R"(}, "global": null})"));
}
bool allowed(const OpenerScope& s, const char* url, std::optional<std::string> with = std::nullopt) {
  return judge_url(s, url, with).allowed;
}
const char* kDefault = R"([{"url": "mailto:*"}, {"url": "tel:*"}, {"url": "http://*"}, {"url": "https://*"}])";
}  // namespace

TEST(OpenerScope, TheDefaultUrlsWithTheDefaultApplicationOnly) {
  auto s = scope(kDefault);
  EXPECT_TRUE(allowed(s, "https://tauri.app"));
  EXPECT_TRUE(allowed(s, "mailto:a@b"));
  EXPECT_TRUE(allowed(s, "tel:123"));
  EXPECT_FALSE(allowed(s, "ftp://x"));
  EXPECT_FALSE(allowed(s, "file:///etc/passwd"));
  EXPECT_FALSE(allowed(s, "https://tauri.app", "firefox"));
  EXPECT_NE(judge_url(s, "https://tauri.app", "firefox").reason.find("default application only"), std::string::npos);
}

TEST(OpenerScope, TheAppField) {
  auto s = scope(R"([{"url": "https://any/*", "app": true}, {"url": "https://none/*", "app": false},
                     {"url": "https://ff/*", "app": "firefox"}])");
  EXPECT_TRUE(allowed(s, "https://any/x"));
  EXPECT_TRUE(allowed(s, "https://any/x", "anything"));
  EXPECT_FALSE(allowed(s, "https://none/x"));
  EXPECT_FALSE(allowed(s, "https://none/x", "firefox"));
  EXPECT_TRUE(allowed(s, "https://ff/x", "firefox"));
  EXPECT_FALSE(allowed(s, "https://ff/x", "firefox-esr"));
  EXPECT_FALSE(allowed(s, "https://ff/x"));
}

TEST(OpenerScope, DenyEntriesRefuseWhateverWithSays) {
  auto s = scope(R"([{"url": "https://*", "app": true}])", R"([{"url": "https://evil.example/*"}])");
  EXPECT_FALSE(allowed(s, "https://evil.example/x"));
  EXPECT_FALSE(allowed(s, "https://evil.example/x", "firefox"));
  EXPECT_TRUE(allowed(s, "https://good.example/x", "firefox"));
}

TEST(OpenerScope, LocalContentSchemesOnlyWhenNamed) {
  auto everything = scope(R"([{"url": "*"}, {"url": "*:*"}, {"url": "f?le:*"}])");
  for (const char* url : {"file:///etc/passwd", "FILE:///etc/passwd", "javascript:alert(1)", "data:text/html,x",
                          "vbscript:x"})
    EXPECT_FALSE(allowed(everything, url)) << url;
  EXPECT_TRUE(allowed(everything, "https://x"));
  EXPECT_TRUE(allowed(everything, "smb://host/share"));
  auto named = scope(R"([{"url": "file:///home/*"}])");
  EXPECT_TRUE(allowed(named, "file:///home/me/a.txt"));
  EXPECT_FALSE(allowed(named, "file:///etc/passwd"));
}

TEST(OpenerScope, MalformedEntries) {
  auto s = scope(R"([{"url": "https://[a-"}, {"url": 3}, "https://*", {"url": "https://ok/*", "path": "/x"},
                     {"url": "https://x/*", "app": 1}, {"url": "https://fine/*"}])");
  EXPECT_EQ(s.ignored.size(), 5u);
  EXPECT_TRUE(allowed(s, "https://fine/a"));
  EXPECT_FALSE(allowed(s, "https://ok/a"));
  EXPECT_THROW(scope(kDefault, R"([{"url": "https://[a-"}])"), std::runtime_error);
  EXPECT_THROW(scope(kDefault, R"(["https://evil/*"])"), std::runtime_error);
}

TEST(OpenerScope, PathEntries) {
  auto s = scope(R"([{"path": "$HOME/**"}, {"path": "/opt/x/**", "app": "gimp", "executables": true}])",
                 R"([{"path": "$HOME/.ssh/**"}])");
  ASSERT_EQ(s.allow_paths.size(), 2u);
  EXPECT_EQ(s.allow_paths[0].pattern, "$HOME/**");
  EXPECT_FALSE(s.allow_paths[0].executables);
  EXPECT_TRUE(s.allow_paths[1].executables);
  EXPECT_TRUE(s.allow_paths[1].app.allows(std::string("gimp")));
  ASSERT_EQ(s.deny_paths.size(), 1u);
  EXPECT_TRUE(s.allow_urls.empty());
  auto bad = scope(R"([{"path": "/x", "executables": "yes"}])");
  EXPECT_TRUE(bad.allow_paths.empty());
}

TEST(PageArguments, WhatThePackageSends) {
  auto u = open_url_args(json::parse(R"({"url": "https://x"})"));
  EXPECT_EQ(u.url, "https://x");
  EXPECT_FALSE(u.with);
  EXPECT_EQ(*open_url_args(json::parse(R"({"url": "https://x", "with": "firefox"})")).with, "firefox");
  EXPECT_FALSE(open_url_args(json::parse(R"({"url": "https://x", "with": null})")).with);
  for (const char* bad : {R"({})", R"({"url": 1})", R"({"url": "https://a b"})", R"({"url": "https://a\nb"})",
                          R"({"url": "no scheme"})", R"({"url": "/etc/passwd"})", R"({"url": "https://x", "with": ""})"})
    EXPECT_THROW(open_url_args(json::parse(bad)), std::invalid_argument) << bad;
  EXPECT_THROW(open_url_args(json::value{{"url", "https://" + std::string(kMaxUrlBytes, 'a')}}), std::invalid_argument);
  EXPECT_EQ(open_path_args(json::parse(R"({"path": "/a/b"})")).path, "/a/b");
  EXPECT_THROW(open_path_args(json::parse(R"({"path": "a/b"})")), std::invalid_argument);
  EXPECT_EQ(reveal_args(json::parse(R"({"paths": ["/a", "/b"]})")).size(), 2u);
  EXPECT_EQ(reveal_args(json::parse(R"({"path": "/a"})")).size(), 1u);
  EXPECT_TRUE(reveal_args(json::parse(R"({"paths": []})")).empty());
  EXPECT_THROW(reveal_args(json::parse(R"({"paths": ["/a", "b"]})")), std::invalid_argument);
  EXPECT_THROW(reveal_args(json::parse(R"({"paths": "/a"})")), std::invalid_argument);
}
