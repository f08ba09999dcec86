// UrlPattern: the polyfill-generated vectors (tests/data/urlpattern/vectors.json) plus focused
// cases for the properties Warden relies on (userinfo, default ports, Tauri's widening of "/"
// paths and empty queries/fragments, errors, never throwing).
#include "acl/url_pattern.hpp"

#include "captured_log.hpp"
#include "thrown_kind.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <spdlog/spdlog.h>

#include <fstream>
#include <optional>
#include <map>
#include <sstream>
#include <string>
#include <vector>

using warden::acl::Error;
using warden::acl::ErrorKind;
using warden::acl::ErrorLocation;
using warden::acl::UrlPattern;
using ::testing::HasSubstr;

namespace {

boost::json::value load_vectors() {
  std::ifstream in(WARDEN_TEST_DATA "/urlpattern/vectors.json", std::ios::binary);
  if (!in) throw std::runtime_error("cannot open " WARDEN_TEST_DATA "/urlpattern/vectors.json");
  std::stringstream text;
  text << in.rdbuf();
  return boost::json::parse(text.str());
}

std::optional<ErrorKind> kind_of(std::string_view pattern) {
  return warden::acl::test::thrown_kind([&] { UrlPattern::parse(pattern); });
}

bool m(std::string_view pattern, std::string_view url) {
  return UrlPattern::parse(pattern).matches(url);
}

using warden::test::CapturedLog;

}  // namespace

TEST(UrlPatternVectors, EveryVectorAgreesWithThePolyfillOrItsDocumentedOverride) {
  const auto doc = load_vectors();
  const auto& vectors = doc.at("vectors").as_array();
  std::map<std::string, UrlPattern> compiled;
  int match_vectors = 0, unsupported = 0, overrides = 0;
  for (const auto& item : vectors) {
    const auto& v = item.as_object();
    const std::string pattern(v.at("pattern").as_string());
    if (v.contains("unsupported")) {
      ++unsupported;
      EXPECT_EQ(kind_of(pattern), ErrorKind::invalid_url_pattern)
          << "pattern " << pattern << " is listed as unsupported (" << v.at("why").as_string()
          << ") but parsed";
      continue;
    }
    ++match_vectors;
    auto it = compiled.find(pattern);
    if (it == compiled.end()) {
      try {
        it = compiled.emplace(pattern, UrlPattern::parse(pattern)).first;
      } catch (const Error& e) {
        ADD_FAILURE() << "supported pattern " << pattern << " was rejected: " << e.what();
        continue;
      }
    }
    const std::string url(v.at("url").as_string());
    bool expected = v.at("polyfill").as_bool();
    if (v.contains("warden_override")) {
      ++overrides;
      EXPECT_TRUE(v.contains("override_reason")) << pattern << " / " << url;
      expected = v.at("warden_override").as_bool();
    }
    EXPECT_EQ(it->second.matches(url), expected)
        << "pattern " << pattern << "\n    url " << url << "\n    polyfill "
        << v.at("polyfill").as_bool()
        << (v.contains("override_reason") ? "\n    override: " : "")
        << (v.contains("override_reason") ? std::string(v.at("override_reason").as_string())
                                          : std::string());
  }
  EXPECT_GE(match_vectors, 500);
  EXPECT_GE(unsupported, 20);
  EXPECT_GT(overrides, 0);
}

TEST(UrlPattern, SourceIsTheStringAsWritten) {
  auto p = UrlPattern::parse("HTTPS://*.Tauri.App:*/Docs/*");
  EXPECT_EQ(p.source(), "HTTPS://*.Tauri.App:*/Docs/*");
  EXPECT_TRUE(p.matches("https://v2.tauri.app:8443/Docs/x"));
}

TEST(UrlPattern, UserinfoNeverMatches) {
  for (auto pattern : {"https://*", "*://*:*", "https://tauri.app", "https://*.tauri.app/*"}) {
    SCOPED_TRACE(pattern);
    EXPECT_FALSE(m(pattern, "https://user:pw@tauri.app/"));
    EXPECT_FALSE(m(pattern, "https://user@v2.tauri.app/"));
    EXPECT_FALSE(m(pattern, "https://@tauri.app/"));
    EXPECT_FALSE(m(pattern, "https://tauri.app@evil.com/"));
    EXPECT_FALSE(m(pattern, "https:\\\\x@tauri.app/"));
  }
  // The host after the last '@' is what a URL parser uses: evil.com, not tauri.app.
  EXPECT_FALSE(m("https://tauri.app", "https://tauri.app@evil.com/"));
  EXPECT_FALSE(m("https://tauri.app", "https://tauri.app:443@evil.com/"));
  // An '@' after the authority is not userinfo.
  EXPECT_TRUE(m("https://tauri.app", "https://tauri.app/@user"));
  EXPECT_TRUE(m("https://tauri.app", "https://tauri.app/?a=b@c#@d"));
}

