#include "fetch_arguments.hpp"

#include <algorithm>
#include <limits>
#include <stdexcept>
#include <string>

#include <boost/json.hpp>
#include <boost/json/basic_parser_impl.hpp>

namespace json = boost::json;

namespace warden::http_plugin {
namespace {

using L = ArgumentLimits;

// One open object or array: the key that opened it ("" for the root and array items), how many
// members or items it has had so far, and an object's keys (a repeated one is refused: which of
// the two counts would be the parser's choice, and the body's reader takes only the first data).
struct Frame {
  std::string key;
  bool array = false;
  std::size_t count = 0;
  std::vector<std::string> keys;
};

// A boost::json::basic_parser handler: every value into a value_stack, except the elements of
// clientConfig.data, which become bytes. Every callback that takes in text outside data charges
// the budget first and fails the parse (stopping it there) when a limit is passed.
struct ArgumentsHandler {
  // The parser's own limits stay open: data's items are counted by the body cap, the rest here,
  // with messages that say which limit.
  static constexpr std::size_t max_object_size = std::numeric_limits<std::size_t>::max();
  static constexpr std::size_t max_array_size = std::numeric_limits<std::size_t>::max();
  static constexpr std::size_t max_key_size = std::numeric_limits<std::size_t>::max();
  static constexpr std::size_t max_string_size = std::numeric_limits<std::size_t>::max();

  json::value_stack values;
  std::vector<Frame> open;
  std::string key;           // the key of the value that comes next
  bool in_string = false;    // a string's first part has been counted as an item
  bool capturing = false;
  std::optional<std::vector<std::uint8_t>> body;
  std::uint64_t max_body = 0;
  std::size_t text_bytes = 0;
  std::size_t value_count = 0;  // values outside data
  std::string problem;
  std::string too_large;

  bool fail(boost::system::error_code& ec, std::string why) {
    problem = std::move(why);
    ec = make_error_code(boost::system::errc::invalid_argument);
    return false;
  }
  bool not_a_byte(boost::system::error_code& ec) {
    return fail(ec, "clientConfig.data must hold numbers from 0 to 255");
  }
  // Where the value being read sits, for messages: "clientConfig.headers", "clientConfig.url", ...
  std::string where(bool with_key = true) const {
    std::string path;
    for (std::size_t i = 1; i < open.size(); ++i)
      if (!open[i].key.empty()) path += (path.empty() ? "" : ".") + open[i].key;
    if (with_key && !open.empty() && !open.back().array && !key.empty()) path += (path.empty() ? "" : ".") + key;
    return path.empty() ? "the arguments" : path;
  }
  bool charge(std::size_t bytes, boost::system::error_code& ec) {
    text_bytes += bytes;
    if (text_bytes <= L::kMostTextBytes) return true;
    return fail(ec, "fetch's arguments besides the body hold more than " + std::to_string(L::kMostTextBytes) +
                        " bytes of text (at " + where() + ")");
  }
  // A value begins in the innermost open container: one more member or item of it.
  bool item(boost::system::error_code& ec) {
    if (++value_count > L::kMostValues)
      return fail(ec, "fetch's arguments besides the body hold more than " + std::to_string(L::kMostValues) +
                          " values (at " + where() + ")");
    if (open.empty()) return true;
    Frame& f = open.back();
    ++f.count;
    std::size_t most = f.array ? L::kMostArrayItems : L::kMostObjectMembers;
    if (f.count <= most) return true;
    return fail(ec, where(/*with_key=*/false) + (f.array ? " holds more than " + std::to_string(most) + " items"
                                       : " holds more than " + std::to_string(most) + " members"));
  }
  bool container_begins(bool array, boost::system::error_code& ec) {
    if (!item(ec)) return false;
    if (open.size() >= L::kMostDepth)
      return fail(ec, where() + " nests deeper than fetch's arguments ever do (" + std::to_string(L::kMostDepth) +
                          " levels)");
    open.push_back({open.empty() || open.back().array ? std::string() : key, array, 0, {}});
    return true;
  }
  bool data_array_begins() const {
    return open.size() == 2 && !open[1].array && open[1].key == "clientConfig" && key == "data" && !body;
  }
  bool known_key(std::string_view k, boost::system::error_code& ec) {
    if (open.size() == 1 && k != "clientConfig")
      return fail(ec, "fetch takes only clientConfig; '" + std::string(k) + "' is not one of its arguments");
    if (open.size() == 2 && open[1].key == "clientConfig" &&
        std::find(std::begin(kClientConfigKeys), std::end(kClientConfigKeys), k) == std::end(kClientConfigKeys))
      return fail(ec, "clientConfig." + std::string(k) +
                          " is not a fetch option this Warden knows (it takes method, url, headers, data, "
                          "maxRedirections, connectTimeout, proxy and danger, as @tauri-apps/plugin-http 2.7.0 "
                          "sends them; a newer package may send more: update Warden or use that version)");
    return true;
  }

