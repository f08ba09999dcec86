#include "acl/error.hpp"

namespace warden::acl {
namespace {

// "file:line: field: detail" — the shape compilers use, so editors can jump to it.
std::string compose(const ErrorLocation& where, const std::string& detail) {
  std::string out = where.file.empty() ? std::string("<input>") : where.file;
  if (where.line) out += ":" + std::to_string(*where.line);
  out += ": ";
  if (!where.field.empty()) out += where.field + ": ";
  return out + detail;
}

}  // namespace

std::string_view kind_name(ErrorKind kind) noexcept {
  switch (kind) {
    case ErrorKind::syntax: return "syntax";
    case ErrorKind::wrong_type: return "wrong_type";
    case ErrorKind::unknown_field: return "unknown_field";
    case ErrorKind::missing_field: return "missing_field";
    case ErrorKind::invalid_value: return "invalid_value";
    case ErrorKind::invalid_identifier: return "invalid_identifier";
    case ErrorKind::duplicate_identifier: return "duplicate_identifier";
    case ErrorKind::duplicate_plugin: return "duplicate_plugin";
    case ErrorKind::duplicate_capability: return "duplicate_capability";
    case ErrorKind::unknown_plugin: return "unknown_plugin";
    case ErrorKind::unknown_permission: return "unknown_permission";
    case ErrorKind::unknown_set_member: return "unknown_set_member";
    case ErrorKind::set_cycle: return "set_cycle";
    case ErrorKind::unknown_capability: return "unknown_capability";
    case ErrorKind::invalid_window_pattern: return "invalid_window_pattern";
    case ErrorKind::invalid_url_pattern: return "invalid_url_pattern";
    case ErrorKind::unsupported_file_type: return "unsupported_file_type";
    case ErrorKind::unreadable: return "unreadable";
    case ErrorKind::missing_folder: return "missing_folder";
    case ErrorKind::invalid_command_line: return "invalid_command_line";
    case ErrorKind::not_editable: return "not_editable";
  }
  return "unknown";
}

Error::Error(ErrorKind kind, ErrorLocation where, std::string what)
    : std::runtime_error(compose(where, what)), kind_(kind), where_(std::move(where)), detail_(std::move(what)) {}

}  // namespace warden::acl
