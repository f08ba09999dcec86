#pragma once
// A capability (Tauri v2 layout): which permissions the frontend gets, in which windows
// and webviews, from which origins, on which platforms.
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <boost/json/object.hpp>

#include "acl/permission_file.hpp"

namespace warden::acl {

struct Document;

// One item of `permissions`: "fs:read" or {"identifier": "fs:read", "allow": [...], "deny": [...]}.
struct PermissionEntry {
  std::string identifier;  // "<plugin>:<id>" or an app permission without prefix
  Scopes extra;            // the entry's own scope, merged into what it grants
  ErrorLocation where;     // for resolution errors: file, line, "permissions[3]"
};

struct Capability {
  std::string identifier;
  std::string description;
  std::vector<std::string> windows;   // glob patterns on window labels
  std::vector<std::string> webviews;  // glob patterns on webview labels
  std::vector<PermissionEntry> permissions;
  std::optional<std::vector<std::string>> platforms;  // nullopt: every platform
  bool local = true;                                  // the app's own frontend
  std::vector<std::string> remote_urls;               // URL patterns (URLPattern subset)
  ErrorLocation where;                                // file, line, "" or "capabilities[1]"

  // Only in the capabilities the host synthesizes for runtime grants (window_grants.hpp), never
  // read from a file: remote origins matched exactly (serialized, "https://a.example:8443"), with
  // no pattern syntax for a page's origin to smuggle in, and scopes added to a plugin's global
  // scope without going through a permission.
  std::vector<std::string> exact_origins;
  std::vector<std::pair<std::string, Scopes>> granted_scopes;  // plugin -> scope
};

// Identifiers of this form belong to the host's synthesized capabilities: a file that names one
// is refused, so the app can neither shadow nor revoke a runtime grant.
inline constexpr std::string_view kReservedCapabilityPrefix = "warden:";

// A capability file holds one capability, a list of them, or {"capabilities": [...]}.
std::vector<Capability> parse_capability_file(std::string_view text, FileFormat format,
                                              const std::string& source);
std::vector<Capability> load_capability_file(const std::filesystem::path& path);

// One capability at `path` inside an already-parsed document (also used for the inline
// capabilities of warden.conf.json). Checks globs and URL patterns eagerly.
Capability parse_capability(const Document& doc, const boost::json::value& v, const std::string& path);

boost::json::object to_json(const Capability& capability);

}  // namespace warden::acl
