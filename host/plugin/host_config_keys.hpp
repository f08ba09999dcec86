#pragma once
// The keys of plugins.<name> in warden.conf.json that belong to the host, not to the plugin.
//
// The host reads them (where the library is, its pin) and removes them before the object
// reaches the plugin's init, so a plugin sees only its own configuration and may refuse every
// key it does not know: a key the host adds later can never break a plugin already shipped.
// Every new host key of plugins.<name> goes into this one list.
#include <array>
#include <string>
#include <string_view>

#include <boost/json/value.hpp>

namespace warden::plugin {

inline constexpr std::array<std::string_view, 3> host_config_keys{
    "path",    // the library to load (acl/app_config.cpp)
    "sha256",  // its pin (plugin_pin.hpp)
    "grants",  // the scopes it may extend through warden.grants/1 (acl/app_config.cpp, docs/grants.md)
};

bool is_host_config_key(std::string_view key);

// The JSON text a plugin's init gets for its plugins.<name> entry: the entry without the host's
// keys; "{}" when there is no entry. A non-object entry (never from a validated app config) is
// passed on unchanged for the plugin to refuse.
std::string plugin_own_config(const boost::json::value* entry);

}  // namespace warden::plugin
