// Reading a dpkg status file and apt lists from a folder laid out as a root file system.
#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "cli/debian_packages.hpp"
#include "temp_dir.hpp"

namespace fs = std::filesystem;
using warden::cli::PackageIndex;

namespace {

using FakeRoot = warden::test::TempDir;

const char* kStatus =
    "Package: libfoo1\nStatus: deinstall ok config-files\nArchitecture: amd64\nVersion: 0.9-1\n\n"
    "Package: libfoo1\nStatus: install ok installed\nArchitecture: i386\nVersion: 1.0-1\n"
    "Description: a library\n with a continuation line\n  Version: 7.0\n\n"
    "Package: libfoo1\nStatus: install ok installed\nArchitecture: amd64\nVersion: 1.0-2\n";

}  // namespace

TEST(DebianPackages, InstalledPrefersTheGivenArchitectureAndSkipsRemovedOnes) {
  FakeRoot root;
  root.write("var/lib/dpkg/status", kStatus);
  PackageIndex index;
  index.root = root.path;
  auto amd64 = index.installed("libfoo1", "amd64");
  ASSERT_TRUE(amd64);
  EXPECT_EQ(amd64->version, "1.0-2");
  auto other = index.installed("libfoo1", "arm64");
  ASSERT_TRUE(other);
  EXPECT_EQ(other->architecture, "i386");
  EXPECT_EQ(other->version, "1.0-1");  // a continuation line is not a field
  EXPECT_FALSE(index.installed("libbar", "amd64"));
}

TEST(DebianPackages, AvailableReadsEveryListOfTheArchitecture) {
  FakeRoot root;
  root.write("var/lib/apt/lists/x_dists_stable_main_binary-amd64_Packages",
             "Package: libfoo1\nArchitecture: amd64\nVersion: 1.0-3\n\nPackage: libfoo1\nArchitecture: i386\nVersion: 9.0-1\n");
  root.write("var/lib/apt/lists/x_dists_stable-security_main_binary-amd64_Packages",
             "Package: libfoo1\nArchitecture: amd64\nVersion: 1.0-2+sec1\n");
  root.write("var/lib/apt/lists/x_dists_stable_InRelease", "Package: libfoo1\nArchitecture: amd64\nVersion: 5\n");
  PackageIndex index;
  index.root = root.path;
  std::vector<std::string> unreadable;
  auto found = index.available("libfoo1", "amd64", unreadable);
  EXPECT_TRUE(unreadable.empty());
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found[0].version, "1.0-2+sec1");
  EXPECT_EQ(found[0].list, "x_dists_stable-security_main_binary-amd64_Packages");
  EXPECT_EQ(found[1].version, "1.0-3");
}

TEST(DebianPackages, CompressedListsGoThroughAptHelperAndFailLoudlyWithoutIt) {
  FakeRoot root;
  root.write("var/lib/apt/lists/x_dists_stable_main_binary-amd64_Packages.gz", "not gzip");
  PackageIndex index;
  index.root = root.path;
  index.apt_helper = root.path / "no-such-helper";
  std::vector<std::string> unreadable;
  EXPECT_TRUE(index.available("libfoo1", "amd64", unreadable).empty());
  ASSERT_EQ(unreadable.size(), 1u);
  EXPECT_NE(unreadable[0].find("no-such-helper cannot run"), std::string::npos) << unreadable[0];
}
