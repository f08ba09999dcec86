#pragma once
// How much a page may store (issue 13, finding 9): with store:default a page saved a 128 MiB
// store, and could create any number of store files. plugins.store in the app config:
//   "maxStoreBytes": the most bytes one store may hold, measured as its file is written (the
//                    indented JSON); default 16 MiB.
//   "maxStoreFiles": the most store files the app data folder may hold; a save that would create
//                    one more is refused. Default 64.
// Both defaults are far above what apps keep in stores (settings, a few caches of kilobytes; a
// store is read whole into memory and rewritten whole on every save, so large data belongs in
// files), and bound what one page can make the host keep and write to 64 x 16 MiB = 1 GiB.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <mutex>
#include <stdexcept>
#include <string>
#include <string_view>

#include <boost/json.hpp>

namespace warden::store_plugin {

inline constexpr std::uint64_t kDefaultMaxStoreBytes = 16u << 20;
inline constexpr std::size_t kDefaultMaxStoreFiles = 64;

struct StoreLimits {
  std::uint64_t max_bytes = kDefaultMaxStoreBytes;
  std::size_t max_files = kDefaultMaxStoreFiles;
};

// plugins.store of the app config (the host removed its own keys). Throws std::invalid_argument
// naming the field: an unknown one, or not an integer of at least 1 (maxStoreBytes: 1024).
StoreLimits parse_store_limits(const boost::json::value& config);

// A change, a load or a save refused for a limit; the message names the setting.
class StoreQuotaExceeded : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The bytes `object` takes as a store file (to_pretty_json), member by member, so that a set
// costs the size of the value it replaces and of the new one, not of the whole store.
std::uint64_t pretty_member_bytes(std::string_view key, const boost::json::value& value);
std::uint64_t pretty_object_bytes(std::size_t members, std::uint64_t member_bytes);
std::uint64_t pretty_bytes(const boost::json::object& object);

// What a store checks before it writes a file that does not exist yet: throws
// StoreQuotaExceeded when there are already enough store files; otherwise returns a lock that
// the save holds until the new file is there, so that two saves cannot both take the last place.
using NewStoreFileCheck = std::function<std::unique_lock<std::mutex>(const std::filesystem::path& file)>;

// The store files under `root`: regular files (links not followed) whose content starts with
// '{' (every store file does; a page cannot name its stores so that they escape the count) and
// that `counts` accepts; stops counting at `stop_at`.
std::size_t count_store_files(const std::filesystem::path& root, std::size_t stop_at,
                              const std::function<bool(const std::filesystem::path&)>& counts = {});

}  // namespace warden::store_plugin
