// The url entries' glob, with the meaning Tauri's opener gives it (glob::Pattern on the whole URL):
// '*' crosses '/', matching is case-sensitive and whole, sets and their negation, and a long URL
// with a many-star pattern stays fast.
#include <gtest/gtest.h>

#include <chrono>

#include "url_glob.hpp"

using warden::opener_plugin::UrlGlob;

namespace {
UrlGlob glob(const char* pattern) {
  std::string error;
  auto g = UrlGlob::compile(pattern, error);
  EXPECT_TRUE(g) << pattern << ": " << error;
  return g ? *g : *UrlGlob::compile("", error);
}
}  // namespace

TEST(UrlGlob, TheDefaultEntriesMatchTheirSchemesOnly) {
  EXPECT_TRUE(glob("https://*").matches("https://tauri.app/a/b?c=d#e"));
  EXPECT_TRUE(glob("https://*").matches("https://"));
  EXPECT_FALSE(glob("https://*").matches("http://tauri.app"));
  EXPECT_FALSE(glob("https://*").matches("HTTPS://tauri.app"));  // case-sensitive, as in Tauri
  EXPECT_FALSE(glob("https://*").matches(" https://tauri.app"));
  EXPECT_TRUE(glob("mailto:*").matches("mailto:a@b"));
  EXPECT_FALSE(glob("mailto:*").matches("xmailto:a@b"));
}

TEST(UrlGlob, StarsCrossSlashesAndTheWholeUrlMustMatch) {
  EXPECT_TRUE(glob("https://*.github.com/tauri-apps/tauri").matches("https://a.b.github.com/tauri-apps/tauri"));
  EXPECT_FALSE(glob("https://*.github.com/tauri-apps/tauri").matches("https://a.github.com/tauri-apps/tauri/x"));
  EXPECT_TRUE(glob("https://api.example.com/users/*").matches("https://api.example.com/users/1/2"));
  EXPECT_FALSE(glob("https://api.example.com/users/*").matches("https://api.example.com/users"));
  // Tauri's meaning, documented as a trap: a star after the host also takes other hosts.
  EXPECT_TRUE(glob("https://example.com*").matches("https://example.com.evil.net/"));
  EXPECT_FALSE(glob("https://example.com/*").matches("https://example.com.evil.net/"));
  EXPECT_TRUE(glob("**").matches("anything:at/all"));
}

TEST(UrlGlob, QuestionMarksSetsAndEscapes) {
  EXPECT_TRUE(glob("tel:?23").matches("tel:123"));
  EXPECT_FALSE(glob("tel:?23").matches("tel:23"));
  EXPECT_TRUE(glob("https://v[0-9].example/").matches("https://v2.example/"));
  EXPECT_FALSE(glob("https://v[0-9].example/").matches("https://vx.example/"));
  EXPECT_TRUE(glob("https://v[!0-9].example/").matches("https://vx.example/"));
  EXPECT_FALSE(glob("https://v[!0-9].example/").matches("https://v2.example/"));
  EXPECT_TRUE(glob("https://a[*]b/").matches("https://a*b/"));
  EXPECT_FALSE(glob("https://a[*]b/").matches("https://axb/"));
  EXPECT_TRUE(glob("https://a[]]b/").matches("https://a]b/"));
}

TEST(UrlGlob, MalformedPatternsAreRefused) {
  std::string error;
  EXPECT_FALSE(UrlGlob::compile("https://[a-", error));
  EXPECT_NE(error.find("not closed"), std::string::npos) << error;
  EXPECT_FALSE(UrlGlob::compile("https://[z-a]", error));
  EXPECT_NE(error.find("backwards"), std::string::npos) << error;
}

TEST(UrlGlob, TheLiteralSchemeIsTheOneWrittenOut) {
  EXPECT_EQ(glob("file:*").literal_scheme(), "file");
  EXPECT_EQ(glob("FILE:///home/*").literal_scheme(), "file");
  EXPECT_EQ(glob("*").literal_scheme(), "");
  EXPECT_EQ(glob("*:*").literal_scheme(), "");
  EXPECT_EQ(glob("f?le:*").literal_scheme(), "");
  EXPECT_EQ(glob("[f]ile:*").literal_scheme(), "");
  EXPECT_EQ(glob("https://*").literal_scheme(), "https");
}

TEST(UrlGlob, ManyStarsOnALongUrlStayLinear) {
  std::string url = "https://" + std::string(32 * 1024, 'a');
  auto start = std::chrono::steady_clock::now();
  EXPECT_FALSE(glob("*a*a*a*a*a*a*a*a*a*a*a*b").matches(url));
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(2));
}
