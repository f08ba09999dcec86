#include "cookie_jar.hpp"

#include <gtest/gtest.h>

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
