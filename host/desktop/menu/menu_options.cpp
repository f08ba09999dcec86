#include "desktop/menu/menu_options.hpp"

#include <gdk-pixbuf/gdk-pixbuf.h>

#include <algorithm>
#include <iterator>
#include <atomic>
#include <string_view>

#include <boost/json.hpp>

#include "desktop/image_resource.hpp"
#include "desktop/menu/accelerator.hpp"
#include "desktop/menu/menu_resource.hpp"
#include "desktop/menu/predefined_item.hpp"

namespace warden::desktop::menu {
namespace json = boost::json;

namespace {

std::atomic<uint64_t> next_id{1};

// The package's NativeIcon names: macOS images. GTK has none of them, so such an icon shows
// nothing (as in Tauri on Linux).
constexpr std::string_view kNativeIcons[] = {
    "Add", "Advanced", "Bluetooth", "Bookmarks", "Caution", "ColorPanel", "ColumnView", "Computer",
    "EnterFullScreen", "Everyone", "ExitFullScreen", "FlowView", "Folder", "FolderBurnable", "FolderSmart",
    "FollowLinkFreestanding", "FontPanel", "GoLeft", "GoRight", "Home", "IChatTheater", "IconView", "Info",
    "InvalidDataFreestanding", "LeftFacingTriangle", "ListView", "LockLocked", "LockUnlocked", "MenuMixedState",
    "MenuOnState", "MobileMe", "MultipleDocuments", "Network", "Path", "PreferencesGeneral", "QuickLook",
    "RefreshFreestanding", "Refresh", "Remove", "RevealFreestanding", "RightFacingTriangle", "Share", "Slideshow",
    "SmartBadge", "StatusAvailable", "StatusNone", "StatusPartiallyAvailable", "StatusUnavailable",
    "StopProgressFreestanding", "StopProgress", "TrashEmpty", "TrashFull", "User", "UserAccounts", "UserGroup",
    "UserGuest",
};

[[noreturn]] void bad(const std::string& message) { throw BadMenuArgument(message); }

const json::value* option(const json::object* o, const char* key) {
  if (!o) return nullptr;
  auto* v = o->if_contains(key);
  return v && !v->is_null() ? v : nullptr;
}

std::optional<std::string> string_option(const json::object* o, const char* key, size_t max) {
  auto* v = option(o, key);
  if (!v) return std::nullopt;
  return bounded_string(*v, std::string("option '") + key + "'", max);
}

std::optional<bool> bool_option(const json::object* o, const char* key) {
  auto* v = option(o, key);
  if (!v) return std::nullopt;
  if (!v->is_bool()) bad(std::string("option '") + key + "' must be true or false");
  return v->as_bool();
}

// Holds a new GdkPixbuf reference for the scope of a call.
struct Pixbuf {
  GdkPixbuf* p = nullptr;
  ~Pixbuf() { if (p) g_object_unref(p); }
};

}  // namespace

void set_item_icon(MenuItem& item, const json::value& icon, ItemRequest& request) {
  if (icon.is_string() && std::find(std::begin(kNativeIcons), std::end(kNativeIcons),
                                    std::string_view(icon.as_string())) != std::end(kNativeIcons)) {
    item.set_icon(nullptr);
    return;
  }
  std::string error;
  Pixbuf image{image_from_arg(icon, request.caller, request.context, error)};
  if (!image.p) bad("option 'icon': " + error);
  item.set_icon(image.p);
}

namespace {

void set_accelerator_option(MenuItem& item, const json::object* o) {
  auto text = string_option(o, "accelerator", kMaxAcceleratorLength + 1);
  if (!text) return;
  std::string error;
  if (!parse_accelerator(*text, error)) bad("option 'accelerator': " + error);
  item.set_accelerator(std::move(*text));
}

AboutMetadata about_metadata(const json::object& m, MenuItem& item, ItemRequest& request) {
  AboutMetadata out;
  auto field = [&m](const char* key) -> std::optional<std::string> {
    auto* v = m.if_contains(key);
    if (!v || v->is_null()) return std::nullopt;
    return bounded_string(*v, std::string("About field '") + key + "'", kMaxAboutFieldLength);
  };
  out.name = field("name");
  out.version = field("version");
  out.short_version = field("shortVersion");
  out.comments = field("comments");
  out.copyright = field("copyright");
  out.license = field("license");
  out.website = field("website");
  out.website_label = field("websiteLabel");
  out.credits = field("credits");
  if (auto* authors = m.if_contains("authors"); authors && !authors->is_null()) {
    if (!authors->is_array() || authors->as_array().size() > kMaxAboutAuthors)
      bad("About field 'authors' must be a list of at most " + std::to_string(kMaxAboutAuthors) + " strings");
    for (const auto& a : authors->as_array()) out.authors.push_back(bounded_string(a, "an author", kMaxAboutFieldLength));
  }
  if (auto* icon = m.if_contains("icon"); icon && !icon->is_null()) {
    std::string error;
    Pixbuf image{image_from_arg(*icon, request.caller, request.context, error)};
    if (!image.p) bad("About field 'icon': " + error);
    item.set_icon(image.p);  // the About dialog's logo
  }
  return out;
}

// `item`: "Copy", ... or {About: null | {...}}.
void set_predefined_option(MenuItem& item, const json::value* which, ItemRequest& request) {
  if (!which) bad("a predefined item needs option 'item' (\"Separator\", \"Copy\", ... or {About: {...}})");
  if (which->is_string()) {
    auto p = predefined_from_name(which->as_string());
    if (!p) bad("option 'item': \"" + std::string(which->as_string()).substr(0, 64) + "\" is not a predefined item");
    item.set_predefined(*p);
    return;
  }
  const json::object* o = which->if_object();
  const json::value* about = o && o->size() == 1 ? o->if_contains("About") : nullptr;
  if (!about) bad("option 'item' must be a predefined item's name or {About: {...}}");
  if (about->is_null()) return item.set_predefined(Predefined::about);
  if (!about->is_object()) bad("option 'item': About must be null or {name, version, authors, ...}");
  item.set_predefined(Predefined::about, about_metadata(about->as_object(), item, request));
}

// The item's action: its id to the page's channel, as Tauri's menu event does.
void set_handler(MenuItem& item, const std::string& handler, ItemRequest& request) {
  if (handler.empty() || !request.context.open_channel) return;
  std::shared_ptr<plugin::ChannelSink> sink = request.context.open_channel(handler, request.caller);
  if (!sink) bad("the item's handler is not a Channel");
  item.set_action([sink](MenuItem& picked) { sink->send(json::serialize(json::string(picked.id()))); });
}

void add_children(MenuItem& container, const json::value* items, ItemRequest& request, size_t level) {
  if (!items) return;
  if (!items->is_array()) bad("option 'items' must be a list");
  if (items->as_array().size() > MenuItem::kMaxChildren)
    bad("a menu holds at most " + std::to_string(MenuItem::kMaxChildren) + " items");
  for (const auto& entry : items->as_array()) {
    auto child = item_from_entry(entry, request, level + 1);
    if (auto why = container.refuse_insert(container.children().size(), *child)) bad(*why);
    container.append(std::move(child));
  }
}

std::string handler_option(const json::object* o) {
  auto* h = option(o, "handler");
  if (!h) return "";
  if (!h->is_string() || h->as_string().size() > 64) bad("option 'handler' must be a Channel");
  return std::string(h->as_string());
}

}  // namespace

std::string bounded_string(const json::value& v, const std::string& name, size_t max) {
  if (!v.is_string()) bad(name + " must be a string");
  if (v.as_string().size() > max) bad(name + " has more than " + std::to_string(max) + " bytes");
  return std::string(v.as_string());
}

std::string made_up_id() { return std::to_string(next_id++); }

std::shared_ptr<MenuItem> make_item(ItemKind kind, const json::value& options, const std::string& handler,
                                    ItemRequest& request, size_t level) {
  if (level > MenuItem::kMaxLevels) bad("menus nest at most " + std::to_string(MenuItem::kMaxLevels) + " levels deep");
  if (++request.made > kMaxItemsPerCall)
    bad("one call makes at most " + std::to_string(kMaxItemsPerCall) + " menu items");
  if (!options.is_null() && !options.is_object()) bad("the options must be an object");
  const json::object* o = options.if_object();
  // Predefined items always get a made-up id, as in Tauri.
  auto id = kind == ItemKind::predefined ? std::nullopt : string_option(o, "id", kMaxIdLength);
  auto item = MenuItem::create(kind, id ? std::move(*id) : made_up_id());
  if (kind == ItemKind::predefined) {
    set_predefined_option(*item, option(o, "item"), request);
    auto text = string_option(o, "text", kMaxTextLength);
    item->set_text(text ? std::move(*text) : std::string(predefined_text(*item->predefined())));
    return item;
  }
  if (kind != ItemKind::menu) {
    item->set_text(string_option(o, "text", kMaxTextLength).value_or(""));
    if (auto enabled = bool_option(o, "enabled")) item->set_enabled(*enabled);
  }
  if (kind == ItemKind::check) item->set_checked(bool_option(o, "checked").value_or(false));
  if (kind == ItemKind::normal || kind == ItemKind::check || kind == ItemKind::icon) {
    set_accelerator_option(*item, o);
    set_handler(*item, handler, request);
  }
  if (kind == ItemKind::icon || kind == ItemKind::submenu)
    if (auto* icon = option(o, "icon")) set_item_icon(*item, *icon, request);
  if (kind == ItemKind::menu || kind == ItemKind::submenu) add_children(*item, option(o, "items"), request, level);
  return item;
}

std::shared_ptr<MenuItem> item_from_entry(const json::value& entry, ItemRequest& request, size_t level) {
  if (entry.is_array()) {
    std::string error;
    auto item = menu_item_from_arg(entry, request.context, request.caller, error);
    if (!item) bad(error);
    if (item->kind() == ItemKind::menu) bad("a Menu cannot be an item of another menu (use a Submenu)");
    return item;
  }
  const json::object* o = entry.if_object();
  if (!o) bad("each entry of 'items' must be [rid, kind] or an item's options");
  // Tauri's order: the first kind whose required fields the options have.
  ItemKind kind;
  if (option(o, "item")) kind = ItemKind::predefined;
  else if (!option(o, "text")) bad("each entry of 'items' must be [rid, kind], or options with 'text' (or 'item' for a predefined item)");
  else if (option(o, "checked")) kind = ItemKind::check;
  else if (option(o, "icon")) kind = ItemKind::icon;
  else if (option(o, "items")) kind = ItemKind::submenu;
  else kind = ItemKind::normal;
  return make_item(kind, entry, handler_option(o), request, level);
}

}  // namespace warden::desktop::menu
