// Debian version ordering against pairs whose order dpkg (`dpkg --compare-versions`) gives.
#include <gtest/gtest.h>

#include <string>

#include "cli/debian_version.hpp"

using warden::cli::compare_debian_versions;
using warden::cli::parse_debian_version;

namespace {

int compare(const std::string& a, const std::string& b) {
  auto va = parse_debian_version(a);
  auto vb = parse_debian_version(b);
  EXPECT_TRUE(va) << a;
  EXPECT_TRUE(vb) << b;
  if (!va || !vb) return 99;
  return compare_debian_versions(*va, *vb);
}

void expect_less(const std::string& a, const std::string& b) {
  EXPECT_LT(compare(a, b), 0) << a << " < " << b;
  EXPECT_GT(compare(b, a), 0) << b << " > " << a;
}

}  // namespace

TEST(DebianVersion, StableUpdatesSortBeforeTheReleaseTheyBackport) {
  expect_less("2.50.6-1~deb12u2", "2.50.6-1~deb12u3");
  expect_less("2.50.6-1~deb12u3", "2.50.6-1");
  expect_less("2.50.6-1~deb12u2", "2.50.6-1");
  expect_less("2.48.7-1~deb12u1", "2.50.6-1~deb12u1");
  expect_less("3.2.3-0+deb12u1", "3.2.3-0+deb12u2");
  expect_less("3.24.38-2~deb12u2", "3.24.38-2~deb12u3");
}

TEST(DebianVersion, TildeSortsBeforeEverythingEvenTheEnd) {
  expect_less("1.0~rc1", "1.0");
  expect_less("1.0~~", "1.0~");
  expect_less("1.0~", "1.0");
  expect_less("1.0", "1.0a");
  expect_less("1.0a", "1.0+");  // letters before other characters
  expect_less("1.0", "1.0.1");
}

TEST(DebianVersion, EpochsWinOverEverythingElse) {
  expect_less("9.9-9", "1:0.1-1");
  expect_less("1:2.0", "2:1.0");
  EXPECT_EQ(compare("0:1.2-3", "1.2-3"), 0);
}

TEST(DebianVersion, NumbersCompareAsNumbers) {
  expect_less("1.9", "1.10");
  expect_less("2.4.9", "2.40.0");
  EXPECT_EQ(compare("1.01", "1.1"), 0);
  expect_less("1.0-9", "1.0-10");
}

TEST(DebianVersion, RevisionOnlyAfterUpstream) {
  expect_less("1.0-2", "1.0.1-1");
  expect_less("1.0", "1.0-1");  // no revision equals revision "" which sorts before "1"
  expect_less("1.2-3-1", "1.2-4-1");  // the last '-' splits the revision
}

TEST(DebianVersion, RejectsWhatIsNotAVersion) {
  EXPECT_FALSE(parse_debian_version(""));
  EXPECT_FALSE(parse_debian_version("a1.0"));
  EXPECT_FALSE(parse_debian_version("x:1.0"));
  EXPECT_FALSE(parse_debian_version("1.0-"));
  EXPECT_FALSE(parse_debian_version("1.0 2"));
  EXPECT_FALSE(parse_debian_version("1.0-a_b"));
  auto v = parse_debian_version("1:2.50.6-1~deb12u2");
  ASSERT_TRUE(v);
  EXPECT_EQ(v->epoch, 1u);
  EXPECT_EQ(v->upstream, "2.50.6");
  EXPECT_EQ(v->revision, "1~deb12u2");
}
