#include "acl/document.hpp"

#include <sstream>

#include <boost/json/parser.hpp>
#include <spdlog/spdlog.h>
#include <toml++/toml.h>

#include "acl/closest_identifier.hpp"
#include "acl/permission_file.hpp"

namespace warden::acl {
namespace {

int line_of_offset(std::string_view text, std::size_t offset) {
  int line = 1;
  for (std::size_t i = 0; i < offset && i < text.size(); ++i)
    if (text[i] == '\n') ++line;
  return line;
}

// Walks JSON text that Boost.JSON already accepted and records the line where each field
// starts. Boost.JSON's DOM keeps no positions, and errors must name lines.
class JsonLineScanner {
 public:
  JsonLineScanner(std::string_view text, std::unordered_map<std::string, int>& lines)
      : text_(text), lines_(lines) {}

  void scan() { value(""); }

 private:
  std::string_view text_;
  std::unordered_map<std::string, int>& lines_;
  std::size_t pos_ = 0;
  int line_ = 1;

  bool done() const { return pos_ >= text_.size(); }
  char peek() const { return done() ? '\0' : text_[pos_]; }
  void advance() {
    if (text_[pos_] == '\n') ++line_;
    ++pos_;
  }
  void skip_space() {
    while (!done()) {
      char c = peek();
      if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == ',') {
        advance();
      } else if (c == '/' && pos_ + 1 < text_.size() && text_[pos_ + 1] == '/') {
        while (!done() && peek() != '\n') advance();
      } else if (c == '/' && pos_ + 1 < text_.size() && text_[pos_ + 1] == '*') {
        advance(), advance();
        while (!done() && !(peek() == '*' && pos_ + 1 < text_.size() && text_[pos_ + 1] == '/'))
          advance();
        if (!done()) advance(), advance();
      } else {
        return;
      }
    }
  }
  std::string string_token() {
    std::string out;
    advance();  // opening quote
    while (!done() && peek() != '"') {
      if (peek() == '\\') {
        advance();
        if (done()) break;
      }
      out += peek();
      advance();
    }
    if (!done()) advance();
    return out;
  }
  void value(const std::string& path) {
    skip_space();
    lines_.try_emplace(path, line_);
    char c = peek();
    if (c == '{') {
      advance();
      for (skip_space(); !done() && peek() != '}'; skip_space()) {
        std::string key = string_token();
        skip_space();
        if (peek() == ':') advance();
        value(field_path(path, key));
      }
      if (!done()) advance();
    } else if (c == '[') {
      advance();
      std::size_t index = 0;
      for (skip_space(); !done() && peek() != ']'; skip_space()) value(index_path(path, index++));
      if (!done()) advance();
    } else if (c == '"') {
      string_token();
    } else {
      while (!done() && std::string_view(",]} \t\r\n/").find(peek()) == std::string_view::npos)
        advance();
    }
  }
};

boost::json::value from_toml(const toml::node& node, const std::string& path,
                             std::unordered_map<std::string, int>& lines) {
  if (node.source().begin.line > 0) lines.try_emplace(path, int(node.source().begin.line));
  switch (node.type()) {
    case toml::node_type::table: {
      boost::json::object obj;
      for (auto&& [key, child] : *node.as_table()) {
        std::string child_path = field_path(path, key.str());
        if (key.source().begin.line > 0) lines.try_emplace(child_path, int(key.source().begin.line));
        obj[key.str()] = from_toml(child, child_path, lines);
      }
      return obj;
    }
    case toml::node_type::array: {
      boost::json::array arr;
      std::size_t i = 0;
      for (auto&& child : *node.as_array()) {
        arr.push_back(from_toml(child, index_path(path, i), lines));
        ++i;
      }
      return arr;
    }
    case toml::node_type::string:
      return boost::json::value(node.as_string()->get());
    case toml::node_type::integer:
      return boost::json::value(node.as_integer()->get());
    case toml::node_type::floating_point:
      return boost::json::value(node.as_floating_point()->get());
    case toml::node_type::boolean:
      return boost::json::value(node.as_boolean()->get());
    default: {  // dates and times: kept as their TOML text
      std::ostringstream text;
      if (auto* d = node.as_date()) text << *d;
      else if (auto* t = node.as_time()) text << *t;
      else if (auto* dt = node.as_date_time()) text << *dt;
      return boost::json::value(text.str());
    }
  }
}

std::string_view type_name(const boost::json::value& v) {
  switch (v.kind()) {
    case boost::json::kind::object: return "a table/object";
    case boost::json::kind::array: return "an array";
    case boost::json::kind::string: return "a string";
    case boost::json::kind::bool_: return "a boolean";
    case boost::json::kind::null: return "null";
    default: return "a number";
  }
}

[[noreturn]] void fail_type(const Document& doc, const boost::json::value& v, const std::string& path,
                            std::string_view expected) {
  doc.fail(ErrorKind::wrong_type, path, "expected " + std::string(expected) + ", found " + std::string(type_name(v)));
}

}  // namespace

