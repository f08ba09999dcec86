#pragma once
// plugins.window-state in the app config: the Builder options of Tauri's window-state plugin that
// a config can say (its label mapper and filter are Rust closures: none here).
//
//   "window-state": {"stateFlags": 63, "denylist": ["splash"], "skipInitialState": ["about"],
//                    "filename": ".window-state.json"}
#include <cstdint>
#include <set>
#include <string>

#include <boost/json/value.hpp>

#include "saved_state.hpp"

namespace warden::window_state_plugin {

inline constexpr const char* kDefaultFilename = ".window-state.json";

struct PluginConfig {
  uint32_t state_flags = kAllFlags;     // with_state_flags: what is restored at creation and saved at exit
  std::set<std::string> denylist;       // with_denylist: windows neither restored nor tracked
  std::set<std::string> skip_initial;   // skip_initial_state: tracked, not restored at creation
  std::string filename = kDefaultFilename;  // with_filename: in $APPCONFIG
};

// Throws std::invalid_argument naming the key and what was expected; an unknown key is refused
// (a misspelt option would otherwise be ignored unseen).
PluginConfig parse_plugin_config(const boost::json::value& config);

}  // namespace warden::window_state_plugin
