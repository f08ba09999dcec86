#include "store_options.hpp"

#include <stdexcept>
#include <string>

namespace warden::store_plugin {
namespace json = boost::json;

namespace {

[[noreturn]] void bad(const std::string& field, const std::string& expected) {
  throw std::invalid_argument("store options: '" + field + "' must be " + expected);
}

bool flag(const json::value& v, const char* field) {
  if (!v.is_bool()) bad(field, "a boolean");
  return v.get_bool();
}

std::chrono::milliseconds debounce(const json::value& v) {
  std::int64_t ms = -1;
  if (v.is_int64()) ms = v.get_int64();
  else if (v.is_uint64() && v.get_uint64() <= 86'400'000u) ms = static_cast<std::int64_t>(v.get_uint64());
  if (ms < 0 || ms > 86'400'000) bad("autoSave", "a boolean or a debounce in milliseconds (0 to 86400000)");
  return std::chrono::milliseconds(ms);
}

}  // namespace

StoreOptions parse_store_options(const json::value& options) {
  StoreOptions out;
  if (options.is_null()) return out;
  if (!options.is_object()) throw std::invalid_argument("store options must be an object");
  for (const auto& member : options.get_object()) {
    std::string key(member.key());
    const json::value& v = member.value();
    if (v.is_null()) continue;
    if (key == "defaults") {
      if (!v.is_object()) bad(key, "an object of keys and values");
      out.defaults = v.get_object();
    } else if (key == "autoSave") {
      if (v.is_bool()) out.auto_save = v.get_bool() ? std::optional(default_auto_save) : std::nullopt;
      else out.auto_save = debounce(v);
    } else if (key == "createNew") {
      out.create_new = flag(v, "createNew");
    } else if (key == "overrideDefaults") {
      out.override_defaults = flag(v, "overrideDefaults");
    } else if (key == "serializeFnName" || key == "deserializeFnName") {
      throw std::invalid_argument("store options: '" + key + "': this host has no custom (de)serializer named " +
                                  json::serialize(v) + "; stores are JSON");
    } else {
      throw std::invalid_argument("store options: unknown option '" + key +
                                  "' (known: defaults, autoSave, createNew, overrideDefaults)");
    }
  }
  return out;
}

}  // namespace warden::store_plugin
