#pragma once
// A permission file (Tauri v2 layout): [default], [[permission]], [[set]], in TOML or JSON.
#include <cstdint>
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

  bool empty() const { return allow.empty() && deny.empty(); }
};

struct Permission {
  std::string identifier;  // without the "<plugin>:" prefix
  std::optional<std::string> description;
  std::vector<std::string> commands_allow;
  std::vector<std::string> commands_deny;
  Scopes scope;
  std::optional<std::vector<std::string>> platforms;  // nullopt: every platform; Tauri spelling
  std::optional<std::uint64_t> version;
  std::optional<int> line;  // where it is defined, for resolution errors

  bool has_commands() const { return !commands_allow.empty() || !commands_deny.empty(); }
};

struct PermissionSet {
  std::string identifier;
  std::string description;
  std::vector<std::string> permissions;  // "<id>" of this plugin or "<plugin>:<id>"
  std::optional<int> line;
};

struct DefaultSet {
  std::optional<std::string> description;
  std::vector<std::string> permissions;
  std::optional<int> line;
};

struct PermissionFile {
  std::string source;  // where it came from, for error messages
  std::optional<DefaultSet> default_set;
  std::vector<Permission> permissions;
  std::vector<PermissionSet> sets;
  // Accepted but suspicious input, e.g. a top-level [[scope.deny]] that TOML attaches to no
  // permission (Tauri silently drops it; we keep the file valid but say so).
  std::vector<std::string> warnings;
};

enum class FileFormat { toml, json };

// Parses one permission file. Throws acl::Error naming `source`, the line and the field.
PermissionFile parse_permission_file(std::string_view text, FileFormat format,
                                     const std::string& source);

struct Document;
// Parses an already-read document (the JSON value and the line of each field).
PermissionFile parse_permission_document(const Document& doc);

// Reads and parses a file; the format comes from the extension (.toml / .json).
PermissionFile load_permission_file(const std::filesystem::path& path);

// The format of a file from its extension; nullopt for anything but .toml/.json.
std::optional<FileFormat> format_of(const std::filesystem::path& path);

// The text of a file; throws Error naming it when it cannot be read.
std::string read_text_file(const std::filesystem::path& path);

// The parsed form as JSON: {"default": {...}|null, "permissions": [...], "sets": [...]}.
boost::json::object to_json(const PermissionFile& file);

}  // namespace warden::acl
