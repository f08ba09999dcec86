#include "desktop/tray/tray_commands.hpp"

#include <gdk-pixbuf/gdk-pixbuf.h>

#include <boost/json.hpp>

#include "desktop/command_arguments.hpp"
#include "desktop/image_resource.hpp"
#include "desktop/menu/menu_resource.hpp"
#include "desktop/menu/predefined_item.hpp"
#include "desktop/tray/tray_icons.hpp"

namespace warden::desktop::tray {
namespace json = boost::json;

namespace {

// The longest strings taken: an id, a title next to the icon, a tooltip, a path.
constexpr size_t kMaxIdBytes = 256;
constexpr size_t kMaxTitleBytes = 1024;
constexpr size_t kMaxTooltipBytes = 4096;
constexpr size_t kMaxPathBytes = 4096;

// A string for D-Bus: no NUL (JSON's \u0000), at most `max` bytes (JSON text is UTF-8 already).
std::string string_of(const json::value& v, const std::string& what, size_t max) {
  if (!v.is_string()) throw BadArgument(what + " must be a string");
  std::string s(v.get_string());
  if (s.find('\0') != std::string::npos) throw BadArgument(what + " must not contain NUL characters");
  if (s.size() > max) throw BadArgument(what + " is " + std::to_string(s.size()) + " bytes; at most " + std::to_string(max) + " are taken");
  return s;
}

std::string optional_string(const json::object& o, const char* key, const std::string& what, size_t max) {
  auto* v = optional_argument(o, key);
  return v ? string_of(*v, what, max) : std::string();
}

bool bool_of(const json::value& v, const std::string& what) {
  if (!v.is_bool()) throw BadArgument(what + " must be true or false");
  return v.get_bool();
}

std::optional<bool> optional_bool(const json::object& o, const char* key, const std::string& what) {
  auto* v = optional_argument(o, key);
  return v ? std::optional<bool>(bool_of(*v, what)) : std::nullopt;
}

// Holds a new image reference for the scope of a command.
struct Image {
  GdkPixbuf* pixbuf = nullptr;
  Image() = default;
  Image(const Image&) = delete;
  Image& operator=(const Image&) = delete;
  ~Image() { if (pixbuf) g_object_unref(pixbuf); }
};

// An icon argument (tray.js transformImage: an Image's rid, a path, bytes); null or absent: none.
void icon_of(const json::value* v, const runtime::Caller& caller, DesktopContext& context, Image& out) {
  if (!v) return;
  std::string error;
  out.pixbuf = image_from_arg(*v, caller, context, error);
  if (!out.pixbuf) throw BadArgument("icon: " + error);
}

// A menu argument: `[rid, kind]` of the caller's Menu or Submenu; null or absent: none.
std::shared_ptr<menu::MenuItem> menu_of(const json::value* v, const runtime::Caller& caller,
                                        const DesktopContext& context) {
  if (!v) return nullptr;
  std::string error;
  auto item = menu::menu_item_from_arg(*v, context, caller, error);
  if (!item) throw BadArgument("menu: " + error);
  if (!item->is_container()) throw BadArgument("menu: a tray's menu must be a Menu or a Submenu");
  return item;
}

std::shared_ptr<StatusNotifierItem> icon_of_rid(const json::object& args, const runtime::Caller& caller,
                                                const DesktopContext& context) {
  auto rid = whole_number(required_argument(args, "rid"), 1, UINT32_MAX);
  if (!rid) throw BadArgument("argument 'rid' must be a resource id");
  auto icon = find_tray_resource(context, caller, *rid);
  if (!icon) throw BadArgument("tray icon resource id " + std::to_string(*rid) + " not found");
  return icon;
}

// Tray commands change what the panel shows and answer at once: they run on the GTK thread,
// where the icons and menus live.
void add(runtime::CommandTable& commands, const char* name, runtime::CommandFn fn) {
  commands.add(name, runtime::Command{refusing_bad_arguments(std::move(fn)), false});
}

// A predefined item picked in a tray menu: what it does in a window menu, with no window (the
// panel's click has none): Quit and About act, the others do nothing.
DbusMenu::PredefinedEffect predefined_effect(DesktopContext& context) {
  return [&context](menu::MenuItem& item) { menu::perform_predefined(item, context, ""); };
}

void new_icon(runtime::Invocation& call, DesktopContext& context, const std::shared_ptr<TrayIcons>& icons) {
  auto args = arguments_of(call);
  json::object none;
  const json::value* given = optional_argument(args, "options");
  if (given && !given->is_object()) throw BadArgument("argument 'options' must be an object");
  const json::object& o = given ? given->get_object() : none;

  const json::value& handler = required_argument(args, "handler");
  if (!handler.is_string()) throw BadArgument("argument 'handler' must be a Channel");
  std::shared_ptr<plugin::ChannelSink> channel =
      context.open_channel ? context.open_channel(handler.get_string(), call.caller) : nullptr;
  if (!channel) throw BadArgument("argument 'handler' names no channel of this page");

  StatusNotifierItem::Options options;
  auto* id = optional_argument(o, "id");
  options.id = id ? string_of(*id, "options.id", kMaxIdBytes) : icons->unused_id();
  options.title = optional_string(o, "title", "options.title", kMaxTitleBytes);
  options.tooltip = optional_string(o, "tooltip", "options.tooltip", kMaxTooltipBytes);
  options.menu = menu_of(optional_argument(o, "menu"), call.caller, context);
  Image icon;
  icon_of(optional_argument(o, "icon"), call.caller, context, icon);
  options.icon = icon.pixbuf;
  // Both spellings of the package (menuOnLeftClick is the deprecated one); Tauri's default: true.
  auto show = optional_bool(o, "showMenuOnLeftClick", "options.showMenuOnLeftClick");
  auto show_old = optional_bool(o, "menuOnLeftClick", "options.menuOnLeftClick");
  options.show_menu_on_left_click = show.value_or(show_old.value_or(true));
  // Read for their type only: no icon file is written (tempDirPath) and template icons are macOS's.
  optional_string(o, "tempDirPath", "options.tempDirPath", kMaxPathBytes);
  optional_bool(o, "iconAsTemplate", "options.iconAsTemplate");
  if (icons->size() >= TrayIcons::kMaxIcons && !icons->find(options.id))
    throw BadArgument("at most " + std::to_string(TrayIcons::kMaxIcons) + " tray icons at once");

  std::string tray_id = options.id;
  options.on_event = [channel, tray_id](const TrayEvent& event) { channel->send(event_json(event, tray_id)); };
  options.predefined_effect = predefined_effect(context);

  // The answer waits for the watcher: [rid, id] once the icon is registered, else why not.
  auto slot = std::make_shared<std::weak_ptr<StatusNotifierItem>>();
  std::weak_ptr<TrayIcons> weak_icons = icons;
  auto answer = [&context, weak_icons, slot, caller = call.caller, completion = call.completion,
                 tray_id](const std::string& error) {
    auto icon = slot->lock();
    if (!error.empty()) {
      if (auto all = weak_icons.lock(); all && icon) all->forget(*icon);
      return void(completion->reject(error));
    }
    if (!icon) return void(completion->reject("the tray icon was removed before it registered"));
    uint32_t rid = add_tray_resource(context, caller, icon, weak_icons);
    if (rid == 0) return void(completion->reject("the page that asked for the tray icon is gone"));
    completion->resolve_json(json::serialize(json::array{rid, json::string(tray_id)}));
  };
  auto item = StatusNotifierItem::start(std::move(options), std::move(answer));
  if (item->closed()) return;  // answered already: no session bus
  *slot = item;
  icons->add(std::move(item));
}

}  // namespace

void add_tray_commands(runtime::CommandTable& commands, DesktopContext& context) {
  auto icons = std::make_shared<TrayIcons>();
  add(commands, "plugin:tray|new", [&context, icons](runtime::Invocation& call) { new_icon(call, context, icons); });
  // Any caller with the permission gets a resource id of its own for an icon another page made.
  add(commands, "plugin:tray|get_by_id", [&context, icons](runtime::Invocation& call) {
    auto args = arguments_of(call);
    std::string id = string_of(required_argument(args, "id"), "argument 'id'", kMaxIdBytes);
    auto icon = icons->find(id);
    if (!icon) return void(call.completion->resolve_json("null"));
    uint32_t rid = add_tray_resource(context, call.caller, icon, icons);
    if (rid == 0) return void(call.completion->reject("the page that asked for the tray icon is gone"));
    call.completion->resolve_json(std::to_string(rid));
  });
  add(commands, "plugin:tray|remove_by_id", [icons](runtime::Invocation& call) {
    auto args = arguments_of(call);
    std::string id = string_of(required_argument(args, "id"), "argument 'id'", kMaxIdBytes);
    if (!icons->remove(id)) throw BadArgument("no tray icon with id '" + id + "'");
    call.completion->resolve_json("null");
  });
  add(commands, "plugin:tray|set_icon", [&context](runtime::Invocation& call) {
    auto args = arguments_of(call);
    auto icon = icon_of_rid(args, call.caller, context);
    Image image;
    icon_of(optional_argument(args, "icon"), call.caller, context, image);
    icon->set_icon(image.pixbuf);
    call.completion->resolve_json("null");
  });
  // Tauri on Linux cannot take a menu away once set; here null leaves the icon an empty menu.
  add(commands, "plugin:tray|set_menu", [&context](runtime::Invocation& call) {
    auto args = arguments_of(call);
    auto icon = icon_of_rid(args, call.caller, context);
    icon->set_menu(menu_of(optional_argument(args, "menu"), call.caller, context));
    call.completion->resolve_json("null");
  });
  add(commands, "plugin:tray|set_tooltip", [&context](runtime::Invocation& call) {
    auto args = arguments_of(call);
    auto icon = icon_of_rid(args, call.caller, context);
    icon->set_tooltip(optional_string(args, "tooltip", "argument 'tooltip'", kMaxTooltipBytes));
    call.completion->resolve_json("null");
  });
  add(commands, "plugin:tray|set_title", [&context](runtime::Invocation& call) {
    auto args = arguments_of(call);
    auto icon = icon_of_rid(args, call.caller, context);
    icon->set_title(optional_string(args, "title", "argument 'title'", kMaxTitleBytes));
    call.completion->resolve_json("null");
  });
  add(commands, "plugin:tray|set_visible", [&context](runtime::Invocation& call) {
    auto args = arguments_of(call);
    auto icon = icon_of_rid(args, call.caller, context);
    icon->set_visible(bool_of(required_argument(args, "visible"), "argument 'visible'"));
    call.completion->resolve_json("null");
  });
  // Tauri writes the icon into this folder for libappindicator; the pixels go over D-Bus here, so
  // nothing is written and a page cannot make the host write anywhere: the path is only checked.
  add(commands, "plugin:tray|set_temp_dir_path", [&context](runtime::Invocation& call) {
    auto args = arguments_of(call);
    icon_of_rid(args, call.caller, context);
    optional_string(args, "path", "argument 'path'", kMaxPathBytes);
    call.completion->resolve_json("null");
  });
  // Template icons are macOS's: accepted, no effect on Linux (as in Tauri).
  add(commands, "plugin:tray|set_icon_as_template", [&context](runtime::Invocation& call) {
    auto args = arguments_of(call);
    icon_of_rid(args, call.caller, context);
    bool_of(required_argument(args, "asTemplate"), "argument 'asTemplate'");
    call.completion->resolve_json("null");
  });
  add(commands, "plugin:tray|set_icon_with_as_template", [&context](runtime::Invocation& call) {
    auto args = arguments_of(call);
    auto icon = icon_of_rid(args, call.caller, context);
    bool_of(required_argument(args, "asTemplate"), "argument 'asTemplate'");
    Image image;
    icon_of(optional_argument(args, "icon"), call.caller, context, image);
    icon->set_icon(image.pixbuf);
    call.completion->resolve_json("null");
  });
  add(commands, "plugin:tray|set_show_menu_on_left_click", [&context](runtime::Invocation& call) {
    auto args = arguments_of(call);
    auto icon = icon_of_rid(args, call.caller, context);
    icon->set_show_menu_on_left_click(bool_of(required_argument(args, "onLeft"), "argument 'onLeft'"));
    call.completion->resolve_json("null");
  });
}

}  // namespace warden::desktop::tray
