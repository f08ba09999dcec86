#pragma once
// One key-value store: a JSON object in memory, its file, its defaults and its save policy.
// Thread-safe: commands of several webviews reach one store from the host's worker threads.
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <boost/json.hpp>

#include "save_scheduler.hpp"
#include "store_options.hpp"
#include "store_quota.hpp"

namespace warden::store_plugin {


// Told about every change, under the store's lock so that listeners see changes in the order
// they happened. `value` is null when the key no longer exists. Must not call back into the store.
using ChangeListener = std::function<void(std::string_view key, const boost::json::value* value)>;
// Told about a failed automatic save (there is no call to report it to).
using SaveErrorListener = std::function<void(const std::string& message)>;

// What one store may hold and what it asks before it creates its file (store_quota.hpp).
struct StoreQuota {
  std::uint64_t max_bytes = kDefaultMaxStoreBytes;
  NewStoreFileCheck before_new_file;  // empty: no count of files
};

class Store : public std::enable_shared_from_this<Store> {
 public:
  // Reads `file` (unless options.create_new); throws std::runtime_error for a damaged file and
  // StoreQuotaExceeded for a file, or defaults, larger than quota.max_bytes.
  static std::shared_ptr<Store> open(std::filesystem::path file, StoreOptions options,
                                     std::shared_ptr<SaveScheduler> scheduler = nullptr,
                                     ChangeListener on_change = {}, SaveErrorListener on_save_error = {},
                                     StoreQuota quota = {});
  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  const std::filesystem::path& file() const { return file_; }

  // Throws StoreQuotaExceeded, changing nothing, when the store would hold more than its quota.
  void set(const std::string& key, boost::json::value value);
  std::uint64_t bytes() const;  // the size of its file when saved now
  std::optional<boost::json::value> get(std::string_view key) const;
  bool has(std::string_view key) const;
  bool erase(std::string_view key);  // false when there was no such key
  void clear();
  void reset();  // back to the defaults (clear() without defaults)
  std::vector<std::string> keys() const;
  std::vector<boost::json::value> values() const;
  std::vector<std::pair<std::string, boost::json::value>> entries() const;
  std::size_t length() const;

  // The file's content again (over the defaults unless ignore_defaults); a missing file gives
  // the defaults. Throws for a damaged file, leaving the store as it was. Emits no events.
  void reload(bool ignore_defaults);
  // Starts over from the defaults, as a createNew load does for a store already open.
  void start_new();

  // Writes the file atomically; throws std::runtime_error naming the file. Refuses when a part
  // of the path became a symbolic link since the store was opened.
  void save();
  void save_if_dirty();
  bool dirty() const;

 private:
  Store(std::filesystem::path file, StoreOptions options, std::shared_ptr<SaveScheduler> scheduler,
        ChangeListener on_change, SaveErrorListener on_save_error, StoreQuota quota);
  // The bytes of `content`; throws StoreQuotaExceeded past the quota, naming what `what` did.
  std::uint64_t checked_bytes(const boost::json::object& content, const char* what) const;
  [[noreturn]] void too_large(std::uint64_t bytes, const char* what) const;
  // The content the file gives, or the defaults when there is no file.
  boost::json::object content_from_disk(bool ignore_defaults) const;
  void changed(std::string_view key, const boost::json::value* value);  // under mutex_
  void recount();                                                      // member_bytes_ of cache_
  void after_change();                                                 // not under mutex_

  const std::filesystem::path file_;
  const StoreOptions options_;
  std::shared_ptr<SaveScheduler> scheduler_;
  ChangeListener on_change_;
  SaveErrorListener on_save_error_;

  mutable std::mutex mutex_;
  boost::json::object cache_;
  const StoreQuota quota_;
  std::uint64_t member_bytes_ = 0;  // pretty_member_bytes of every member of cache_
  std::uint64_t version_ = 0;  // bumped by every change
  // Saves run one at a time, so the last rename is always the newest snapshot.
  std::mutex save_mutex_;
  std::uint64_t saved_version_ = 0;
};

}  // namespace warden::store_plugin
