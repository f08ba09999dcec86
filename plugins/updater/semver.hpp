#pragma once
// Versions as SemVer 2.0 writes them (MAJOR.MINOR.PATCH[-pre][+build]), compared by its precedence
// rules: the updater decides "newer" on these, both for the endpoint's claim and for the version
// inside the signed archive (the one that counts).
#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace warden::updater {

struct SemVer {
  uint64_t major = 0, minor = 0, patch = 0;
  std::vector<std::string> pre;  // dot-separated identifiers; empty: a release
  std::string text() const;      // without build metadata (which never orders versions)
};

// nullopt when `text` is not a SemVer 2.0 version. A leading "v" is accepted, as Tauri's update
// JSON allows "v1.2.3".
std::optional<SemVer> parse_semver(std::string_view text);

// SemVer precedence: build metadata ignored, a pre-release below its release, numeric
// identifiers below alphanumeric ones.
std::strong_ordering compare(const SemVer& a, const SemVer& b);

}  // namespace warden::updater