TEST(UrlPattern, PortsFollowTheStandard) {
  EXPECT_TRUE(m("http://*", "http://a.com/"));
  EXPECT_TRUE(m("http://*", "http://a.com:80/"));
  EXPECT_FALSE(m("http://*", "http://a.com:8080/"));
  EXPECT_TRUE(m("http://*:*", "http://a.com:8080/"));
  EXPECT_TRUE(m("https://a.com:443", "https://a.com/"));
  EXPECT_TRUE(m("https://a.com", "https://a.com:443/"));
  EXPECT_TRUE(m("https://a.com:8443", "https://a.com:08443/"));
  EXPECT_FALSE(m("https://a.com:8443", "https://a.com/"));
  EXPECT_FALSE(m("https://a.com", "https://a.com:99999/"));  // not a URL
  // With a wildcard scheme a written port stays as written.
  EXPECT_FALSE(m("*://a.com:443", "https://a.com/"));
  EXPECT_TRUE(m("*://a.com:443", "http://a.com:443/"));
}

TEST(UrlPattern, WildcardLabelNeedsASubdomain) {
  auto p = UrlPattern::parse("https://*.tauri.app");
  EXPECT_TRUE(p.matches("https://v2.tauri.app/"));
  EXPECT_TRUE(p.matches("https://a.b.tauri.app/"));
  EXPECT_FALSE(p.matches("https://tauri.app/"));
  EXPECT_FALSE(p.matches("https://eviltauri.app/"));
  EXPECT_FALSE(p.matches("https://evil-tauri.app/"));
  EXPECT_FALSE(p.matches("https://v2.tauri.app.evil.com/"));
  EXPECT_FALSE(p.matches("https://v2.tauri.appx/"));
}

TEST(UrlPattern, PathsAreNormalizedLikeAUrlParserDoes) {
  auto docs = UrlPattern::parse("https://tauri.app/docs/*");
  EXPECT_FALSE(docs.matches("https://tauri.app/docs/../admin"));
  EXPECT_FALSE(docs.matches("https://tauri.app/docs/%2E%2e/admin"));
  EXPECT_FALSE(docs.matches("https://tauri.app/docs\\..\\admin"));
  EXPECT_TRUE(docs.matches("https://tauri.app/x/../docs/y"));
  EXPECT_FALSE(docs.matches("https://tauri.app/docs"));  // `/docs/*` needs the slash
  EXPECT_TRUE(m("https://tauri.app/a b", "https://tauri.app/a%20b"));
  EXPECT_FALSE(m("https://tauri.app/%2F", "https://tauri.app/%2f"));  // compared encoded
  EXPECT_TRUE(m("https://tauri.app/caf\xC3\xA9", "https://tauri.app/caf%C3%A9"));
}

TEST(UrlPattern, OmittedComponentsFollowTheConstructorStringThenTauri) {
  EXPECT_TRUE(m("https://tauri.app", "https://tauri.app/any/path?q#h"));  // path omitted: any
  EXPECT_TRUE(m("https://tauri.app/x", "https://tauri.app/x?q#h"));       // search, hash: any
  EXPECT_FALSE(m("https://tauri.app/x", "https://tauri.app/y"));
  // The constructor string makes these "/" or "", which Tauri then widens to '*'.
  EXPECT_TRUE(m("https://tauri.app?q", "https://tauri.app/?q#h"));        // path "/" -> any
  EXPECT_TRUE(m("https://tauri.app?q", "https://tauri.app/x?q"));
  EXPECT_FALSE(m("https://tauri.app?q", "https://tauri.app/x?r"));
  EXPECT_TRUE(m("https://tauri.app/x#h", "https://tauri.app/x?q#h"));     // search "" -> any
  EXPECT_FALSE(m("https://tauri.app/x#h", "https://tauri.app/x?q#g"));
}

