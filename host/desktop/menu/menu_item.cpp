#include "desktop/menu/menu_item.hpp"

#include <gdk-pixbuf/gdk-pixbuf.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <functional>
#include <unordered_map>
#include <unordered_set>

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
  for (auto& child : children_) child->drop_parent(this);
  if (icon_) g_object_unref(icon_);
}

void MenuItem::drop_parent(const MenuItem* parent) {
  auto it = std::find(parents_.begin(), parents_.end(), parent);
  if (it != parents_.end()) parents_.erase(it);
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

namespace {

// Shared items make the tree a graph: each walk visits an item once (a menu holding the same
// submenu many times, many levels deep, is not walked once per path). Depth is bounded by
// kMaxLevels, so the recursion is too.
bool contains_below(const MenuItem& from, const MenuItem& item, std::unordered_set<const MenuItem*>& seen) {
  if (&from == &item) return true;
  if (!seen.insert(&from).second) return false;
  for (const auto& c : from.children())
    if (contains_below(*c, item, seen)) return true;
  return false;
}

size_t levels_below_of(const MenuItem& item, std::unordered_map<const MenuItem*, size_t>& known) {
  if (auto it = known.find(&item); it != known.end()) return it->second;
  size_t most = 0;
  for (const auto& c : item.children()) most = std::max(most, levels_below_of(*c, known));
  return known[&item] = most + 1;
}

}  // namespace

bool MenuItem::contains(const MenuItem& item) const {
  std::unordered_set<const MenuItem*> seen;
  return contains_below(*this, item, seen);
}

size_t MenuItem::levels_below() const {
  std::unordered_map<const MenuItem*, size_t> known;
  return levels_below_of(*this, known);
}

size_t MenuItem::levels_above() const {
  std::unordered_map<const MenuItem*, size_t> known;
  std::function<size_t(const MenuItem&)> above = [&](const MenuItem& item) -> size_t {
    if (auto it = known.find(&item); it != known.end()) return it->second;
    size_t most = 0;
    for (const MenuItem* p : item.parents_) most = std::max(most, above(*p) + 1);
    return known[&item] = most;
  };
  return above(*this);
}

std::optional<std::string> MenuItem::refuse_insert(size_t position, const MenuItem& child) const {
  if (!is_container()) return "only a menu or a submenu can hold items";
  if (position > children_.size())
    return "position " + std::to_string(position) + " is past the end of the menu (it holds " +
           std::to_string(children_.size()) + " items)";
  if (children_.size() >= kMaxChildren) return "a menu holds at most " + std::to_string(kMaxChildren) + " items";
  if (child.contains(*this)) return "a menu cannot hold itself, directly or in a submenu";
  if (levels_above() + 1 + child.levels_below() > kMaxLevels)
    return "menus nest at most " + std::to_string(kMaxLevels) + " levels deep";
  return std::nullopt;
}

bool MenuItem::insert(size_t position, std::shared_ptr<MenuItem> child) {
  if (!child || refuse_insert(position, *child)) return false;
  child->parents_.push_back(this);
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
  removed->drop_parent(this);
  notify(Change::children);
  return removed;
}

namespace {

std::shared_ptr<MenuItem> first_below(MenuItem& from, std::string_view id, std::unordered_set<const MenuItem*>& seen) {
  if (!seen.insert(&from).second) return nullptr;
  for (auto& c : from.children()) {
    if (c->id() == id) return c;
    if (auto found = first_below(*c, id, seen)) return found;
  }
  return nullptr;
}

}  // namespace

std::shared_ptr<MenuItem> MenuItem::find(std::string_view id) {
  if (id_ == id) return self_.lock();
  std::unordered_set<const MenuItem*> seen;
  return first_below(*this, id, seen);
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
