#include "fetch_arguments.hpp"

#include <limits>
#include <stdexcept>
#include <string>

#include <boost/json.hpp>
#include <boost/json/basic_parser_impl.hpp>

namespace json = boost::json;

namespace warden::http_plugin {
namespace {

// A boost::json::basic_parser handler: every value into a value_stack, except the elements of
// clientConfig.data, which become bytes.
struct ArgumentsHandler {
  static constexpr std::size_t max_object_size = std::numeric_limits<std::size_t>::max();
  static constexpr std::size_t max_array_size = std::numeric_limits<std::size_t>::max();
  static constexpr std::size_t max_key_size = std::numeric_limits<std::size_t>::max();
  static constexpr std::size_t max_string_size = std::numeric_limits<std::size_t>::max();

  json::value_stack values;
  std::vector<std::string> opened;  // the key that opened each container ("" for the root, arrays)
  std::string key, key_part;        // the key of the value that comes next
  bool capturing = false;
  std::optional<std::vector<std::uint8_t>> body;
  std::uint64_t max_body = 0;
  std::string problem;

  bool fail(boost::system::error_code& ec, std::string why) {
    problem = std::move(why);
    ec = make_error_code(boost::system::errc::invalid_argument);
    return false;
  }
  bool not_a_byte(boost::system::error_code& ec) {
    return fail(ec, "clientConfig.data must hold numbers from 0 to 255");
  }
  bool data_array_begins() const {
    return opened.size() == 2 && opened[1] == "clientConfig" && key == "data" && !body;
  }

  bool on_document_begin(boost::system::error_code&) {
    values.reset();
    return true;
  }
  bool on_document_end(boost::system::error_code&) { return true; }
  bool on_object_begin(boost::system::error_code& ec) {
    if (capturing) return not_a_byte(ec);
    opened.push_back(key);
    return true;
  }
  bool on_object_end(std::size_t n, boost::system::error_code&) {
    values.push_object(n);
    opened.pop_back();
    return true;
  }
  bool on_array_begin(boost::system::error_code& ec) {
    if (capturing) return not_a_byte(ec);
    if (data_array_begins()) {
      capturing = true;
      body.emplace();
      return true;
    }
    opened.push_back(key);
    return true;
  }
  bool on_array_end(std::size_t n, boost::system::error_code&) {
    if (capturing) {
      capturing = false;
      values.push_null();  // the bytes are in `body`
      return true;
    }
    values.push_array(n);
    opened.pop_back();
    return true;
  }
  bool on_key_part(std::string_view s, std::size_t, boost::system::error_code&) {
    values.push_chars(s);
    key_part += s;
    return true;
  }
  bool on_key(std::string_view s, std::size_t, boost::system::error_code&) {
    values.push_key(s);
    key = key_part + std::string(s);
    key_part.clear();
    return true;
  }
  bool on_string_part(std::string_view s, std::size_t, boost::system::error_code& ec) {
    if (capturing) return not_a_byte(ec);
    values.push_chars(s);
    return true;
  }
  bool on_string(std::string_view s, std::size_t, boost::system::error_code& ec) {
    if (capturing) return not_a_byte(ec);
    values.push_string(s);
    return true;
  }
  bool on_number_part(std::string_view, boost::system::error_code&) { return true; }
  bool on_int64(std::int64_t i, std::string_view, boost::system::error_code& ec) {
    if (!capturing) {
      values.push_int64(i);
      return true;
    }
    if (i < 0 || i > 255) return not_a_byte(ec);
    if (body->size() >= max_body) return fail(ec, too_large);
    body->push_back(static_cast<std::uint8_t>(i));
    return true;
  }
  bool on_uint64(std::uint64_t u, std::string_view, boost::system::error_code& ec) {
    if (capturing) return not_a_byte(ec);
    values.push_uint64(u);
    return true;
  }
  bool on_double(double d, std::string_view, boost::system::error_code& ec) {
    if (capturing) return not_a_byte(ec);
    values.push_double(d);
    return true;
  }
  bool on_bool(bool b, boost::system::error_code& ec) {
    if (capturing) return not_a_byte(ec);
    values.push_bool(b);
    return true;
  }
  bool on_null(boost::system::error_code& ec) {
    if (capturing) return not_a_byte(ec);
    values.push_null();
    return true;
  }
  bool on_comment_part(std::string_view, boost::system::error_code&) { return true; }
  bool on_comment(std::string_view, boost::system::error_code&) { return true; }

  std::string too_large;
};

}  // namespace

FetchArguments read_fetch_arguments(std::string_view text, std::uint64_t max_body, const std::string& too_large_message) {
  json::basic_parser<ArgumentsHandler> parser(json::parse_options{});
  parser.handler().max_body = max_body;
  parser.handler().too_large = too_large_message;
  boost::system::error_code ec;
  parser.write_some(false, text.data(), text.size(), ec);
  ArgumentsHandler& h = parser.handler();
  if (!h.problem.empty()) throw std::invalid_argument(h.problem);
  if (ec) throw std::invalid_argument("arguments are not valid JSON: " + ec.message());
  json::value args = h.values.release();
  json::value* config = args.is_object() ? args.as_object().if_contains("clientConfig") : nullptr;
  if (!config || !config->is_object()) throw std::invalid_argument("fetch needs clientConfig, an object");
  return {std::move(config->as_object()), std::move(h.body)};
}

}  // namespace warden::http_plugin