// Tauri (RemoteUrlPattern::from_str) widens a parsed pattern: a path that is empty or exactly
// "/" and an empty or absent query or fragment become '*'. Warden reads patterns the same way.
TEST(UrlPatternTauriWidening, SlashPathGrantsEveryPageOfTheOrigin) {
  auto root = UrlPattern::parse("https://tauri.app/");
  EXPECT_TRUE(root.matches("https://tauri.app/"));
  EXPECT_TRUE(root.matches("https://tauri.app"));
  EXPECT_TRUE(root.matches("https://tauri.app/docs/x?y#z"));
  EXPECT_TRUE(root.matches("https://tauri.app//x"));
  EXPECT_TRUE(m("https://*.tauri.app/", "https://v2.tauri.app/docs/start"));
  EXPECT_TRUE(m("http://localhost:1420/", "http://localhost:1420/index.html"));
  EXPECT_TRUE(m("http://[\\:\\:1]:*/", "http://[::1]:3000/app?x"));
}

TEST(UrlPatternTauriWidening, NeverReachesSchemeHostOrPort) {
  auto root = UrlPattern::parse("https://tauri.app/");
  EXPECT_FALSE(root.matches("https://tauri.app.evil.com/"));
  EXPECT_FALSE(root.matches("https://tauri.app.evil.com/docs"));
  EXPECT_FALSE(root.matches("https://tauri.app:8443/"));
  EXPECT_FALSE(root.matches("https://tauri.app:8443/docs"));
  EXPECT_FALSE(root.matches("http://tauri.app/"));
  EXPECT_FALSE(root.matches("wss://tauri.app/"));
  EXPECT_FALSE(root.matches("https://v2.tauri.app/"));
  EXPECT_FALSE(root.matches("https://evil-tauri.app/"));
  EXPECT_FALSE(root.matches("https://evil.com/https://tauri.app/"));
  EXPECT_FALSE(root.matches("https://evil.com/?https://tauri.app/"));
  // Userinfo still never matches, whatever the path.
  EXPECT_FALSE(root.matches("https://tauri.app@evil.com/"));
  EXPECT_FALSE(root.matches("https://user@tauri.app/docs"));
  EXPECT_FALSE(m("https://*.tauri.app/", "https://tauri.app/x"));  // `*.` still needs a label
  EXPECT_FALSE(m("http://localhost:1420/", "http://localhost:1421/"));
  EXPECT_FALSE(m("http://localhost:1420/", "http://localhost/"));
}

TEST(UrlPatternTauriWidening, ARealPathStaysAsWritten) {
  auto docs = UrlPattern::parse("https://tauri.app/docs");
  EXPECT_TRUE(docs.matches("https://tauri.app/docs?x#y"));
  EXPECT_FALSE(docs.matches("https://tauri.app/other"));
  EXPECT_FALSE(docs.matches("https://tauri.app/"));
  EXPECT_FALSE(docs.matches("https://tauri.app/docs/x"));
  auto tree = UrlPattern::parse("https://tauri.app/docs/*");
  EXPECT_TRUE(tree.matches("https://tauri.app/docs/a/b"));
  EXPECT_FALSE(tree.matches("https://tauri.app/other"));
  EXPECT_FALSE(tree.matches("https://tauri.app/docs/../admin"));
  // Only exactly "/" is widened: a path of two slashes, or an encoded one, is a real path.
  EXPECT_FALSE(m("https://tauri.app//", "https://tauri.app/x"));
  EXPECT_FALSE(m("https://tauri.app/%2F", "https://tauri.app/x"));
}

TEST(UrlPatternTauriWidening, ANonEmptyQueryOrFragmentStaysLiteral) {
  auto q = UrlPattern::parse("https://tauri.app/?q=1");
  EXPECT_TRUE(q.matches("https://tauri.app/?q=1"));
  EXPECT_TRUE(q.matches("https://tauri.app/docs?q=1#h"));  // the "/" path is widened
  EXPECT_FALSE(q.matches("https://tauri.app/?q=2"));
  EXPECT_FALSE(q.matches("https://tauri.app/"));
  EXPECT_FALSE(q.matches("https://tauri.app/?q=1&r=2"));
  auto h = UrlPattern::parse("https://tauri.app/x#top");
  EXPECT_TRUE(h.matches("https://tauri.app/x?any#top"));  // the empty query is widened
  EXPECT_FALSE(h.matches("https://tauri.app/x#bottom"));
  EXPECT_FALSE(h.matches("https://tauri.app/x"));
  EXPECT_FALSE(h.matches("https://tauri.app/x##top"));
}

