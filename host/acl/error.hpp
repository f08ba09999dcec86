#pragma once
// The ACL layer's one error type: every parse or resolution failure names where it happened.
#include <optional>
#include <stdexcept>
#include <string>

namespace warden::acl {

struct ErrorLocation {
  std::string file;                // the file (or "<inline>", "section of libx.so: permissions/a.toml")
  std::optional<int> line;         // 1-based, when the parser knows it
  std::string field;               // dotted path of the offending field, e.g. "permission[2].identifier"
};

class Error : public std::runtime_error {
 public:
  Error(ErrorLocation where, std::string what);
  const ErrorLocation& where() const noexcept { return where_; }
  const std::string& detail() const noexcept { return detail_; }

 private:
  ErrorLocation where_;
  std::string detail_;
};

}  // namespace warden::acl
