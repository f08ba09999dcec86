#include "plugin/host_config_keys.hpp"

#include <algorithm>

#include <boost/json/serialize.hpp>

namespace warden::plugin {

bool is_host_config_key(std::string_view key) {
  return std::find(host_config_keys.begin(), host_config_keys.end(), key) != host_config_keys.end();
}

std::string plugin_own_config(const boost::json::value* entry) {
  if (!entry) return "{}";
  if (!entry->is_object()) return boost::json::serialize(*entry);
  boost::json::object own;
  for (const auto& [key, value] : entry->get_object())
    if (!is_host_config_key(key)) own.emplace(key, value);
  return boost::json::serialize(own);
}

}  // namespace warden::plugin