TEST(UrlPatternTauriWidening, EmptyQueryAndFragmentBecomeWildcards) {
  EXPECT_TRUE(m("https://tauri.app/x?", "https://tauri.app/x?a=1"));
  EXPECT_TRUE(m("https://tauri.app/x?", "https://tauri.app/x"));
  EXPECT_TRUE(m("https://tauri.app/x#", "https://tauri.app/x#a"));
  EXPECT_TRUE(m("https://tauri.app/x?#", "https://tauri.app/x?a#b"));
  EXPECT_TRUE(m("https://tauri.app/x?#top", "https://tauri.app/x?a#top"));
  EXPECT_FALSE(m("https://tauri.app/x?#top", "https://tauri.app/x?a#bottom"));
  EXPECT_FALSE(m("https://tauri.app/x?", "https://tauri.app/y?a=1"));
}

TEST(UrlPatternTauriWidening, SourceKeepsThePatternAsWritten) {
  EXPECT_EQ(UrlPattern::parse("https://tauri.app/").source(), "https://tauri.app/");
  EXPECT_EQ(UrlPattern::parse("https://tauri.app/x?#").source(), "https://tauri.app/x?#");
}

TEST(UrlPattern, IpLiteralsAreCanonicalized) {
  EXPECT_TRUE(m("http://127.0.0.1:*", "http://0x7f.1:3000/"));
  EXPECT_TRUE(m("http://127.0.0.1:*", "http://2130706433/"));
  EXPECT_FALSE(m("http://127.0.0.1:*", "http://127.0.0.1.nip.io/"));
  EXPECT_TRUE(m("http://[\\:\\:1]:*", "http://[0:0:0:0:0:0:0:1]:1420/"));
  EXPECT_FALSE(m("http://[\\:\\:1]:*", "http://[::2]/"));
  EXPECT_TRUE(m("http://*", "http://[::1]/"));
}

TEST(UrlPattern, HostlessUrlsAndNonAsciiHostsNeverMatch) {
  auto any = UrlPattern::parse("*://*:*");
  EXPECT_TRUE(any.matches("https://a.com:1/"));
  EXPECT_TRUE(any.matches("tauri://localhost/"));  // a custom scheme with a host matches
  for (auto url : {"data:text/html,hi", "blob:https://a.com/x", "file:///etc/passwd", "file://server/share",
                   "javascript:alert(1)", "about:blank", "mailto:a@b.c", "myapp:///no-host"}) {
    SCOPED_TRACE(url);
    EXPECT_FALSE(any.matches(url));
    EXPECT_FALSE(m("*://*", url));
  }
  EXPECT_FALSE(m("data:*", "data:text/html,hi"));
  EXPECT_FALSE(m("file:///*", "file:///etc/passwd"));
  EXPECT_FALSE(m("blob:*", "blob:https://a.com/x"));
  EXPECT_FALSE(any.matches("https://b\xC3\xBC" "cher.de/"));
  EXPECT_TRUE(any.matches("https://xn--bcher-kva.de/"));
}

// `*` in a host is URLPattern's full wildcard: any characters, dots included.
TEST(UrlPatternNewlyAccepted, HostWildcardsMatchAnyCharactersDotsIncluded) {
  auto dotted = UrlPattern::parse("https://*.*");
  EXPECT_TRUE(dotted.matches("https://a.com/"));
  EXPECT_TRUE(dotted.matches("https://a.b.example.org/x?y"));
  EXPECT_TRUE(dotted.matches("https://127.0.0.1/"));
  EXPECT_FALSE(dotted.matches("https://localhost/"));     // no dot
  EXPECT_FALSE(dotted.matches("http://a.com/"));          // scheme stays exact
  EXPECT_FALSE(dotted.matches("https://a.com:8443/"));    // default port only
  EXPECT_FALSE(dotted.matches("https://user@a.com/"));    // userinfo never matches
  EXPECT_TRUE(m("https://tauri.*", "https://tauri.app.evil.com/"));
  EXPECT_FALSE(m("https://tauri.*", "https://eviltauri.app/"));
  EXPECT_TRUE(m("https://*tauri.app", "https://eviltauri.app/"));
  EXPECT_TRUE(m("https://a.*.tauri.app", "https://a.b.c.tauri.app/"));
  EXPECT_FALSE(m("https://a.*.tauri.app", "https://a.tauri.app/"));
  // A named group is one label: `[^.]+`.
  EXPECT_TRUE(m("https://:sub.tauri.app", "https://v2.tauri.app/"));
  EXPECT_FALSE(m("https://:sub.tauri.app", "https://a.b.tauri.app/"));
  EXPECT_TRUE(m("https://{*.}?tauri.app", "https://tauri.app/"));
  EXPECT_TRUE(m("https://{*.}?tauri.app", "https://v2.tauri.app/"));
  EXPECT_FALSE(m("https://{*.}?tauri.app", "https://eviltauri.app/"));
  EXPECT_TRUE(m("https://(www|api).tauri.app", "https://api.tauri.app/"));
  EXPECT_FALSE(m("https://(www|api).tauri.app", "https://evil.tauri.app/"));
}

