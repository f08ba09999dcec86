#include "cookie_jar.hpp"

#include <unistd.h>

#include <algorithm>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <warden/curl_transfer.hpp>

namespace hp = warden::http_plugin;

TEST(HttpCookieJar, OnlyCookiesWithAnExpiryPersist) {
  std::string lines =
      "# Netscape HTTP Cookie File\n"
      "127.0.0.1\tFALSE\t/\tFALSE\t1999999999\tkept\tv1\n"
      "127.0.0.1\tFALSE\t/\tFALSE\t0\tsession\tv2\n"
      "#HttpOnly_example.com\tTRUE\t/\tTRUE\t1999999999\tsecret\tv3\n"
      "broken line without tabs\n"
      "a\tb\tc\td\t\tempty-expiry\tv\n";
  EXPECT_EQ(hp::persistent_cookie_lines(lines),
            "127.0.0.1\tFALSE\t/\tFALSE\t1999999999\tkept\tv1\n"
            "#HttpOnly_example.com\tTRUE\t/\tTRUE\t1999999999\tsecret\tv3\n");
}

namespace {

std::string cookie(const std::string& domain, long long expiry, const std::string& name, std::size_t value_bytes = 1) {
  return domain + "\tFALSE\t/\tFALSE\t" + std::to_string(expiry) + "\t" + name + "\t" + std::string(value_bytes, 'v') + "\n";
}

std::size_t lines_in(const std::string& text) { return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')); }

constexpr long long kNow = 1'800'000'000;

}  // namespace

TEST(HttpCookieJar, ExpiredCookiesAreNotKept) {
  auto b = hp::bound_cookie_lines(cookie("a.example", kNow - 1, "old") + cookie("a.example", kNow + 60, "new"), kNow);
  EXPECT_EQ(b.lines, cookie("a.example", kNow + 60, "new"));
  EXPECT_EQ(b.expired, 1u);
  EXPECT_EQ(b.over_limits, 0u);
}

TEST(HttpCookieJar, AtMostThreeThousandCookiesThoseExpiringSoonestDropped) {
  std::string lines;
  for (int i = 0; i < 3200; ++i) lines += cookie("site" + std::to_string(i % 100) + ".example", kNow + 1000 + i, "c" + std::to_string(i));
  auto b = hp::bound_cookie_lines(lines, kNow);
  EXPECT_EQ(lines_in(b.lines), 3000u);
  EXPECT_EQ(b.over_limits, 200u);
  EXPECT_EQ(b.lines.find("\tc199\t"), std::string::npos);   // among the 200 that expire soonest
  EXPECT_NE(b.lines.find("\tc200\t"), std::string::npos);
  EXPECT_NE(b.lines.find("\tc3199\t"), std::string::npos);
  EXPECT_EQ(b.lines.substr(0, b.lines.find('\n') + 1), cookie("site0.example", kNow + 1200, "c200"));  // order kept
}

TEST(HttpCookieJar, AtMost180PerSiteCountingItsDomainAndHttpOnlyCookies) {
  std::string lines;
  for (int i = 0; i < 100; ++i) lines += cookie("busy.example", kNow + 100 + i, "a" + std::to_string(i));
  for (int i = 0; i < 100; ++i) lines += cookie(".BUSY.example", kNow + 200 + i, "b" + std::to_string(i));
  for (int i = 0; i < 10; ++i) lines += cookie("#HttpOnly_busy.example", kNow + 300 + i, "h" + std::to_string(i));
  lines += cookie("quiet.example", kNow + 1, "q");
  auto b = hp::bound_cookie_lines(lines, kNow);
  EXPECT_EQ(lines_in(b.lines), 181u);
  EXPECT_EQ(b.over_limits, 30u);
  EXPECT_EQ(b.lines.find("\ta29\t"), std::string::npos);
  EXPECT_NE(b.lines.find("\ta30\t"), std::string::npos);
  EXPECT_NE(b.lines.find("\th9\t"), std::string::npos);
  EXPECT_NE(b.lines.find("\tq\t"), std::string::npos);  // another site keeps its own
}

TEST(HttpCookieJar, TheFileStaysUnderTheSizeTheNextStartReads) {
  std::string lines;
  for (int i = 0; i < 1100; ++i) lines += cookie("s" + std::to_string(i) + ".example", kNow + 10 + i, "c" + std::to_string(i), 4000);
  auto b = hp::bound_cookie_lines(lines, kNow);
  EXPECT_LE(b.lines.size(), hp::CookieFileLimits{}.most_bytes);
  EXPECT_GT(b.lines.size(), hp::CookieFileLimits{}.most_bytes - 5000);
  EXPECT_GT(b.over_limits, 0u);
  EXPECT_NE(b.lines.find("\tc1099\t"), std::string::npos);
  EXPECT_EQ(b.lines.find("\tc0\t"), std::string::npos);
}

// The real jar: 3500 cookies in libcurl's engine, saved, then read by the next run's jar.
TEST(HttpCookieJar, SavingKeepsTheFileReadableNextTime) {
  auto dir = std::filesystem::temp_directory_path() / ("warden-cookies-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  std::string file = (dir / ".cookies").string();
  std::vector<std::string> warnings;
  long long future = static_cast<long long>(std::time(nullptr)) + 86400;
  {
    hp::CookieJar jar(file, [&](const std::string& m) { warnings.push_back(m); });
    ASSERT_NE(jar.share(), nullptr);
    warden::CurlEasy easy(curl_easy_init());
    curl_easy_setopt(easy.get(), CURLOPT_SHARE, jar.share());
    curl_easy_setopt(easy.get(), CURLOPT_COOKIEFILE, "");
    for (int i = 0; i < 3500; ++i) {
      std::string line = cookie("s" + std::to_string(i % 50) + ".example", future + i, "c" + std::to_string(i), 500);
      line.pop_back();
      curl_easy_setopt(easy.get(), CURLOPT_COOKIELIST, line.c_str());
    }
    jar.save();
    jar.save();  // the same drop again: not logged twice
  }
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_NE(warnings[0].find("cookies are not saved: the file keeps at most 3000 cookies, 180 per site"), std::string::npos)
      << warnings[0];
  std::ifstream in(file);
  std::string text((std::istreambuf_iterator<char>(in)), {});
  std::size_t saved = lines_in(text) - 1;  // less the header line
  EXPECT_LE(text.size(), 4u * 1024 * 1024);
  EXPECT_LE(saved, 3000u);
  EXPECT_GT(saved, 2000u);
  {
    hp::CookieJar next(file, [&](const std::string& m) { warnings.push_back(m); });
    warden::CurlEasy easy(curl_easy_init());
    curl_easy_setopt(easy.get(), CURLOPT_SHARE, next.share());
    curl_slist* list = nullptr;
    ASSERT_EQ(curl_easy_getinfo(easy.get(), CURLINFO_COOKIELIST, &list), CURLE_OK);
    std::size_t loaded = 0;
    for (curl_slist* l = list; l; l = l->next) ++loaded;
    curl_slist_free_all(list);
    EXPECT_EQ(loaded, saved);
  }
  EXPECT_EQ(warnings.size(), 1u);  // the file was read without complaint
  std::filesystem::remove_all(dir);
}
