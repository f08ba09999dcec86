#include "desktop/tray/tray_icons.hpp"

#include <utility>

namespace warden::desktop::tray {

TrayIcons::~TrayIcons() {
  // Out of the map first: closing tells a pending tray|new, whose answer calls forget().
  auto icons = std::move(icons_);
  icons_.clear();
  for (auto& [id, icon] : icons) icon->close();
}

std::shared_ptr<StatusNotifierItem> TrayIcons::find(const std::string& id) const {
  auto it = icons_.find(id);
  return it == icons_.end() ? nullptr : it->second;
}

void TrayIcons::add(std::shared_ptr<StatusNotifierItem> icon) {
  auto old = std::exchange(icons_[icon->id()], icon);
  if (old) old->close();
}

bool TrayIcons::remove(const std::string& id) {
  auto it = icons_.find(id);
  if (it == icons_.end()) return false;
  auto icon = std::move(it->second);
  icons_.erase(it);
  icon->close();
  return true;
}

void TrayIcons::forget(const StatusNotifierItem& icon) {
  auto it = icons_.find(icon.id());
  if (it != icons_.end() && it->second.get() == &icon) icons_.erase(it);
}

std::string TrayIcons::unused_id() {
  for (;;) {
    std::string id = "tray-" + std::to_string(next_id_++);
    if (!icons_.count(id)) return id;
  }
}

namespace {

// What the resource table holds: a weak handle, so the closer (any thread) never ends an icon.
struct Handle {
  std::weak_ptr<StatusNotifierItem> icon;
};

}  // namespace

uint32_t add_tray_resource(DesktopContext& context, const runtime::Caller& caller,
                           const std::shared_ptr<StatusNotifierItem>& icon, std::weak_ptr<TrayIcons> icons) {
  auto object = std::make_shared<plugin::ResourceObject>(new Handle{icon},
                                                        [](void* p) { delete static_cast<Handle*>(p); });
  // TrayIcon.close(), as Tauri's resource close: the icon leaves (if it is still the one under
  // its id). On the GTK thread, where icons live, whichever thread closes the resource.
  object->on_explicit_close = [&main_thread = context.main_thread, weak = std::weak_ptr(icon), icons] {
    main_thread.run_or_post([weak, icons] {
      auto all = icons.lock();
      auto closed = weak.lock();
      if (all && closed && all->find(closed->id()) == closed) all->remove(closed->id());
    });
  };
  return context.resources.add({caller.webview, caller.origin, caller.page}, kTrayPlugin, std::move(object));
}

std::shared_ptr<StatusNotifierItem> find_tray_resource(const DesktopContext& context, const runtime::Caller& caller,
                                                       uint32_t rid) {
  auto object = context.resources.get({caller.webview, caller.origin, caller.page}, kTrayPlugin, rid);
  auto icon = object ? static_cast<Handle*>(object->get())->icon.lock() : nullptr;
  return icon && !icon->closed() ? icon : nullptr;
}

}  // namespace warden::desktop::tray