TEST(UrlPatternNewlyAccepted, CustomSchemesMatchTheirOwnUrls) {
  auto app = UrlPattern::parse("app://*");
  EXPECT_TRUE(app.matches("app://localhost/"));
  EXPECT_TRUE(app.matches("app://localhost/index.html?x#y"));
  EXPECT_FALSE(app.matches("https://localhost/"));
  EXPECT_FALSE(app.matches("application://localhost/"));
  EXPECT_FALSE(app.matches("app://user@localhost/"));
  auto tauri = UrlPattern::parse("tauri://localhost");
  EXPECT_TRUE(tauri.matches("tauri://localhost/"));
  EXPECT_TRUE(tauri.matches("tauri://localhost/deep/page?q"));
  EXPECT_FALSE(tauri.matches("tauri://evil/"));
  EXPECT_FALSE(tauri.matches("tauri://localhost.evil/"));
  EXPECT_FALSE(tauri.matches("http://localhost/"));
  EXPECT_TRUE(m("asset://localhost", "asset://localhost/%2Fhome%2Fa.png"));
  EXPECT_TRUE(m("http*://tauri.app", "https://tauri.app/"));
  EXPECT_TRUE(m("http{s}?://tauri.app", "http://tauri.app/"));
  EXPECT_FALSE(m("http{s}?://tauri.app", "ftp://tauri.app/"));
}

TEST(UrlPatternNewlyAccepted, PortPatterns) {
  auto dev = UrlPattern::parse("http://localhost:*");
  EXPECT_TRUE(dev.matches("http://localhost:1420/"));
  EXPECT_TRUE(dev.matches("http://localhost/"));
  EXPECT_FALSE(dev.matches("http://localhost.evil.com:1420/"));
  EXPECT_FALSE(dev.matches("https://localhost:1420/"));
  EXPECT_TRUE(m("http://localhost:1420", "http://localhost:1420/x"));
  EXPECT_FALSE(m("http://localhost:1420", "http://localhost:1421/"));
  EXPECT_TRUE(m("http://localhost:01420", "http://localhost:1420/"));  // read as a number
  EXPECT_TRUE(m("https://tauri.app:8*", "https://tauri.app:8080/"));
  EXPECT_FALSE(m("https://tauri.app:8*", "https://tauri.app:9090/"));
  EXPECT_TRUE(m("http://localhost:(\\d{4})", "http://localhost:1420/"));
  EXPECT_FALSE(m("http://localhost:(\\d{4})", "http://localhost:80/"));
}

TEST(UrlPatternNewlyAccepted, NamedGroupsRegexpGroupsAndModifiers) {
  EXPECT_TRUE(m("https://tauri.app/:id", "https://tauri.app/42"));
  EXPECT_FALSE(m("https://tauri.app/:id", "https://tauri.app/a/b"));  // one segment
  EXPECT_TRUE(m("https://tauri.app/user/:id(\\d+)", "https://tauri.app/user/7"));
  EXPECT_FALSE(m("https://tauri.app/user/:id(\\d+)", "https://tauri.app/user/x"));
  EXPECT_TRUE(m("https://tauri.app/docs/*?", "https://tauri.app/docs"));
  EXPECT_TRUE(m("https://tauri.app/docs/*?", "https://tauri.app/docs/a/b"));
  EXPECT_FALSE(m("https://tauri.app/docs/*?", "https://tauri.app/docsx"));
  EXPECT_TRUE(m("https://tauri.app/:seg+/end", "https://tauri.app/a/b/end"));
  EXPECT_FALSE(m("https://tauri.app/:seg+/end", "https://tauri.app/end"));
  EXPECT_TRUE(m("https://tauri.app/files{/:name}*.txt", "https://tauri.app/files/a/b.txt"));
  EXPECT_TRUE(m("https://tauri.app/files{/:name}*.txt", "https://tauri.app/files.txt"));
  EXPECT_FALSE(m("https://tauri.app/files{/:name}*.txt", "https://tauri.app/filesa.txt"));
  EXPECT_TRUE(m("https://tauri.app/x?q=:v", "https://tauri.app/x?q=1"));
  EXPECT_FALSE(m("https://tauri.app/x?q=:v", "https://tauri.app/x?r=1"));
}

