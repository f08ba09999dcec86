// warden.url-patterns/1 through a plugin's real HostServices: the same answers as the host's
// remote-URL matcher (default port only without a port, userinfo never, Tauri's widening of `/`),
// a malformed pattern or an unusable URL is -1 with a reason, NULL arguments are refused, and many
// threads may match at once while the cache of compiled patterns turns over.
#include <gtest/gtest.h>

#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include "plugin/host_services.hpp"
#include "warden/ext/url_patterns.h"

using namespace warden::plugin;

namespace {

class UrlPatternsExtension : public ::testing::Test {
 protected:
  // What a plugin sees: 1, 0, or -1 and the host's reason (released with free_string).
  struct Answer {
    int verdict;
    std::string error;
  };
  Answer match(const char* pattern, const char* url) const {
    char* error = nullptr;
    const int verdict = patterns->matches(host, pattern, url, &error);
    Answer a{verdict, error ? error : ""};
    if (error) host->free_string(host, error);
    return a;
  }

  HostServices services{"http", {}};
  const warden_host* host = services.vtable();
  const warden_host_url_patterns* patterns =
      static_cast<const warden_host_url_patterns*>(host->get_extension(host, WARDEN_EXT_URL_PATTERNS));
};

TEST_F(UrlPatternsExtension, IsOfferedWithItsSize) {
  ASSERT_NE(patterns, nullptr);
  EXPECT_EQ(patterns->struct_size, sizeof(warden_host_url_patterns));
}

TEST_F(UrlPatternsExtension, MatchesAsCapabilitiesRemoteUrlsDo) {
  EXPECT_EQ(match("https://api.example.com/users/*", "https://api.example.com/users/7?full=1").verdict, 1);
  EXPECT_EQ(match("https://api.example.com/users/*", "https://api.example.com/admin").verdict, 0);
  EXPECT_EQ(match("https://*.example.com", "https://v2.example.com/x").verdict, 1);
  EXPECT_EQ(match("https://*.example.com", "https://example.com/").verdict, 0);
  EXPECT_EQ(match("https://*.example.com", "https://example.com.evil.net/").verdict, 0);
  EXPECT_EQ(match("https://api.example.com", "http://api.example.com/").verdict, 0);
  // Tauri's widening: a `/` path and an absent query are any path and any query.
  EXPECT_EQ(match("https://api.example.com/", "https://api.example.com/a/b?c=d#e").verdict, 1);
  EXPECT_EQ(match("https://api.example.com/x?a=1", "https://api.example.com/x?a=2").verdict, 0);
  // The URL is normalized first: dot segments cannot climb out of an allowed path.
  EXPECT_EQ(match("https://api.example.com/public/*", "https://api.example.com/public/../admin").verdict, 0);
  EXPECT_EQ(match("https://api.example.com/public/*", "https://api.example.com/public/%2e%2e/admin").verdict, 0);
  EXPECT_EQ(match("https://API.Example.com/a", "HTTPS://api.EXAMPLE.com/a").verdict, 1);
}

TEST_F(UrlPatternsExtension, UserinfoNeverMatches) {
  EXPECT_EQ(match("https://*", "https://user:secret@api.example.com/").verdict, 0);
  EXPECT_EQ(match("https://api.example.com", "https://api.example.com@evil.net/").verdict, 0);
  EXPECT_EQ(match("https://api.example.com", "https://@api.example.com/").verdict, 0);
}

TEST_F(UrlPatternsExtension, APatternWithoutAPortMeansTheDefaultPort) {
  EXPECT_EQ(match("http://localhost", "http://localhost/").verdict, 1);
  EXPECT_EQ(match("http://localhost", "http://localhost:80/").verdict, 1);
  EXPECT_EQ(match("http://localhost", "http://localhost:8080/").verdict, 0);
  EXPECT_EQ(match("http://localhost:*", "http://localhost:8080/").verdict, 1);
  EXPECT_EQ(match("http://127.0.0.1:8080", "http://127.1:8080/x").verdict, 1);
  EXPECT_EQ(match("https://*:*", "https://a.example.com:8443/").verdict, 1);
}

TEST_F(UrlPatternsExtension, AMalformedPatternIsMinusOneWithTheReason) {
  for (const char* bad : {"https://api.example.com/(", "api.example.com/x", "https://api.example.com:99999", "https://api.example.com/:", "https://{api.example.com",
                          "https://api.example.com/(a|(b)"}) {
    const Answer a = match(bad, "https://api.example.com/");
    EXPECT_EQ(a.verdict, -1) << bad;
    EXPECT_EQ(a.error.rfind(std::string("invalid URL pattern '") + bad + "': ", 0), 0u) << a.error;
    EXPECT_GT(a.error.size(), std::string("invalid URL pattern '': ").size() + std::strlen(bad)) << a.error;
    // Remembered as malformed: the same answer again.
    EXPECT_EQ(match(bad, "https://api.example.com/").error, a.error);
  }
  // No place for the reason: still -1.
  EXPECT_EQ(patterns->matches(host, "https://api.example.com/(", "https://api.example.com/", nullptr), -1);
}

TEST_F(UrlPatternsExtension, AUrlThatCannotMatchIsMinusOneWithoutEchoingIt) {
  for (const char* url : {"not a url EVILMARKER", "/relative/EVILMARKER", "data:text/plain,EVILMARKER",
                          "javascript:EVILMARKER", "file:///etc/EVILMARKER", "https://exa mple.com/EVILMARKER", ""}) {
    const Answer a = match("*://*", url);
    EXPECT_EQ(a.verdict, -1) << url;
    EXPECT_EQ(a.error, "the URL is not an absolute URL with a host (Warden's URL patterns match no other)") << url;
  }
}

TEST_F(UrlPatternsExtension, NullArgumentsAreRefused) {
  EXPECT_EQ(match(nullptr, "https://a.example.com/").verdict, -1);
  EXPECT_EQ(match(nullptr, "https://a.example.com/").error,
            "warden.url-patterns/1 matches() needs the host, a pattern and a URL");
  EXPECT_EQ(match("https://*", nullptr).verdict, -1);
  char* error = nullptr;
  EXPECT_EQ(patterns->matches(nullptr, "https://*", "https://a.example.com/", &error), -1);
  ASSERT_NE(error, nullptr);
  std::free(error);
  EXPECT_EQ(patterns->matches(host, nullptr, nullptr, nullptr), -1);
}

// What docs/url-patterns.md's "What a deny entry does not cover" says: a pattern judges the URL's
// serialization, so other spellings of the same server do not match a deny entry and a plugin that
// connects must refuse them itself (a trailing-dot host, for one). What the URL
// parser normalizes does match.
TEST_F(UrlPatternsExtension, OtherSpellingsOfADeniedServerDoNotMatchWhatTheParserNormalizesDoes) {
  EXPECT_EQ(match("https://internal.example.com/*", "https://internal.example.com./x").verdict, 0);
  EXPECT_EQ(match("http://127.0.0.1/*", "http://[::ffff:127.0.0.1]/").verdict, 0);
  EXPECT_EQ(match("http://127.0.0.1/*", "http://localhost/").verdict, 0);
  EXPECT_EQ(match("http://127.0.0.1/*", "http://0.0.0.0/").verdict, 0);
  EXPECT_EQ(match("https://api.example.com/admin/*", "https://api.example.com/%61dmin/x").verdict, 0);
  EXPECT_EQ(match("https://api.example.com/admin/*", "https://api.example.com//admin/x").verdict, 0);
  EXPECT_EQ(match("https://api.example.com/admin/*", "https://api.example.com/ADMIN/x").verdict, 0);

  EXPECT_EQ(match("http://127.0.0.1/*", "http://0x7f.1/").verdict, 1);
  EXPECT_EQ(match("http://127.0.0.1/*", "http://127.1/").verdict, 1);
  EXPECT_EQ(match("http://127.0.0.1/*", "http://2130706433/").verdict, 1);
  EXPECT_EQ(match("http://127.0.0.1/*", "http://127.0.0.1./").verdict, 1);  // an IPv4 address drops the dot
  EXPECT_EQ(match("https://internal.example.com/*", "HTTPS://INTERNAL.example.com:443/x").verdict, 1);
  // A zone identifier is not a URL the standard parses: -1, which a deny list treats as a refusal.
  EXPECT_EQ(match("http://[::1]/*", "http://[::1%25lo]/").verdict, -1);
}

TEST_F(UrlPatternsExtension, ManyThreadsMatchAtOnceWhileTheCacheTurnsOver) {
  // More distinct patterns than the cache holds, so entries are evicted while others read them.
  constexpr int kPatterns = 600, kThreads = 8, kRounds = 3000;
  std::atomic<int> wrong{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kRounds; ++i) {
        const int n = (i * 7 + t * 131) % kPatterns;
        const std::string pattern = "https://host" + std::to_string(n) + ".example.com/api/*";
        const std::string hit = "https://host" + std::to_string(n) + ".example.com/api/v1";
        const std::string miss = "https://host" + std::to_string(n + 1) + ".example.com/api/v1";
        char* error = nullptr;
        if (patterns->matches(host, pattern.c_str(), hit.c_str(), &error) != 1) ++wrong;
        if (patterns->matches(host, pattern.c_str(), miss.c_str(), &error) != 0) ++wrong;
        if (error) host->free_string(host, error), ++wrong;
        if (i % 100 == 0 && patterns->matches(host, "https://(", hit.c_str(), nullptr) != -1) ++wrong;
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(wrong.load(), 0);
}

}  // namespace
