#pragma once
// A permission file (Tauri v2 layout): [default], [[permission]], [[set]], in TOML or JSON.
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/value.hpp>

#include "acl/error.hpp"

namespace warden::acl {

// Scope entries are arbitrary values; only the command enforcing them interprets them.
struct Scopes {
  std::vector<boost::json::value> allow;
  std::vector<boost::json::value> deny;
};

struct Permission {
  std::string identifier;  // without the "<plugin>:" prefix
  std::optional<std::string> description;
  std::vector<std::string> commands_allow;
  std::vector<std::string> commands_deny;
  Scopes scope;
  std::optional<std::vector<std::string>> platforms;  // nullopt: every platform
};

struct PermissionSet {
  std::string identifier;
  std::string description;
  std::vector<std::string> permissions;  // "<id>" of this plugin or "<plugin>:<id>"
};

struct DefaultSet {
  std::optional<std::string> description;
  std::vector<std::string> permissions;
};

struct PermissionFile {
  std::string source;  // where it came from, for error messages
  std::optional<DefaultSet> default_set;
  std::vector<Permission> permissions;
  std::vector<PermissionSet> sets;
};

enum class FileFormat { toml, json };

// Parses one permission file. Throws acl::Error naming `source`, the line and the field.
PermissionFile parse_permission_file(std::string_view text, FileFormat format,
                                     const std::string& source);

// Reads and parses a file; the format comes from the extension (.toml / .json).
PermissionFile load_permission_file(const std::filesystem::path& path);

// The parsed form as JSON: {"default": {...}|null, "permissions": [...], "sets": [...]}.
boost::json::object to_json(const PermissionFile& file);

}  // namespace warden::acl