TEST(UrlPatternNewlyAccepted, PercentEscapesInAPatternHostAreDecodedAsTauriDoes) {
  EXPECT_TRUE(m("https://t%61uri.app", "https://tauri.app/"));
  EXPECT_TRUE(m("https://*.t%61uri.app", "https://v2.tauri.app/"));
  EXPECT_FALSE(m("https://t%61uri.app", "https://t%61uri.evil/"));
}

TEST(UrlPatternNewlyAccepted, DotSegmentsInAPatternPathAreResolved) {
  EXPECT_TRUE(m("https://tauri.app/a/../b", "https://tauri.app/b"));
  EXPECT_FALSE(m("https://tauri.app/a/../b", "https://tauri.app/a/b"));
  EXPECT_TRUE(m("https://tauri.app/a\\\\b", "https://tauri.app/a/b"));  // '\' is '/' in a web path
}

TEST(UrlPatternNewlyAccepted, ARegexpGroupCannotStallTheHostOnAHugeUrl) {
  // A hostile page chooses its URL; a regular-expression group spans at most 1024 characters and
  // a match spends a bounded number of evaluations, after which the answer is "no match".
  auto p = UrlPattern::parse("https://a.com/*(a+)b");
  EXPECT_TRUE(p.matches("https://a.com/xaab"));
  EXPECT_FALSE(p.matches("https://a.com/" + std::string(200000, 'a')));
}

TEST(UrlPatternNewlyAccepted, RepeatedGroupsCannotStallTheHostOnAHugeUrl) {
  // `:seg*` over one long segment is quadratic for a naive search; the step budget (64 per
  // character) ends it with "no match". Usual patterns stay linear and still match huge URLs.
  const std::string long_segment(1 << 20, 'a');
  EXPECT_FALSE(m("https://a.com/:seg*/end", "https://a.com/" + long_segment));
  EXPECT_FALSE(m("https://a.com/{:a}+{:b}+x", "https://a.com/" + long_segment));
  EXPECT_TRUE(m("https://a.com/*a", "https://a.com/" + long_segment));
  EXPECT_TRUE(m("https://a.com/:seg*", "https://a.com/x/y/" + std::string(1 << 16, 'b')));
}

TEST(UrlPatternBroadness, PatternsReachingAnyDomainOrSchemeAreBroad) {
  for (auto pattern : {"https://*", "https://*.*", "*://*", "*://tauri.app", "https://tauri.*", "https://*.com",
                       "https://*tauri.app", "http://*:*", "http*://tauri.app", "https://:name"}) {
    SCOPED_TRACE(pattern);
    EXPECT_TRUE(UrlPattern::parse(pattern).broad().has_value());
  }
  for (auto pattern : {"https://tauri.app", "https://*.tauri.app", "https://*.tauri.app/*", "http://localhost:*",
                       "http://127.0.0.1:*", "https://:sub.tauri.app", "https://{*.}?tauri.app", "tauri://localhost",
                       "app://*", "http{s}?://tauri.app", "https://(www|api).tauri.app"}) {
    SCOPED_TRACE(pattern);
    EXPECT_FALSE(UrlPattern::parse(pattern).broad().has_value());
  }
  EXPECT_THAT(*UrlPattern::parse("https://*.*").broad(), HasSubstr("'*.*'"));
}

TEST(UrlPatternBroadness, PatternsThatCanNeverMatchAreInert) {
  for (auto pattern : {"https://user:pw@tauri.app", "https://u@tauri.app", "https://:p@tauri.app", "file:///*", "data:*", "HTTPS://a.com:443"}) {
    SCOPED_TRACE(pattern);
    EXPECT_TRUE(UrlPattern::parse(pattern).inert().has_value());
  }
  EXPECT_FALSE(UrlPattern::parse("https://a.com:443").inert().has_value());
  // Username and password default to '*', which matches a URL without userinfo.
  EXPECT_FALSE(UrlPattern::parse("https://*@tauri.app").inert().has_value());
  EXPECT_FALSE(UrlPattern::parse("https://:*@tauri.app").inert().has_value());
  EXPECT_TRUE(m("https://:*@tauri.app", "https://tauri.app/"));
  EXPECT_FALSE(UrlPattern::parse("app://*").inert().has_value());
}

