#include "store_collection.hpp"

#include "store_name.hpp"

namespace warden::store_plugin {
namespace fs = std::filesystem;
namespace json = boost::json;

std::shared_ptr<StoreCollection> StoreCollection::create(fs::path root, ChangeEmitter emit,
                                                         SaveErrorListener on_save_error, HostPaths host,
                                                         StoreLimits limits) {
  return std::shared_ptr<StoreCollection>(new StoreCollection(std::move(root), std::move(emit), std::move(on_save_error),
                                                              std::move(host), limits));
}

StoreCollection::StoreCollection(fs::path root, ChangeEmitter emit, SaveErrorListener on_save_error,
                                 HostPaths host, StoreLimits limits)
    : root_(std::move(root)),
      emit_(std::move(emit)),
      on_save_error_(std::move(on_save_error)),
      host_(std::move(host)),
      scheduler_(std::make_shared<SaveScheduler>()),
      limits_(limits) {}

std::unique_lock<std::mutex> StoreCollection::admit_new_file(const fs::path& file) {
  std::unique_lock lock(new_file_mutex_);
  std::size_t files = count_store_files(root_, limits_.max_files,
                                       [this](const fs::path& f) { return host_.reachable(f.string()); });
  if (files >= limits_.max_files)
    throw StoreQuotaExceeded("cannot create the store '" + file.filename().string() + "': the app already has " +
                             std::to_string(files) + " store files, the most plugins.store.maxStoreFiles allows");
  return lock;
}

StoreCollection::~StoreCollection() { scheduler_->stop(); }

namespace {

bool is_within(const std::string& path, const std::string& folder) {
  return folder == "/" || (path.starts_with(folder) && path.size() > folder.size() && path[folder.size()] == '/');
}

}  // namespace

fs::path StoreCollection::resolve(std::string_view name) const {
  fs::path joined = store_file_path(root_, name);
  // Where the name really leads is the host's answer; that it stays in the app data folder is
  // this plugin's rule, and what inside it belongs to the host or another plugin the host's.
  auto real_root = host_.canonical(root_.string());
  if (!real_root) refuse_store_path(name, "cannot be placed: the app data folder '" + root_.string() + "' cannot be resolved");
  auto real = host_.canonical(joined.string());
  if (!real) refuse_store_path(name, "goes through a symbolic link that leads nowhere, or cannot be resolved");
  if (!is_within(*real, *real_root))
    refuse_store_path(name, "leaves the app data folder '" + root_.string() + "' through a symbolic link (to '" + *real + "')");
  if (!host_.reachable(*real))
    refuse_store_path(name, "is kept by the host for itself or another plugin ('" + *real + "')");
  std::error_code ec;
  if (fs::is_directory(fs::symlink_status(*real, ec))) refuse_store_path(name, "names a folder, not a file");
  return *real;
}

StoreCollection::Opened StoreCollection::open(const fs::path& file, const StoreOptions& options,
                                              const std::string& window, const std::string& webview) {
  std::shared_ptr<Store> existing;
  Opened opened;
  {
    std::lock_guard lock(mutex_);
    auto it = entries_.find(file);
    if (it == entries_.end()) {
      // A new store is not shared yet: reading its file under our lock cannot deadlock.
      std::weak_ptr<StoreCollection> weak = weak_from_this();
      auto on_change = [weak, file](std::string_view key, const json::value* value) {
        if (auto self = weak.lock()) self->emit_change(file, key, value);
      };
      StoreQuota quota{limits_.max_bytes, [weak](const fs::path& f) {
                         auto self = weak.lock();
                         if (!self) throw std::runtime_error("the store plugin is shutting down");
                         return self->admit_new_file(f);
                       }};
      auto store = Store::open(file, options, scheduler_, std::move(on_change), on_save_error_, std::move(quota));
      it = entries_.emplace(file, Entry{std::move(store), {}}).first;
    } else if (options.create_new) {
      existing = it->second.store;
    }
    opened.store = it->second.store;
    opened.holder = next_holder_++;
    it->second.holders.emplace(opened.holder, Holder{window, webview, 0});
  }
  if (existing) existing->start_new();
  return opened;
}

void StoreCollection::set_resource_id(const fs::path& file, std::uint64_t holder, std::uint32_t rid) {
  std::lock_guard lock(mutex_);
  auto it = entries_.find(file);
  if (it == entries_.end()) return;
  auto h = it->second.holders.find(holder);
  if (h != it->second.holders.end()) h->second.rid = rid;
}

std::vector<std::uint32_t> StoreCollection::resource_ids(const fs::path& file, std::string_view webview) const {
  std::lock_guard lock(mutex_);
  std::vector<std::uint32_t> out;
  auto it = entries_.find(file);
  if (it == entries_.end()) return out;
  for (const auto& [id, holder] : it->second.holders)
    if (holder.webview == webview && holder.rid != 0) out.push_back(holder.rid);
  return out;
}

void StoreCollection::release(const fs::path& file, std::uint64_t holder) {
  std::shared_ptr<Store> closing;
  {
    std::lock_guard lock(mutex_);
    auto it = entries_.find(file);
    if (it == entries_.end()) return;
    it->second.holders.erase(holder);
    if (!it->second.holders.empty()) return;
    closing = std::move(it->second.store);
    entries_.erase(it);
  }
  save_reporting(*closing);
}

bool StoreCollection::is_open(const fs::path& file) const {
  std::lock_guard lock(mutex_);
  return entries_.count(file) != 0;
}

std::size_t StoreCollection::open_count() const {
  std::lock_guard lock(mutex_);
  return entries_.size();
}

void StoreCollection::save_all_dirty() {
  std::vector<std::shared_ptr<Store>> stores;
  {
    std::lock_guard lock(mutex_);
    for (const auto& [file, entry] : entries_) stores.push_back(entry.store);
  }
  for (const auto& store : stores) save_reporting(*store);
}

void StoreCollection::save_reporting(Store& store) const {
  try {
    store.save_if_dirty();
  } catch (const std::exception& e) {
    if (on_save_error_) on_save_error_(e.what());
  }
}

void StoreCollection::emit_change(const fs::path& file, std::string_view key, const json::value* value) const {
  if (!emit_) return;
  std::vector<Holder> holders;
  {
    std::lock_guard lock(mutex_);
    auto it = entries_.find(file);
    if (it == entries_.end()) return;
    for (const auto& [id, holder] : it->second.holders)
      if (holder.rid != 0) holders.push_back(holder);
  }
  for (const Holder& holder : holders) {
    json::object payload{{"path", file.string()},
                         {"resourceId", holder.rid},
                         {"key", key},
                         {"value", value ? *value : json::value(nullptr)},
                         {"exists", value != nullptr}};
    emit_(payload, holder.window);
  }
}

}  // namespace warden::store_plugin
