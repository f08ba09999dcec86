#pragma once
// Plugin objects that pages refer to by number (Tauri's ResourceId): open files, stores, file
// watchers. One table per host; each entry belongs to one webview and one plugin, so a page can
// only name its own webview's resources and a plugin only its own objects.
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace warden::plugin {

// [any-thread] A plugin's closer for its object (warden_host::resource_add's `close`).
using ResourceCloser = void (*)(void* object);

// Keeps a plugin object open; the closer runs when the last reference goes away.
class ResourceObject {
 public:
  ResourceObject(void* object, ResourceCloser close) : object_(object), close_(close) {}
  ~ResourceObject();
  ResourceObject(const ResourceObject&) = delete;
  ResourceObject& operator=(const ResourceObject&) = delete;
  void* get() const { return object_; }

 private:
  void* object_;
  ResourceCloser close_;
};

class ResourceTable {
 public:
  ResourceTable() = default;
  ~ResourceTable();  // closes everything left
  ResourceTable(const ResourceTable&) = delete;
  ResourceTable& operator=(const ResourceTable&) = delete;

  // Adds an object for `webview`, owned by `plugin`; returns its id (> 0).
  uint32_t add(const std::string& webview, const std::string& plugin, std::shared_ptr<ResourceObject> object);
  // The object when `rid` belongs to `webview` and `plugin`; null otherwise.
  std::shared_ptr<ResourceObject> get(std::string_view webview, std::string_view plugin, uint32_t rid) const;
  // Removes `rid` when it belongs to `webview` and `plugin`. false when there is none.
  bool remove(std::string_view webview, std::string_view plugin, uint32_t rid);
  // Removes `rid` of `webview` whichever plugin added it (the page's plugin:resources|close).
  bool remove_any_plugin(std::string_view webview, uint32_t rid);
  // Removes every resource of a webview (it went away) or of a plugin (it shuts down).
  void remove_webview(std::string_view webview);
  void remove_plugin(std::string_view plugin);
  size_t size() const;

 private:
  struct Entry {
    std::string webview;
    std::string plugin;
    std::shared_ptr<ResourceObject> object;
  };
  // Closers run after the lock is released: a closer may take the plugin's own locks.
  template <class Pred>
  void remove_if(Pred pred);

  mutable std::mutex mutex_;
  std::map<uint32_t, Entry> entries_;
  uint32_t next_id_ = 1;
};

}  // namespace warden::plugin