TEST(UrlPatternBroadness, ABroadPatternFromAFileIsLoggedOnceWithFileAndPattern) {
  CapturedLog log;
  ErrorLocation where{"capabilities/broad-test.json", 3, "remote.urls[0]"};
  UrlPattern::parse("https://*.*", where);
  UrlPattern::parse("https://*.*", where);            // the same file and pattern: once
  UrlPattern::parse("https://*.tauri.app", where);    // not broad
  UrlPattern::parse("https://*");                     // no file: not logged
  auto lines = log.lines();
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_THAT(lines[0], HasSubstr("capabilities/broad-test.json"));
  EXPECT_THAT(lines[0], HasSubstr("'https://*.*'"));
  EXPECT_THAT(lines[0], HasSubstr("remote.urls[0]"));
  EXPECT_THAT(lines[0], HasSubstr("broad"));
}

TEST(UrlPattern, MatchesNeverThrowsAndRejectsGarbage) {
  auto p = UrlPattern::parse("*://*:*");
  for (std::string url : {"", " ", "https", "https:", "https://", "https:///", "https://[",
                          "https://[::1", "https://a.com:x/", "https://%zz/", "https://a%00b/",
                          "https://a b/", "://a.com", "1https://a.com/"}) {
    EXPECT_NO_THROW(EXPECT_FALSE(p.matches(url)) << url);
  }
  std::string huge = "https://a.com/" + std::string(1 << 20, 'a');
  EXPECT_TRUE(UrlPattern::parse("https://a.com/*a").matches(huge));
  std::string bytes;
  for (int i = 0; i < 256; ++i) bytes += static_cast<char>(i);
  EXPECT_NO_THROW(p.matches(bytes));
  EXPECT_NO_THROW(p.matches("https://a.com/" + bytes));
}

TEST(UrlPattern, EveryRefusalIsAnInvalidUrlPattern) {
  for (std::string_view pattern :
       {"tauri.app", "/docs/*", "", "https://tauri.app/a:1", "https://tauri.app/(\\d+", "https://tauri.app/(a(b))",
        "https://tauri.app/()", "https://tauri.app/{a", "https://tauri.app/:a/:a", "https://tauri.app/a+",
        "https://tauri.app:80a", "https://tauri.app:70000", "https://[::1]", "https://a%2Fb.com", "https://b%C3%BCcher.de",
        "https://b\xC3\xBC" "cher.de", "https://1.2.3.256", "https://tauri.app/x\\", "https://tauri.app/([)"})
    EXPECT_EQ(kind_of(pattern), ErrorKind::invalid_url_pattern) << pattern;
  EXPECT_EQ(kind_of("https://tauri.app/x"), std::nullopt);
}

TEST(UrlPattern, ErrorQuotesThePatternAndSaysWhatToWrite) {
  try {
    UrlPattern::parse("https://tauri.app/a:1");
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_THAT(e.detail(), HasSubstr("'https://tauri.app/a:1'"));
    EXPECT_THAT(e.detail(), HasSubstr("named group"));
    EXPECT_THAT(e.detail(), HasSubstr("'\\:'"));
  }
}

TEST(UrlPattern, ErrorCarriesTheCallersLocation) {
  ErrorLocation where{"capabilities/main.json", 7, "remote.urls[2]"};
  try {
    UrlPattern::parse("https://tauri.app/a:1", where);
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_EQ(e.where().file, "capabilities/main.json");
    EXPECT_EQ(e.where().line, 7);
    EXPECT_EQ(e.where().field, "remote.urls[2]");
  }
}

TEST(UrlPattern, IsCopyableAndIndependentOfItsSource) {
  std::string text = "https://*.tauri.app";
  auto p = UrlPattern::parse(text);
  text = "https://evil.com";
  UrlPattern copy = p;
  EXPECT_TRUE(copy.matches("https://v2.tauri.app/"));
  EXPECT_EQ(copy.source(), "https://*.tauri.app");
}
