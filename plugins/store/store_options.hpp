#pragma once
// The options of a store (what @tauri-apps/plugin-store's load() sends as `options`).
#include <chrono>
#include <optional>

#include <boost/json.hpp>

namespace warden::store_plugin {

inline constexpr std::chrono::milliseconds default_auto_save{100};

struct StoreOptions {
  std::optional<boost::json::object> defaults;
  // Debounce of the automatic save after a change; nullopt: only explicit saves (and the saves
  // when the last handle closes and at shutdown).
  std::optional<std::chrono::milliseconds> auto_save = default_auto_save;
  bool create_new = false;         // start from the defaults, ignoring the file
  bool override_defaults = false;  // the file's content as it is, without the defaults under it
};

// {defaults?: object, autoSave?: bool | ms, createNew?: bool, overrideDefaults?: bool,
//  serializeFnName?, deserializeFnName?}; null or absent means "not given". Throws
// std::invalid_argument naming the field: a wrong type, an unknown key, or a custom
// (de)serializer name (this host registers none; JSON is the only format).
StoreOptions parse_store_options(const boost::json::value& options);

}  // namespace warden::store_plugin
