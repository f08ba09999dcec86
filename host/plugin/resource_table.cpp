#include "plugin/resource_table.hpp"

#include <algorithm>

namespace warden::plugin {

ResourceObject::~ResourceObject() {
  if (close_) close_(object_);
}

ResourceTable::~ResourceTable() {
  remove_if([](const auto&) { return true; });
}

uint32_t ResourceTable::add(const ResourceOwner& owner, const std::string& plugin,
                            std::shared_ptr<ResourceObject> object) {
  {
    std::lock_guard lock(mutex_);
    auto live = first_live_page_.find(owner.webview);
    if (live == first_live_page_.end() || owner.page >= live->second) {
      // Ids are never reused within a run, so a stale id cannot reach a newer object.
      uint32_t rid = next_id_++;
      entries_.emplace(rid, Entry{owner, plugin, std::move(object)});
      return rid;
    }
  }
  // A call of a page that is gone: nothing of it may outlive it. The closer runs here, unlocked.
  object.reset();
  return 0;
}

std::shared_ptr<ResourceObject> ResourceTable::get(const ResourceOwner& owner, std::string_view plugin,
                                                   uint32_t rid) const {
  std::lock_guard lock(mutex_);
  auto it = entries_.find(rid);
  if (it == entries_.end() || it->second.owner != owner || it->second.plugin != plugin) return nullptr;
  return it->second.object;
}

template <class Pred>
void ResourceTable::remove_if(Pred pred, bool explicit_close) {
  std::vector<std::shared_ptr<ResourceObject>> closing;
  {
    std::lock_guard lock(mutex_);
    for (auto it = entries_.begin(); it != entries_.end();) {
      if (pred(*it)) {
        closing.push_back(std::move(it->second.object));
        it = entries_.erase(it);
      } else {
        ++it;
      }
    }
  }
  if (explicit_close)
    for (auto& object : closing)
      if (object->on_explicit_close) object->on_explicit_close();
  closing.clear();
}

bool ResourceTable::remove(const ResourceOwner& owner, std::string_view plugin, uint32_t rid) {
  bool found = false;
  remove_if([&](const auto& e) {
    bool hit = e.first == rid && e.second.owner == owner && e.second.plugin == plugin;
    found = found || hit;
    return hit;
  }, true);
  return found;
}

bool ResourceTable::remove_any_plugin(const ResourceOwner& owner, uint32_t rid) {
  bool found = false;
  remove_if([&](const auto& e) {
    bool hit = e.first == rid && e.second.owner == owner;
    found = found || hit;
    return hit;
  }, true);
  return found;
}

void ResourceTable::remove_webview(std::string_view webview) {
  remove_if([&](const auto& e) { return e.second.owner.webview == webview; });
}

void ResourceTable::remove_pages_before(std::string_view webview, uint64_t page) {
  {
    std::lock_guard lock(mutex_);
    auto [it, inserted] = first_live_page_.try_emplace(std::string(webview), page);
    if (!inserted) it->second = std::max(it->second, page);
  }
  remove_if([&](const auto& e) { return e.second.owner.webview == webview && e.second.owner.page < page; });
}

void ResourceTable::remove_plugin(std::string_view plugin) {
  remove_if([&](const auto& e) { return e.second.plugin == plugin; });
}

size_t ResourceTable::size() const {
  std::lock_guard lock(mutex_);
  return entries_.size();
}

}  // namespace warden::plugin
