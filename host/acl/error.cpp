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

Error::Error(ErrorLocation where, std::string what)
    : std::runtime_error(compose(where, what)), where_(std::move(where)), detail_(std::move(what)) {}

}  // namespace warden::acl
