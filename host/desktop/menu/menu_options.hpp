#pragma once
// The options @tauri-apps/api sends to make menu items: `new`'s {id, text, enabled, checked,
// accelerator, icon, item, items} for a given kind, and each entry of an `items` list (new,
// append, prepend, insert): `[rid, kind]` naming one of the caller's items, or the options of a
// new item whose kind follows from its fields as in Tauri (item → Predefined, checked → Check,
// icon → Icon, items → Submenu, else MenuItem). Every value is checked; the sizes are bounded.
//
// [main-thread] Items are made on the GTK thread (icons are decoded for GTK).
#include <cstddef>
#include <memory>
#include <stdexcept>
#include <string>

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include "desktop/command_arguments.hpp"
#include "desktop/desktop_context.hpp"
#include "desktop/menu/menu_item.hpp"
#include "runtime/caller.hpp"

namespace warden::desktop::menu {

// An argument the page got wrong; the message names it and what was expected.
using BadMenuArgument = desktop::BadArgument;

inline constexpr size_t kMaxTextLength = 4096;      // bytes of an item's text
inline constexpr size_t kMaxIdLength = 1024;        // bytes of an item's id
inline constexpr size_t kMaxAboutFieldLength = 65536;  // bytes of one About field (a license text)
inline constexpr size_t kMaxAboutAuthors = 256;
inline constexpr size_t kMaxItemsPerCall = 1000;    // new items one call may make (nested ones too)

// Who asks, and how many items the call has made so far.
struct ItemRequest {
  DesktopContext& context;
  const runtime::Caller& caller;
  size_t made = 0;
};

// A new id, as Tauri makes one when the page gives none: a number counting up, as text.
std::string made_up_id();

// Makes an item of `kind` from `options` (null: none given) for the caller; `handler` is the
// Channel reference of the item's action ("__CHANNEL__:<id>"; empty: none). The item's id goes
// to that channel when the user picks it. `level`: how deep in the call's options this item is.
std::shared_ptr<MenuItem> make_item(ItemKind kind, const boost::json::value& options, const std::string& handler,
                                    ItemRequest& request, size_t level = 1);

// One entry of an `items` list: the caller's item `[rid, kind]` (Menu is not an item), or a new
// one from options (its `handler`, if any, is its action's Channel).
std::shared_ptr<MenuItem> item_from_entry(const boost::json::value& entry, ItemRequest& request, size_t level = 1);

// Sets `item`'s icon from an `icon` value: a NativeIcon name (no image on Linux, as in Tauri
// there), or an image as image.js sends it (a resource id, a path, bytes).
void set_item_icon(MenuItem& item, const boost::json::value& icon, ItemRequest& request);

// A string argument (or option) of at most `max` bytes.
std::string bounded_string(const boost::json::value& v, const std::string& name, size_t max);

}  // namespace warden::desktop::menu
