#include "store.hpp"

#include <algorithm>
#include <stdexcept>

#include "store_file.hpp"

namespace warden::store_plugin {
namespace fs = std::filesystem;
namespace json = boost::json;

std::shared_ptr<Store> Store::open(fs::path file, StoreOptions options, std::shared_ptr<SaveScheduler> scheduler,
                                   ChangeListener on_change, SaveErrorListener on_save_error, StoreQuota quota) {
  std::shared_ptr<Store> store(new Store(std::move(file), std::move(options), std::move(scheduler),
                                         std::move(on_change), std::move(on_save_error), std::move(quota)));
  if (store->options_.create_new) {
    store->start_new();
  } else {
    json::object content = store->content_from_disk(store->options_.override_defaults);
    store->checked_bytes(content, "loading it");
    store->cache_ = std::move(content);
    store->recount();
  }
  return store;
}

Store::Store(fs::path file, StoreOptions options, std::shared_ptr<SaveScheduler> scheduler, ChangeListener on_change,
             SaveErrorListener on_save_error, StoreQuota quota)
    : file_(std::move(file)),
      options_(std::move(options)),
      scheduler_(std::move(scheduler)),
      on_change_(std::move(on_change)),
      on_save_error_(std::move(on_save_error)),
      quota_(std::move(quota)) {}

void Store::too_large(std::uint64_t bytes, const char* what) const {
  throw StoreQuotaExceeded("the store '" + file_.filename().string() + "' would hold " + std::to_string(bytes) +
                           " bytes after " + what + ", more than plugins.store.maxStoreBytes (" +
                           std::to_string(quota_.max_bytes) + "); nothing was changed");
}

std::uint64_t Store::checked_bytes(const json::object& content, const char* what) const {
  std::uint64_t bytes = pretty_bytes(content);
  if (bytes > quota_.max_bytes) too_large(bytes, what);
  return bytes;
}

std::uint64_t Store::bytes() const {
  std::lock_guard lock(mutex_);
  return pretty_object_bytes(cache_.size(), member_bytes_);
}

Store::~Store() {
  if (scheduler_) scheduler_->cancel(this);
}

json::object Store::content_from_disk(bool ignore_defaults) const {
  std::optional<json::object> on_disk = read_store_file(file_, quota_.max_bytes);
  json::object content;
  if (!ignore_defaults || !on_disk) content = options_.defaults.value_or(json::object{});
  if (on_disk)
    for (auto& member : *on_disk) content[member.key()] = std::move(member.value());
  return content;
}

void Store::recount() {
  member_bytes_ = 0;
  for (const auto& m : cache_) member_bytes_ += pretty_member_bytes(m.key(), m.value());
}

void Store::changed(std::string_view key, const json::value* value) {
  ++version_;
  if (on_change_) on_change_(key, value);
}

void Store::after_change() {
  if (!scheduler_ || !options_.auto_save) return;
  std::weak_ptr<Store> weak = weak_from_this();
  scheduler_->schedule(this, *options_.auto_save, [weak] {
    if (auto self = weak.lock()) {
      try {
        self->save_if_dirty();
      } catch (const std::exception& e) {
        if (self->on_save_error_) self->on_save_error_(e.what());
      }
    }
  });
}

void Store::set(const std::string& key, json::value value) {
  // Measured before the lock: the cost of a large value is the caller's, not every other caller's.
  const std::uint64_t added = pretty_member_bytes(key, value);
  {
    std::lock_guard lock(mutex_);
    const json::value* old = cache_.if_contains(key);
    const std::uint64_t removed = old ? pretty_member_bytes(key, *old) : 0;
    const std::uint64_t members = member_bytes_ - removed + added;
    const std::uint64_t total = pretty_object_bytes(cache_.size() + (old ? 0 : 1), members);
    if (total > quota_.max_bytes)
      too_large(total, ("setting '" + (key.size() > 64 ? key.substr(0, 61) + "..." : key) + "'").c_str());
    member_bytes_ = members;
    json::value& slot = cache_[key];
    slot = std::move(value);
    changed(key, &slot);
  }
  after_change();
}

std::optional<json::value> Store::get(std::string_view key) const {
  std::lock_guard lock(mutex_);
  if (const json::value* v = cache_.if_contains(key)) return *v;
  return std::nullopt;
}

bool Store::has(std::string_view key) const {
  std::lock_guard lock(mutex_);
  return cache_.contains(key);
}

bool Store::erase(std::string_view key) {
  {
    std::lock_guard lock(mutex_);
    const json::value* old = cache_.if_contains(key);
    if (!old) return false;
    member_bytes_ -= pretty_member_bytes(key, *old);
    cache_.erase(key);
    changed(key, nullptr);
  }
  after_change();
  return true;
}

void Store::clear() {
  {
    std::lock_guard lock(mutex_);
    json::object old = std::exchange(cache_, json::object{});
    member_bytes_ = 0;
    if (old.empty()) return;
    for (const auto& member : old) changed(member.key(), nullptr);
  }
  after_change();
}

void Store::reset() {
  if (!options_.defaults) return clear();
  {
    std::lock_guard lock(mutex_);
    const json::object& defaults = *options_.defaults;
    json::object old = std::exchange(cache_, defaults);
    recount();
    bool any = false;
    for (const auto& member : old) {
      const json::value* d = defaults.if_contains(member.key());
      if (!d || *d != member.value()) {
        changed(member.key(), d);
        any = true;
      }
    }
    for (const auto& member : defaults) {
      if (!old.contains(member.key())) {
        changed(member.key(), &member.value());
        any = true;
      }
    }
    if (!any) return;
  }
  after_change();
}

std::vector<std::string> Store::keys() const {
  std::lock_guard lock(mutex_);
  std::vector<std::string> out;
  out.reserve(cache_.size());
  for (const auto& member : cache_) out.emplace_back(member.key());
  return out;
}

std::vector<json::value> Store::values() const {
  std::lock_guard lock(mutex_);
  std::vector<json::value> out;
  out.reserve(cache_.size());
  for (const auto& member : cache_) out.push_back(member.value());
  return out;
}

std::vector<std::pair<std::string, json::value>> Store::entries() const {
  std::lock_guard lock(mutex_);
  std::vector<std::pair<std::string, json::value>> out;
  out.reserve(cache_.size());
  for (const auto& member : cache_) out.emplace_back(member.key(), member.value());
  return out;
}

std::size_t Store::length() const {
  std::lock_guard lock(mutex_);
  return cache_.size();
}

void Store::reload(bool ignore_defaults) {
  json::object content = content_from_disk(ignore_defaults);  // throws before anything changes
  checked_bytes(content, "reloading it");
  std::lock_guard lock(mutex_);
  cache_ = std::move(content);
  recount();
  // What is in memory is what the file says: nothing left to save.
  saved_version_ = ++version_;
}

void Store::start_new() {
  {
    std::lock_guard lock(mutex_);
    json::object content = options_.defaults.value_or(json::object{});
    checked_bytes(content, "starting from its defaults");
    cache_ = std::move(content);
    recount();
    // Unsaved on purpose: the next save replaces the old file, as createNew asks.
    ++version_;
  }
  after_change();
}

void Store::save() {
  std::lock_guard saving(save_mutex_);
  std::string text;
  std::uint64_t version;
  {
    std::lock_guard lock(mutex_);
    text = to_pretty_json(cache_);
    version = version_;
  }
  if (text.size() > quota_.max_bytes) too_large(text.size(), "saving it");  // a last guard: set keeps it below
  // write_file_atomically follows no symlink: one planted on the path since it was opened fails it.
  std::unique_lock<std::mutex> new_file;
  std::error_code ec;
  if (quota_.before_new_file && !fs::exists(fs::symlink_status(file_, ec))) new_file = quota_.before_new_file(file_);
  write_file_atomically(file_, text);
  std::lock_guard lock(mutex_);
  saved_version_ = std::max(saved_version_, version);
}

void Store::save_if_dirty() {
  if (dirty()) save();
}

bool Store::dirty() const {
  std::lock_guard lock(mutex_);
  return version_ != saved_version_;
}

}  // namespace warden::store_plugin
