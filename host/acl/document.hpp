#pragma once
// A parsed TOML or JSON file as one JSON value plus the line of every field, so the
// permission-file, capability and app-config readers share one walker and every error
// they raise can name the file, the line and the field.
#include <initializer_list>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <boost/json/value.hpp>

#include "acl/error.hpp"

namespace warden::acl {

enum class FileFormat;

struct Document {
  std::string source;
  boost::json::value root;
  std::unordered_map<std::string, int> lines;  // field path ("permission[2].identifier") -> line

  // The location of `path`, with the line of the path or of its closest ancestor.
  ErrorLocation at(const std::string& path) const;
  [[noreturn]] void fail(ErrorKind kind, const std::string& path, std::string what) const;
};

// JSON with comments and trailing commas accepted (as Tauri's capability files allow).
Document parse_json_document(std::string_view text, const std::string& source);
// TOML 1.0; dates and times become strings.
Document parse_toml_document(std::string_view text, const std::string& source);
Document parse_document(std::string_view text, FileFormat format, const std::string& source);

std::string field_path(const std::string& parent, std::string_view key);
std::string index_path(const std::string& parent, std::size_t index);

// Typed accessors: each fails with "expected <type>" at `path` when the value is another type.
const boost::json::object& expect_object(const Document& doc, const boost::json::value& v,
                                         const std::string& path);
const boost::json::array& expect_array(const Document& doc, const boost::json::value& v,
                                       const std::string& path);
std::string expect_string(const Document& doc, const boost::json::value& v, const std::string& path);
bool expect_bool(const Document& doc, const boost::json::value& v, const std::string& path);
std::vector<std::string> expect_string_list(const Document& doc, const boost::json::value& v,
                                            const std::string& path);

// Fails on a key outside `known`, naming the closest known key.
void reject_unknown_keys(const Document& doc, const boost::json::object& obj, const std::string& path,
                         std::initializer_list<std::string_view> known);
// Tauri's leniency for files apps write (capabilities): a key outside `known` is ignored with a
// warning naming the file, line and key, as Tauri ignores it; one close to a known key is still an
// error (a misspelt "webviews" ignored would widen the capability).
void ignore_unknown_keys(const Document& doc, const boost::json::object& obj, const std::string& path,
                         std::initializer_list<std::string_view> known);

}  // namespace warden::acl
