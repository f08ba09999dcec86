#pragma once
// The ACL layer's one error type: every parse or resolution failure names where it happened and
// what kind of failure it is (as Tauri's acl::Error has one variant per failure), so callers and
// tests can tell failures apart without reading the message, which is for people.
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace warden::acl {

enum class ErrorKind {
  syntax,                  // a file is not valid JSON or TOML
  wrong_type,              // a field holds another type than expected ("expected an array, found a string")
  unknown_field,           // a field the format does not have
  missing_field,           // a required field is absent
  invalid_value,           // a field's value is out of its range (version, platform, pin, empty name)
  invalid_identifier,      // a plugin, permission, set or capability name breaks the naming rules
  duplicate_identifier,    // a permission or set is defined twice
  duplicate_plugin,        // a plugin's permissions are given twice
  duplicate_capability,    // two capabilities share an identifier
  unknown_plugin,          // a capability or set names a plugin that is not loaded
  unknown_permission,      // a capability names a permission its plugin does not define
  unknown_set_member,      // a set lists a permission its plugin does not define
  set_cycle,               // permission sets include each other
  unknown_capability,      // warden.conf.json names a capability that no file defines
  invalid_window_pattern,  // a windows/webviews glob does not compile
  invalid_url_pattern,     // a remote.urls pattern is malformed or outside the supported subset
  unsupported_file_type,   // a permission or capability file is neither .toml nor .json
  unreadable,              // a file or folder cannot be read or listed
  missing_folder,          // a plugin's permission folder does not exist or is not a folder
  invalid_command_line,    // a command-line plugin spec is not NAME=PATH
  not_editable,            // capabilities added to an authority built from a fixed ACL
};

// The kind's stable name, e.g. "unknown_permission" (for JSON output and logs).
std::string_view kind_name(ErrorKind kind) noexcept;

struct ErrorLocation {
  std::string file;                // the file (or "<inline>", "section of libx.so: permissions/a.toml")
  std::optional<int> line;         // 1-based, when the parser knows it
  std::string field;               // dotted path of the offending field, e.g. "permission[2].identifier"
};

class Error : public std::runtime_error {
 public:
  Error(ErrorKind kind, ErrorLocation where, std::string what);
  ErrorKind kind() const noexcept { return kind_; }
  const ErrorLocation& where() const noexcept { return where_; }
  const std::string& detail() const noexcept { return detail_; }

 private:
  ErrorKind kind_;
  ErrorLocation where_;
  std::string detail_;
};

}  // namespace warden::acl
