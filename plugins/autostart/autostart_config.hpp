#pragma once
// plugins.autostart of the app config: {"args": [string...]}, the arguments added to the app's
// command line in the autostart entry (what Tauri's plugin takes as `args` in its Rust init).
#include <cstddef>
#include <string>
#include <vector>

#include <boost/json/value.hpp>

namespace warden::autostart_plugin {

inline constexpr std::size_t max_args = 32;
inline constexpr std::size_t max_arg_bytes = 1024;

struct AutostartConfig {
  std::vector<std::string> args;
};

// Throws std::invalid_argument naming the key: an unknown key, args not an array of strings,
// more than max_args, one longer than max_arg_bytes, or one holding a control character (a
// desktop session could not read it back as written).
AutostartConfig autostart_config_from(const boost::json::value& config);

}  // namespace warden::autostart_plugin
