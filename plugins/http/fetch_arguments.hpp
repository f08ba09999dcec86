#pragma once
// fetch's arguments read straight from the call's JSON text. The pinned package sends the request
// body as a JSON array of numbers (clientConfig.data); parsed into JSON values that would cost
// 16 bytes per body byte (a 16 MiB body: 256 MiB). This reader writes the array's numbers into a
// byte vector as they come, stops at the first one past the cap, and builds JSON values only for
// the rest of the arguments.
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include <boost/json/object.hpp>

namespace warden::http_plugin {

struct FetchArguments {
  boost::json::object client_config;              // its "data" member null
  std::optional<std::vector<std::uint8_t>> body;  // clientConfig.data when it was an array
};

// Throws std::invalid_argument: not JSON, no clientConfig object, data holding anything but
// numbers from 0 to 255, or more than `max_body` of them (with `too_large_message`).
FetchArguments read_fetch_arguments(std::string_view json, std::uint64_t max_body, const std::string& too_large_message);

}  // namespace warden::http_plugin
