#pragma once
// fetch's arguments read straight from the call's JSON text, within a budget. The pinned package
// sends the request body as a JSON array of numbers (clientConfig.data); parsed into JSON values
// that would cost 16 bytes per body byte (a 16 MiB body: 256 MiB). This reader writes the array's
// numbers into a byte vector as they come, stops at the first one past the cap, and builds JSON
// values only for the rest of the arguments, which a real request keeps small: everything else
// is held to the limits below, and the reader stops at the first byte past one of them, so a
// page's 32 MiB of headers, URL, nesting or unknown keys never becomes hundreds of MiB of values.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/object.hpp>

namespace warden::http_plugin {

// The budget of everything outside clientConfig.data (docs/plugins/http.md says why these).
struct ArgumentLimits {
  static constexpr std::size_t kMostTextBytes = 1024 * 1024;  // all strings, keys and numbers together
  static constexpr std::size_t kMostStringBytes = 64 * 1024;  // one string: the URL, a header value, ...
  static constexpr std::size_t kMostKeyBytes = 64;            // the known keys are short
  static constexpr std::size_t kMostArrayItems = 256;         // the headers list (and any other list)
  static constexpr std::size_t kMostObjectMembers = 16;       // clientConfig has 8 known keys
  static constexpr std::size_t kMostDepth = 5;                // {clientConfig: {proxy: {http: {basicAuth: {}}}}}
  // Every value, however short its text (null, [], ""), is a JSON value of its own in memory:
  // 256 headers are about 800 of them.
  static constexpr std::size_t kMostValues = 4096;
};

// The keys of clientConfig this reader accepts: every field of Tauri's ClientConfig, which
// @tauri-apps/plugin-http 2.7.0 sends.
inline constexpr std::string_view kClientConfigKeys[] = {"method", "url", "headers", "data", "maxRedirections",
                                                         "connectTimeout", "proxy", "danger"};

struct FetchArguments {
  boost::json::object client_config;              // its "data" member null
  std::optional<std::vector<std::uint8_t>> body;  // clientConfig.data when it was an array
};

// Throws std::invalid_argument: not JSON, no clientConfig object, a key other than clientConfig
// at the top or other than kClientConfigKeys inside it (naming it), data holding anything but
// numbers from 0 to 255, more than `max_body` of them (with `too_large_message`), or the rest
// past one of ArgumentLimits (naming which).
FetchArguments read_fetch_arguments(std::string_view json, std::uint64_t max_body, const std::string& too_large_message);

}  // namespace warden::http_plugin
