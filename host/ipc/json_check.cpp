#include "ipc/json_check.hpp"

#include <boost/json/basic_parser_impl.hpp>

namespace warden::ipc {
namespace {

using boost::json::error_code;
using boost::json::string_view;

// Accepts every event; remembers only whether the document is an object.
struct ShapeHandler {
  static constexpr std::size_t max_object_size = std::size_t(-1);
  static constexpr std::size_t max_array_size = std::size_t(-1);
  static constexpr std::size_t max_key_size = std::size_t(-1);
  static constexpr std::size_t max_string_size = std::size_t(-1);

  int depth = 0;
  bool object = false;

  bool on_document_begin(error_code&) { return true; }
  bool on_document_end(error_code&) { return true; }
  bool on_object_begin(error_code&) {
    if (depth++ == 0) object = true;
    return true;
  }
  bool on_object_end(std::size_t, error_code&) { --depth; return true; }
  bool on_array_begin(error_code&) { ++depth; return true; }
  bool on_array_end(std::size_t, error_code&) { --depth; return true; }
  bool on_key_part(string_view, std::size_t, error_code&) { return true; }
  bool on_key(string_view, std::size_t, error_code&) { return true; }
  bool on_string_part(string_view, std::size_t, error_code&) { return true; }
  bool on_string(string_view, std::size_t, error_code&) { return true; }
  bool on_number_part(string_view, error_code&) { return true; }
  bool on_int64(std::int64_t, string_view, error_code&) { return true; }
  bool on_uint64(std::uint64_t, string_view, error_code&) { return true; }
  bool on_double(double, string_view, error_code&) { return true; }
  bool on_bool(bool, error_code&) { return true; }
  bool on_null(error_code&) { return true; }
  bool on_comment_part(string_view, error_code&) { return true; }
  bool on_comment(string_view, error_code&) { return true; }
};

}  // namespace

JsonShape check_json(std::string_view text) {
  // Same limits as boost::json::parse's defaults (strict JSON, depth 32), so that whatever
  // passes here also parses for the command.
  boost::json::basic_parser<ShapeHandler> parser(boost::json::parse_options{});
  error_code ec;
  std::size_t used = parser.write_some(false, text.data(), text.size(), ec);
  if (ec || used != text.size() || !parser.done()) return JsonShape::invalid;
  return parser.handler().object ? JsonShape::object : JsonShape::other;
}

}  // namespace warden::ipc
