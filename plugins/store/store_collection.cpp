#include "store_collection.hpp"

#include "store_path.hpp"

namespace warden::store_plugin {
namespace fs = std::filesystem;
namespace json = boost::json;

std::shared_ptr<StoreCollection> StoreCollection::create(fs::path root, ChangeEmitter emit,
                                                         SaveErrorListener on_save_error, Reachable reachable,
                                                         StoreLimits limits) {
  return std::shared_ptr<StoreCollection>(new StoreCollection(std::move(root), std::move(emit), std::move(on_save_error),
                                                              std::move(reachable), limits));
}

StoreCollection::StoreCollection(fs::path root, ChangeEmitter emit, SaveErrorListener on_save_error,
                                 Reachable reachable, StoreLimits limits)
    : root_(std::move(root)),
      emit_(std::move(emit)),
      on_save_error_(std::move(on_save_error)),
      reachable_(std::move(reachable)),
      scheduler_(std::make_shared<SaveScheduler>()),
      limits_(limits) {}

std::unique_lock<std::mutex> StoreCollection::admit_new_file(const fs::path& file) {
  std::unique_lock lock(new_file_mutex_);
  std::size_t files = count_store_files(root_, limits_.max_files, reachable_);
  if (files >= limits_.max_files)
    throw StoreQuotaExceeded("cannot create the store '" + file.filename().string() + "': the app already has " +
                             std::to_string(files) + " store files, the most plugins.store.maxStoreFiles allows");
  return lock;
}

StoreCollection::~StoreCollection() { scheduler_->stop(); }

fs::path StoreCollection::resolve(std::string_view name) const {
  fs::path file = confine_store_path(root_, name);
  // The store's own rule keeps stores in the app data folder; what inside it belongs to the host
  // or another plugin only the host knows.
  if (reachable_ && !reachable_(file))
    refuse_store_path(name, "is kept by the host for itself or another plugin ('" + file.string() + "')");
  return file;
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
