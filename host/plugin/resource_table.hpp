#pragma once
// Plugin objects that pages refer to by number (Tauri's ResourceId): open files, stores, file
// watchers, shell children's guards. One table per host; each entry belongs to the page and
// origin that made it (ResourceOwner) and to one plugin: a frame of another origin in the same
// webview, or the next page the webview shows, cannot see, use or close it (answered as for an id
// that does not exist, so ids cannot be probed), and a plugin reaches only its own objects.
#include <cstdint>
#include <functional>
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
  // Runs when the page itself closes the object (remove, remove_any_plugin: the package's
  // Resource.close()), before the closer; not when its page, webview or plugin goes. Tauri's tray
  // icon removes itself then, but outlives the page that made it. Runs on the thread that closes.
  std::function<void()> on_explicit_close;

 private:
  void* object_;
  ResourceCloser close_;
};

// Who a resource belongs to: the calling frame's origin in one page of one webview.
struct ResourceOwner {
  std::string webview;  // label
  std::string origin;   // the calling frame's origin (Caller::origin), e.g. "app://localhost"
  uint64_t page = 0;    // the webview's page (Caller::page): a new top-level document is a new page
  bool operator==(const ResourceOwner&) const = default;
};

class ResourceTable {
 public:
  ResourceTable() = default;
  ~ResourceTable();  // closes everything left
  ResourceTable(const ResourceTable&) = delete;
  ResourceTable& operator=(const ResourceTable&) = delete;

  // Adds an object for `owner`, added by `plugin`; returns its id (> 0). 0 when the owner's page
  // is already gone (remove_pages_before): the object is released (closed) at once.
  uint32_t add(const ResourceOwner& owner, const std::string& plugin, std::shared_ptr<ResourceObject> object);
  // The object when `rid` belongs to `owner` and `plugin`; null otherwise.
  std::shared_ptr<ResourceObject> get(const ResourceOwner& owner, std::string_view plugin, uint32_t rid) const;
  // Removes `rid` when it belongs to `owner` and `plugin`. false when there is none.
  bool remove(const ResourceOwner& owner, std::string_view plugin, uint32_t rid);
  // Removes `rid` of `owner` whichever plugin added it (the page's plugin:resources|close).
  bool remove_any_plugin(const ResourceOwner& owner, uint32_t rid);
  // Removes every resource of a webview (it went away) or of a plugin (it shuts down).
  void remove_webview(std::string_view webview);
  void remove_plugin(std::string_view plugin);
  // [any-thread] `webview` shows page `page` now: every resource of its earlier pages is removed,
  // and one that a call of an earlier page still adds is refused.
  void remove_pages_before(std::string_view webview, uint64_t page);
  size_t size() const;

 private:
  struct Entry {
    ResourceOwner owner;
    std::string plugin;
    std::shared_ptr<ResourceObject> object;
  };
  // Closers run after the lock is released: a closer may take the plugin's own locks.
  // `explicit_close`: the page closes it (ResourceObject::on_explicit_close runs).
  template <class Pred>
  void remove_if(Pred pred, bool explicit_close = false);

  mutable std::mutex mutex_;
  std::map<uint32_t, Entry> entries_;
  std::map<std::string, uint64_t, std::less<>> first_live_page_;  // per webview; 0 when absent
  uint32_t next_id_ = 1;
};

}  // namespace warden::plugin
