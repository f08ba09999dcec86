#pragma once
// What an update endpoint answers, in Tauri's two forms: the static file
// ({version, notes, pub_date, platforms: {"<key>": {url, signature}}}) and the dynamic server's
// object ({version, url, signature, notes, pub_date}; a 204 means no update, decided by the
// caller). All of it is unsigned: the version here only decides whether to offer an update; the
// archive's own warden.conf.json decides whether to install it.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json.hpp>

#include "semver.hpp"

namespace warden::updater {

struct Release {
  SemVer version;
  std::string version_text;  // as the endpoint wrote it
  std::string url;
  std::string signature;     // base64 of the .minisig file (Tauri's form) or its text
  std::optional<std::string> notes;
  std::optional<std::string> pub_date;
  boost::json::object raw;
};

// The platform keys looked up in a static file's `platforms`, in order: for the page's `target`
// only that key; otherwise "linux-<arch>-warden" (an archive made for Warden), then "linux-<arch>"
// (Tauri's key, for a release file shared with a Tauri build: its archive is refused after
// verification unless it is a Warden app archive).
std::vector<std::string> platform_keys(const std::optional<std::string>& target, std::string_view arch);

// Throws std::runtime_error saying which field is missing or malformed.
Release parse_release(std::string_view body, const std::vector<std::string>& keys);

// Every "{{current_version}}", "{{target}}" and "{{arch}}" replaced by its value, each value
// percent-encoded (anything but A-Z a-z 0-9 - . _ ~). A page's `target` reaches here only as a
// plain name (update_check.hpp's target_problem refuses the rest), which encoding leaves as it is;
// the encoding stays as a second line should another caller pass anything else.
std::string substitute_endpoint(std::string url, std::string_view current_version, std::string_view target,
                                std::string_view arch);
std::string percent_encode(std::string_view value);

// Tauri's names for this machine: {{target}} "linux", {{arch}} "x86_64", "aarch64", ...
std::string_view updater_arch();

}  // namespace warden::updater
