#pragma once
// Debian package version ordering ([epoch:]upstream[-revision]), as dpkg orders versions:
// `warden doctor` compares the installed WebKitGTK package with the newest one apt knows.
#include <optional>
#include <string>
#include <string_view>

namespace warden::cli {

struct DebianVersion {
  unsigned long epoch = 0;
  std::string upstream;
  std::string revision;  // "" when the version has none (a native package)
};

// Splits a version; nullopt when it is not a valid Debian version (empty, a bad epoch, an
// upstream part that does not start with a digit, characters dpkg does not allow).
std::optional<DebianVersion> parse_debian_version(std::string_view text);

// <0, 0 or >0 as a sorts before, equal to or after b, by dpkg's rules: epochs numerically,
// then upstream, then revision, each compared as alternating non-digit and digit runs, where
// '~' sorts before everything (even the end) and letters before other characters.
int compare_debian_versions(const DebianVersion& a, const DebianVersion& b);

}  // namespace warden::cli
