#include "semver.hpp"

#include <gtest/gtest.h>

using warden::updater::compare;
using warden::updater::parse_semver;

namespace {

bool older(const char* a, const char* b) { return compare(*parse_semver(a), *parse_semver(b)) < 0; }

}  // namespace

TEST(Semver, ParsesReleasesPreReleasesAndTauriVPrefix) {
  EXPECT_EQ(parse_semver("1.2.3")->text(), "1.2.3");
  EXPECT_EQ(parse_semver("v1.2.3")->text(), "1.2.3");
  EXPECT_EQ(parse_semver("1.0.0-rc.1+build.5")->text(), "1.0.0-rc.1");
}

TEST(Semver, RefusesWhatIsNotSemver) {
  for (const char* bad : {"", "1", "1.2", "1.2.3.4", "01.2.3", "1.02.3", "1.2.3-", "1.2.3-01", "1.2.3+", "a.b.c",
                          "1.2.3-rc..1", "-1.2.3", "1.2.3 ", "99999999999999999999.0.0"})
    EXPECT_FALSE(parse_semver(bad)) << bad;
}

TEST(Semver, OrdersByPrecedence) {
  EXPECT_TRUE(older("1.0.0", "1.1.0"));
  EXPECT_TRUE(older("1.9.0", "1.10.0"));  // numbers, not text
  EXPECT_TRUE(older("1.0.0-rc.1", "1.0.0"));
  EXPECT_TRUE(older("1.0.0-alpha", "1.0.0-alpha.1"));
  EXPECT_TRUE(older("1.0.0-alpha.1", "1.0.0-alpha.beta"));  // numeric below alphanumeric
  EXPECT_TRUE(older("1.0.0-beta.2", "1.0.0-beta.11"));
  EXPECT_TRUE(older("0.9.9", "1.0.0"));
  EXPECT_EQ(compare(*parse_semver("1.0.0+a"), *parse_semver("1.0.0+b")), std::strong_ordering::equal);
  EXPECT_FALSE(older("1.1.0", "1.0.0"));
}