ErrorLocation Document::at(const std::string& path) const {
  ErrorLocation where{source, std::nullopt, path};
  for (std::string p = path;; ) {
    if (auto it = lines.find(p); it != lines.end()) {
      where.line = it->second;
      return where;
    }
    if (p.empty()) return where;
    auto cut = p.find_last_of(".[");
    p = cut == std::string::npos ? std::string() : p.substr(0, cut);
  }
}

void Document::fail(ErrorKind kind, const std::string& path, std::string what) const {
  throw Error(kind, at(path), std::move(what));
}

Document parse_json_document(std::string_view text, const std::string& source) {
  boost::json::parse_options options;
  options.allow_comments = true;
  options.allow_trailing_commas = true;
  boost::json::parser parser({}, options);
  boost::system::error_code ec;
  std::size_t used = parser.write(text.data(), text.size(), ec);
  if (ec) {
    throw Error(ErrorKind::syntax, {source, line_of_offset(text, used), ""}, "invalid JSON: " + ec.message());
  }
  Document doc{source, parser.release(), {}};
  JsonLineScanner(text, doc.lines).scan();
  return doc;
}

Document parse_toml_document(std::string_view text, const std::string& source) {
  try {
    toml::table table = toml::parse(text, source);
    Document doc{source, {}, {}};
    doc.root = from_toml(table, "", doc.lines);
    return doc;
  } catch (const toml::parse_error& e) {
    throw Error(ErrorKind::syntax, {source, int(e.source().begin.line), ""}, "invalid TOML: " + std::string(e.description()));
  }
}

Document parse_document(std::string_view text, FileFormat format, const std::string& source) {
  return format == FileFormat::toml ? parse_toml_document(text, source)
                                    : parse_json_document(text, source);
}

std::string field_path(const std::string& parent, std::string_view key) {
  return parent.empty() ? std::string(key) : parent + "." + std::string(key);
}

std::string index_path(const std::string& parent, std::size_t index) {
  return parent + "[" + std::to_string(index) + "]";
}

const boost::json::object& expect_object(const Document& doc, const boost::json::value& v,
                                         const std::string& path) {
  if (!v.is_object()) fail_type(doc, v, path, "a table/object");
  return v.get_object();
}

const boost::json::array& expect_array(const Document& doc, const boost::json::value& v,
                                       const std::string& path) {
  if (!v.is_array()) fail_type(doc, v, path, "an array");
  return v.get_array();
}

std::string expect_string(const Document& doc, const boost::json::value& v, const std::string& path) {
  if (!v.is_string()) fail_type(doc, v, path, "a string");
  return std::string(v.get_string());
}

bool expect_bool(const Document& doc, const boost::json::value& v, const std::string& path) {
  if (!v.is_bool()) fail_type(doc, v, path, "a boolean");
  return v.get_bool();
}

std::vector<std::string> expect_string_list(const Document& doc, const boost::json::value& v,
                                            const std::string& path) {
  std::vector<std::string> out;
  const auto& arr = expect_array(doc, v, path);
  for (std::size_t i = 0; i < arr.size(); ++i) out.push_back(expect_string(doc, arr[i], index_path(path, i)));
  return out;
}

namespace {

bool is_known(std::string_view key, std::initializer_list<std::string_view> known) {
  for (auto k : known)
    if (key == k) return true;
  return false;
}

}  // namespace

void ignore_unknown_keys(const Document& doc, const boost::json::object& obj, const std::string& path,
                         std::initializer_list<std::string_view> known) {
  for (const auto& member : obj) {
    if (is_known(member.key(), known)) continue;
    if (!closest_identifiers(member.key(), std::vector<std::string>(known.begin(), known.end())).empty())
      reject_unknown_keys(doc, obj, path, known);  // a likely misspelling: the error names the key it resembles
    ErrorLocation where = doc.at(field_path(path, member.key()));
    spdlog::warn("{}{}: unknown field '{}' ignored, as Tauri ignores it (expected one of: {})", where.file,
                 where.line ? ":" + std::to_string(*where.line) : "", field_path(path, member.key()),
                 quoted_list(std::vector<std::string>(known.begin(), known.end())));
  }
}

void reject_unknown_keys(const Document& doc, const boost::json::object& obj, const std::string& path,
                         std::initializer_list<std::string_view> known) {
  for (const auto& member : obj) {
    if (is_known(member.key(), known)) continue;
    std::vector<std::string> candidates(known.begin(), known.end());
    std::string what = "unknown field '" + std::string(member.key()) + "'";
    auto closest = closest_identifiers(member.key(), candidates);
    what += closest.empty() ? "; expected one of: " + quoted_list(candidates) : "; did you mean " + quoted_list(closest) + "?";
    doc.fail(ErrorKind::unknown_field, field_path(path, member.key()), what);
  }
}

}  // namespace warden::acl