  bool on_document_begin(boost::system::error_code&) {
    values.reset();
    return true;
  }
  bool on_document_end(boost::system::error_code&) { return true; }
  bool on_object_begin(boost::system::error_code& ec) {
    if (capturing) return not_a_byte(ec);
    return container_begins(false, ec);
  }
  bool on_object_end(std::size_t n, boost::system::error_code&) {
    values.push_object(n);
    open.pop_back();
    return true;
  }
  bool on_array_begin(boost::system::error_code& ec) {
    if (capturing) return not_a_byte(ec);
    if (data_array_begins()) {
      if (!item(ec)) return false;
      capturing = true;
      body.emplace();
      return true;
    }
    return container_begins(true, ec);
  }
  bool on_array_end(std::size_t n, boost::system::error_code&) {
    if (capturing) {
      capturing = false;
      values.push_null();  // the bytes are in `body`
      return true;
    }
    values.push_array(n);
    open.pop_back();
    return true;
  }
  bool key_text(std::string_view s, std::size_t total, boost::system::error_code& ec) {
    if (total > L::kMostKeyBytes)
      return fail(ec, "a key in " + where() + " is longer than " + std::to_string(L::kMostKeyBytes) +
                          " bytes: no fetch option is");
    if (!charge(s.size(), ec)) return false;
    key += s;
    return true;
  }
  bool on_key_part(std::string_view s, std::size_t total, boost::system::error_code& ec) {
    if (key_started_) {
      key_started_ = false;
      key.clear();
    }
    if (!key_text(s, total, ec)) return false;
    values.push_chars(s);
    return true;
  }
  bool on_key(std::string_view s, std::size_t total, boost::system::error_code& ec) {
    if (key_started_) key.clear();
    key_started_ = true;  // the next key part starts a new key
    if (!key_text(s, total, ec)) return false;
    if (!known_key(key, ec)) return false;
    std::vector<std::string>& seen = open.back().keys;
    if (std::find(seen.begin(), seen.end(), key) != seen.end()) return fail(ec, where() + " is given twice");
    seen.push_back(key);
    values.push_key(s);
    return true;
  }
  bool string_text(std::string_view s, std::size_t total, boost::system::error_code& ec) {
    if (capturing) return not_a_byte(ec);
    if (!in_string && !item(ec)) return false;
    in_string = true;
    if (total > L::kMostStringBytes)
      return fail(ec, where() + " holds a string longer than " + std::to_string(L::kMostStringBytes) + " bytes");
    return charge(s.size(), ec);
  }
  bool on_string_part(std::string_view s, std::size_t total, boost::system::error_code& ec) {
    if (!string_text(s, total, ec)) return false;
    values.push_chars(s);
    return true;
  }
  bool on_string(std::string_view s, std::size_t total, boost::system::error_code& ec) {
    if (!string_text(s, total, ec)) return false;
    in_string = false;
    values.push_string(s);
    return true;
  }
  // Numbers outside data are few and short; their digits count as text, so that a number of
  // millions of digits is stopped as early as a long string.
  bool on_number_part(std::string_view s, boost::system::error_code& ec) {
    if (capturing) return true;  // a byte's digits: the body cap bounds them
    return charge(s.size(), ec);
  }
  bool scalar(std::string_view s, boost::system::error_code& ec) { return item(ec) && charge(s.size(), ec); }
  bool on_int64(std::int64_t i, std::string_view s, boost::system::error_code& ec) {
    if (!capturing) {
      if (!scalar(s, ec)) return false;
      values.push_int64(i);
      return true;
    }
    if (i < 0 || i > 255) return not_a_byte(ec);
    if (body->size() >= max_body) return fail(ec, too_large);
    body->push_back(static_cast<std::uint8_t>(i));
    return true;
  }
  bool on_uint64(std::uint64_t u, std::string_view s, boost::system::error_code& ec) {
    if (capturing) return not_a_byte(ec);
    if (!scalar(s, ec)) return false;
    values.push_uint64(u);
    return true;
  }
  bool on_double(double d, std::string_view s, boost::system::error_code& ec) {
    if (capturing) return not_a_byte(ec);
    if (!scalar(s, ec)) return false;
    values.push_double(d);
    return true;
  }
  bool on_bool(bool b, boost::system::error_code& ec) {
    if (capturing) return not_a_byte(ec);
    if (!scalar({}, ec)) return false;
    values.push_bool(b);
    return true;
  }
  bool on_null(boost::system::error_code& ec) {
    if (capturing) return not_a_byte(ec);
    if (!scalar({}, ec)) return false;
    values.push_null();
    return true;
  }
  bool on_comment_part(std::string_view, boost::system::error_code&) { return true; }
  bool on_comment(std::string_view, boost::system::error_code&) { return true; }

 private:
  bool key_started_ = true;  // the last key ended: the next key text starts a new one
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
