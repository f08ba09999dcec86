#include "autostart_config.hpp"

#include <stdexcept>

#include <boost/json.hpp>

namespace warden::autostart_plugin {

AutostartConfig autostart_config_from(const boost::json::value& config) {
  AutostartConfig out;
  if (config.is_null()) return out;
  if (!config.is_object()) throw std::invalid_argument("plugins.autostart must be an object {\"args\": [...]}");
  for (const auto& [key, value] : config.get_object()) {
    if (key != "args")
      throw std::invalid_argument("plugins.autostart." + std::string(key) + ": unknown key (expected only \"args\")");
    if (!value.is_array()) throw std::invalid_argument("plugins.autostart.args must be an array of strings");
    const boost::json::array& args = value.get_array();
    if (args.size() > max_args)
      throw std::invalid_argument("plugins.autostart.args has " + std::to_string(args.size()) + " entries; at most " +
                                  std::to_string(max_args));
    for (std::size_t i = 0; i < args.size(); ++i) {
      const std::string where = "plugins.autostart.args[" + std::to_string(i) + "]";
      if (!args[i].is_string()) throw std::invalid_argument(where + " must be a string");
      const boost::json::string& s = args[i].get_string();
      if (s.size() > max_arg_bytes)
        throw std::invalid_argument(where + " is longer than " + std::to_string(max_arg_bytes) + " bytes");
      for (char c : s)
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f)
          throw std::invalid_argument(where + " holds a control character");
      out.args.emplace_back(s);
    }
  }
  return out;
}

}  // namespace warden::autostart_plugin
