#pragma once
// The stores that are open, one per file, whoever opened them: two loads of one path share one
// store (as in Tauri). Each webview refers to a store through its own handle (a resource id of
// that webview); the store stays open while some handle holds it, and is saved, when it has
// unsaved changes, as its last handle goes and at shutdown.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json.hpp>

#include "save_scheduler.hpp"
#include "store.hpp"
#include "store_quota.hpp"

namespace warden::store_plugin {

// Sends one `store://change` payload to one window.
using ChangeEmitter = std::function<void(const boost::json::value& payload, const std::string& window)>;

inline constexpr const char* change_event = "store://change";

// What only the host answers about a store file (warden.path-scope/1): where a path really leads
// (its canonical_path: every symlink resolved, nullopt when it cannot be resolved) and whether a
// plugin may reach that canonical file at all (path_in_scope of exactly it: files of the host or
// of another plugin, such as the log folder inside the app data folder, are out of reach
// whatever lies where).
struct HostPaths {
  std::function<std::optional<std::string>(const std::string& path)> canonical;
  std::function<bool(const std::string& canonical_file)> reachable;
};

class StoreCollection : public std::enable_shared_from_this<StoreCollection> {
 public:
  // `root`: the app data folder, where every store file lives. `host`: the host's answers about
  // each store file (both functions required).
  // `limits`: what each store may hold and how many store files `root` may hold (store_quota.hpp).
  static std::shared_ptr<StoreCollection> create(std::filesystem::path root, ChangeEmitter emit,
                                                 SaveErrorListener on_save_error, HostPaths host,
                                                 StoreLimits limits = {});
  ~StoreCollection();

  const std::filesystem::path& root() const { return root_; }
  // The canonical store file of `name` (store_file_path under root(), resolved by the host):
  // inside the app data folder once its symlinks are resolved, and reachable by plugins. Throws
  // StorePathRefused naming `name` and the reason.
  std::filesystem::path resolve(std::string_view name) const;

  struct Opened {
    std::shared_ptr<Store> store;
    std::uint64_t holder = 0;  // pass to set_resource_id / release
  };
  // Registers a holder (a webview's handle) of the store of `file`, opening the store with
  // `options` when no one has it open; a store already open keeps its options (createNew still
  // starts it over from its defaults). Throws for a damaged file.
  Opened open(const std::filesystem::path& file, const StoreOptions& options, const std::string& window,
              const std::string& webview);
  // The holder's resource id in its webview, once the host gave one: change events go to it.
  void set_resource_id(const std::filesystem::path& file, std::uint64_t holder, std::uint32_t rid);
  // The resource ids `webview` holds for `file` (none when it holds none); the caller checks that
  // the resource is still open (the page may have closed it).
  std::vector<std::uint32_t> resource_ids(const std::filesystem::path& file, std::string_view webview) const;
  // The holder went away. The last one closes the store, saving it when it has unsaved changes
  // (errors go to on_save_error).
  void release(const std::filesystem::path& file, std::uint64_t holder);

  bool is_open(const std::filesystem::path& file) const;
  std::size_t open_count() const;
  // Saves every store with unsaved changes; errors go to on_save_error. For shutdown.
  void save_all_dirty();
  // Ends automatic saves (before save_all_dirty at shutdown).
  void stop_auto_save() { scheduler_->stop(); }

 private:
  struct Holder {
    std::string window, webview;
    std::uint32_t rid = 0;  // 0 until set_resource_id
  };
  struct Entry {
    std::shared_ptr<Store> store;
    std::map<std::uint64_t, Holder> holders;
  };
  StoreCollection(std::filesystem::path root, ChangeEmitter emit, SaveErrorListener on_save_error,
                  HostPaths host, StoreLimits limits);
  // StoreQuota::before_new_file: refuses a new store file past limits_.max_files.
  std::unique_lock<std::mutex> admit_new_file(const std::filesystem::path& file);
  void emit_change(const std::filesystem::path& file, std::string_view key, const boost::json::value* value) const;
  void save_reporting(Store& store) const;

  const std::filesystem::path root_;
  ChangeEmitter emit_;
  SaveErrorListener on_save_error_;
  HostPaths host_;
  std::shared_ptr<SaveScheduler> scheduler_;
  const StoreLimits limits_;
  std::mutex new_file_mutex_;  // held from the count of store files until the new one is written

  mutable std::mutex mutex_;  // never held while taking a store's lock (stores call emit_change)
  std::map<std::filesystem::path, Entry> entries_;
  std::uint64_t next_holder_ = 1;
};

}  // namespace warden::store_plugin
