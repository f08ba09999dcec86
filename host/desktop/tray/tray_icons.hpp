#pragma once
// The run's tray icons, app-wide by id as in Tauri (app.tray_by_id): a page with the permission
// reaches any icon by its id (tray|get_by_id), and names icons by resource ids of its own. The
// page going away leaves its icons on the bus (as Tauri keeps an icon whose page is gone); the
// page closing a resource id (TrayIcon.close()), tray|remove_by_id and the end of the run take
// the icon off, as in Tauri.
//
// [main-thread] Everything here but the resource closers.
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <string>

#include "desktop/desktop_context.hpp"
#include "desktop/tray/status_notifier_item.hpp"
#include "runtime/caller.hpp"

namespace warden::desktop::tray {

// The resource table's plugin name for tray icons.
inline constexpr const char* kTrayPlugin = "core:tray";

class TrayIcons {
 public:
  // More icons than this at once are refused: each is a connection to the bus and an icon on the
  // user's panel.
  static constexpr size_t kMaxIcons = 16;

  TrayIcons() = default;
  ~TrayIcons();  // every icon leaves the bus
  TrayIcons(const TrayIcons&) = delete;
  TrayIcons& operator=(const TrayIcons&) = delete;

  std::shared_ptr<StatusNotifierItem> find(const std::string& id) const;
  size_t size() const { return icons_.size(); }
  // Holds `icon` under its id; an icon already there with that id leaves the bus first (a page
  // that reloads and makes its icon again replaces it rather than adding a second one).
  void add(std::shared_ptr<StatusNotifierItem> icon);
  // Takes the icon with `id` off the bus; false when there is none.
  bool remove(const std::string& id);
  // Drops `icon` when it is still the one held under its id (its registration failed).
  void forget(const StatusNotifierItem& icon);
  // An id for an icon the page named none: "tray-1", "tray-2", ... (one not in use).
  std::string unused_id();

 private:
  std::map<std::string, std::shared_ptr<StatusNotifierItem>> icons_;
  uint64_t next_id_ = 1;
};

// A resource id for `icon` in the caller's page (it holds no reference: a removed icon's ids
// answer "not found"); the page closing it removes the icon from `icons`. 0 when the page is gone.
uint32_t add_tray_resource(DesktopContext& context, const runtime::Caller& caller,
                           const std::shared_ptr<StatusNotifierItem>& icon, std::weak_ptr<TrayIcons> icons);
// The caller's icon `rid`; nullptr for an unknown id, another page's, or a removed icon.
std::shared_ptr<StatusNotifierItem> find_tray_resource(const DesktopContext& context, const runtime::Caller& caller,
                                                       uint32_t rid);

}  // namespace warden::desktop::tray
