#include "plugin_config.hpp"

#include <stdexcept>

#include <boost/json.hpp>

namespace warden::window_state_plugin {
namespace json = boost::json;

namespace {

[[noreturn]] void bad(const std::string& key, const std::string& expected) {
  throw std::invalid_argument("plugins.window-state." + key + " must be " + expected);
}

std::set<std::string> labels(const json::value& v, const std::string& key) {
  if (!v.is_array()) bad(key, "an array of window labels");
  std::set<std::string> out;
  for (const json::value& e : v.get_array()) {
    if (!e.is_string() || e.get_string().empty()) bad(key, "an array of window labels (non-empty strings)");
    out.emplace(e.get_string());
  }
  return out;
}

// A file name in $APPCONFIG, never a path elsewhere.
std::string filename(const json::value& v) {
  if (!v.is_string()) bad("filename", "a file name");
  std::string name(v.get_string());
  if (name.empty() || name == "." || name == ".." || name.find('/') != std::string::npos ||
      name.find('\0') != std::string::npos || name.size() > 255)
    bad("filename", "a file name without '/' (the file is always in the app's config folder), got '" + name + "'");
  return name;
}

}  // namespace

PluginConfig parse_plugin_config(const json::value& config) {
  PluginConfig c;
  if (config.is_null()) return c;
  if (!config.is_object()) throw std::invalid_argument("plugins.window-state must be an object");
  for (const auto& [key, v] : config.get_object()) {
    if (key == "stateFlags") {
      if (!v.is_int64() && !v.is_uint64()) bad("stateFlags", "a whole number (StateFlags bits)");
      if (v.is_int64() && v.get_int64() < 0) bad("stateFlags", "a whole number (StateFlags bits)");
      try {
        c.state_flags = state_flags(v.is_uint64() ? v.get_uint64() : uint64_t(v.get_int64()));
      } catch (const std::invalid_argument& e) {
        bad("stateFlags", std::string("StateFlags bits: ") + e.what());
      }
    } else if (key == "denylist") {
      c.denylist = labels(v, "denylist");
    } else if (key == "skipInitialState") {
      c.skip_initial = labels(v, "skipInitialState");
    } else if (key == "filename") {
      c.filename = filename(v);
    } else {
      throw std::invalid_argument("plugins.window-state has no key '" + std::string(key) +
                                  "' (expected stateFlags, denylist, skipInitialState, filename)");
    }
  }
  return c;
}

}  // namespace warden::window_state_plugin
