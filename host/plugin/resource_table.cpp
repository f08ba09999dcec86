#include "plugin/resource_table.hpp"

namespace warden::plugin {

ResourceObject::~ResourceObject() {
  if (close_) close_(object_);
}

ResourceTable::~ResourceTable() {
  remove_if([](const auto&) { return true; });
}

uint32_t ResourceTable::add(const std::string& webview, const std::string& plugin,
                            std::shared_ptr<ResourceObject> object) {
  std::lock_guard lock(mutex_);
  // Ids are never reused within a run, so a stale id cannot reach a newer object.
  uint32_t rid = next_id_++;
  entries_.emplace(rid, Entry{webview, plugin, std::move(object)});
  return rid;
}

std::shared_ptr<ResourceObject> ResourceTable::get(std::string_view webview, std::string_view plugin,
                                                   uint32_t rid) const {
  std::lock_guard lock(mutex_);
  auto it = entries_.find(rid);
  if (it == entries_.end() || it->second.webview != webview || it->second.plugin != plugin) return nullptr;
  return it->second.object;
}

template <class Pred>
void ResourceTable::remove_if(Pred pred) {
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
  closing.clear();
}

bool ResourceTable::remove(std::string_view webview, std::string_view plugin, uint32_t rid) {
  bool found = false;
  remove_if([&](const auto& e) {
    bool hit = e.first == rid && e.second.webview == webview && e.second.plugin == plugin;
    found = found || hit;
    return hit;
  });
  return found;
}

bool ResourceTable::remove_any_plugin(std::string_view webview, uint32_t rid) {
  bool found = false;
  remove_if([&](const auto& e) {
    bool hit = e.first == rid && e.second.webview == webview;
    found = found || hit;
    return hit;
  });
  return found;
}

void ResourceTable::remove_webview(std::string_view webview) {
  remove_if([&](const auto& e) { return e.second.webview == webview; });
}

void ResourceTable::remove_plugin(std::string_view plugin) {
  remove_if([&](const auto& e) { return e.second.plugin == plugin; });
}

size_t ResourceTable::size() const {
  std::lock_guard lock(mutex_);
  return entries_.size();
}

}  // namespace warden::plugin
