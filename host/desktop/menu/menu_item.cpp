#include "desktop/menu/menu_item.hpp"

#include <gdk-pixbuf/gdk-pixbuf.h>

#include <algorithm>
#include <array>
#include <atomic>

namespace warden::desktop::menu {

namespace {

constexpr std::array<std::pair<ItemKind, std::string_view>, 6> kKindNames{{
    {ItemKind::menu, "Menu"},
    {ItemKind::submenu, "Submenu"},
    {ItemKind::normal, "MenuItem"},
    {ItemKind::check, "Check"},
    {ItemKind::icon, "Icon"},
    {ItemKind::predefined, "Predefined"},
}};

std::atomic<int32_t> next_handle{1};  // dbusmenu's root is 0: items start at 1

}  // namespace

std::string_view kind_name(ItemKind kind) {
  for (const auto& [k, name] : kKindNames)
    if (k == kind) return name;
  return "MenuItem";
}

std::optional<ItemKind> kind_from_name(std::string_view name) {
  for (const auto& [k, n] : kKindNames)
    if (n == name) return k;
  return std::nullopt;
}

std::shared_ptr<MenuItem> MenuItem::create(ItemKind kind, std::string id) {
  std::shared_ptr<MenuItem> item(new MenuItem(kind, std::move(id)));
  item->self_ = item;
  return item;
}

MenuItem::MenuItem(ItemKind kind, std::string id) : kind_(kind), id_(std::move(id)), handle_(next_handle++) {}

MenuItem::~MenuItem() {
  if (icon_) g_object_unref(icon_);
}

void MenuItem::set_text(std::string text) {
  if (text == text_) return;
  text_ = std::move(text);
  notify(Change::text);
}

void MenuItem::set_enabled(bool enabled) {
  if (enabled == enabled_) return;
  enabled_ = enabled;
  notify(Change::enabled);
}

void MenuItem::set_checked(bool checked) {
  if (checked == checked_) return;
  checked_ = checked;
  notify(Change::checked);
}

void MenuItem::set_accelerator(std::optional<std::string> accelerator) {
  if (accelerator == accelerator_) return;
  accelerator_ = std::move(accelerator);
  notify(Change::accelerator);
}

void MenuItem::set_icon(GdkPixbuf* icon) {
  if (icon == icon_) return;
  if (icon) g_object_ref(icon);
  if (icon_) g_object_unref(icon_);
  icon_ = icon;
  notify(Change::icon);
}

void MenuItem::set_predefined(Predefined which, std::optional<AboutMetadata> about) {
  predefined_ = which;
  about_ = std::move(about);
}

bool MenuItem::contains(const MenuItem& item) const {
  if (&item == this) return true;
  return std::any_of(children_.begin(), children_.end(), [&](const auto& c) { return c->contains(item); });
}

bool MenuItem::insert(size_t position, std::shared_ptr<MenuItem> child) {
  if (!is_container() || !child || position > children_.size()) return false;
  if (child->contains(*this)) return false;
  children_.insert(children_.begin() + static_cast<std::ptrdiff_t>(position), std::move(child));
  notify(Change::children);
  return true;
}

std::shared_ptr<MenuItem> MenuItem::remove(const MenuItem& child) {
  for (size_t i = 0; i < children_.size(); ++i)
    if (children_[i].get() == &child) return remove_at(i);
  return nullptr;
}

std::shared_ptr<MenuItem> MenuItem::remove_at(size_t position) {
  if (position >= children_.size()) return nullptr;
  auto removed = children_[position];
  children_.erase(children_.begin() + static_cast<std::ptrdiff_t>(position));
  notify(Change::children);
  return removed;
}

std::shared_ptr<MenuItem> MenuItem::find(std::string_view id) {
  if (id_ == id) return self_.lock();
  for (auto& c : children_)
    if (auto found = c->find(id)) return found;
  return nullptr;
}

void MenuItem::activate() {
  if (!enabled_) return;
  // Keep the item alive while its action runs: the action may drop the last other reference.
  auto keep = self_.lock();
  if (kind_ == ItemKind::check) set_checked(!checked_);
  if (action_) action_(*this);
}

MenuItem::Subscription MenuItem::observe(Observer observer) {
  uint64_t id = next_observer_++;
  observers_.emplace_back(id, std::move(observer));
  return Subscription(self_, id);
}

void MenuItem::notify(Change what) {
  auto keep = self_.lock();
  // A copy: an observer may subscribe or unsubscribe while it is told.
  auto observers = observers_;
  for (auto& [id, observer] : observers) {
    bool still = std::any_of(observers_.begin(), observers_.end(), [id = id](const auto& o) { return o.first == id; });
    if (still) observer(*this, what);
  }
}

MenuItem::Subscription& MenuItem::Subscription::operator=(Subscription&& o) noexcept {
  if (this != &o) {
    reset();
    item_ = std::move(o.item_);
    id_ = o.id_;
    o.id_ = 0;
  }
  return *this;
}

void MenuItem::Subscription::reset() {
  if (id_ == 0) return;
  if (auto item = item_.lock()) {
    auto& obs = item->observers_;
    obs.erase(std::remove_if(obs.begin(), obs.end(), [this](const auto& o) { return o.first == id_; }), obs.end());
  }
  id_ = 0;
}

}  // namespace warden::desktop::menu
