#include "desktop/menu/menu_commands.hpp"

#include <functional>
#include <string>

#include <boost/json.hpp>
#include <gtk/gtk.h>
#include <spdlog/spdlog.h>

#include "desktop/command_arguments.hpp"
#include "desktop/image_resource.hpp"
#include "desktop/menu/accelerator.hpp"
#include "desktop/menu/context_menu.hpp"
#include "desktop/menu/default_menu.hpp"
#include "desktop/menu/menu_options.hpp"
#include "desktop/menu/menu_resource.hpp"
#include "desktop/menu/window_menus.hpp"
#include "desktop/window_commands.hpp"

namespace warden::desktop::menu {
namespace json = boost::json;
using runtime::Invocation;

namespace {

[[noreturn]] void bad(const std::string& message) { throw BadMenuArgument(message); }

// One call: its arguments and who made it.
struct MenuCall {
  Invocation& call;
  json::object args;
  DesktopContext& context;

  const json::value& arg(const char* key) const { return required_argument(args, key); }
  const json::value* optional_arg(const char* key) const { return optional_argument(args, key); }
  bool bool_arg(const char* key) const {
    const json::value& v = arg(key);
    if (!v.is_bool()) bad(std::string("argument '") + key + "' must be true or false");
    return v.as_bool();
  }
  size_t index_arg(const char* key) const {
    auto n = whole_number(arg(key), 0, 1'000'000'000);
    if (!n) bad(std::string("argument '") + key + "' must be a whole number from 0");
    return *n;
  }
  uint32_t rid() const {
    auto n = whole_number(arg("rid"), 1, UINT32_MAX);
    if (!n) bad("argument 'rid' must be a resource id (a whole number from 1)");
    return *n;
  }
  ItemKind kind() const {
    const json::value& v = arg("kind");
    auto k = v.is_string() ? kind_from_name(v.as_string()) : std::nullopt;
    if (!k) bad("argument 'kind' must be one of Menu, Submenu, MenuItem, Check, Icon, Predefined");
    return *k;
  }
  // The caller's item `rid` of kind `kind`.
  std::shared_ptr<MenuItem> item(ItemKind kind) const {
    uint32_t id = rid();
    auto found = find_menu_item(context, call.caller, id, kind);
    if (!found) bad("menu item resource id " + std::to_string(id) + " not found");
    return found;
  }
  // The caller's item named by `rid` and `kind`, when `kind` is one of `allowed`.
  std::shared_ptr<MenuItem> item_of(std::initializer_list<ItemKind> allowed, const char* what) const {
    ItemKind k = kind();
    if (std::find(allowed.begin(), allowed.end(), k) == allowed.end())
      bad(std::string(what) + " does not apply to a " + std::string(kind_name(k)));
    return item(k);
  }
  std::shared_ptr<MenuItem> container() const {
    return item_of({ItemKind::menu, ItemKind::submenu}, "this command (it needs a Menu or Submenu)");
  }
  // The window the call names (`window`: a label), else the caller's own; null when not open.
  webview::AppWindow* window() const {
    std::string label = call.caller.window;
    if (auto* w = optional_arg("window")) label = bounded_string(*w, "argument 'window'", 256);
    webview::AppWindow* found = context.windows.find(label);
    if (!found || !found->open()) {
      // As in Tauri: no such window is not an error, the call does nothing.
      spdlog::info("menu: no open window '{}' for {}", label, call.command);
      return nullptr;
    }
    return found;
  }
  // A new resource of the caller for `item`.
  uint32_t add(std::shared_ptr<MenuItem> item) const {
    uint32_t id = add_menu_item(context, call.caller, std::move(item));
    if (id == 0) bad("the page that asked is gone");
    return id;
  }
  json::array entry(const std::shared_ptr<MenuItem>& item) const {
    return json::array{add(item), json::string(item->id()), json::string(kind_name(item->kind()))};
  }
};

using MenuAction = std::function<json::value(MenuCall&)>;

// A quick command: it runs on the main thread, where the tree and GTK live.
void add(runtime::CommandTable& commands, DesktopContext& context, const char* name, MenuAction action) {
  auto run = [&context, action = std::move(action)](Invocation& call) {
    try {
      MenuCall c{call, arguments_of(call), context};
      call.completion->resolve_json(json::serialize(action(c)));
    } catch (const std::exception& e) {
      call.completion->reject(e.what());
    }
  };
  commands.add(std::string("plugin:menu|") + name, runtime::Command{std::move(run), false});
}

// append, prepend and insert: each entry at `position`, one after the other.
void insert_items(MenuCall& c, MenuItem& container, std::optional<size_t> position) {
  const json::value& items = c.arg("items");
  if (!items.is_array()) bad("argument 'items' must be a list");
  ItemRequest request{c.context, c.call.caller};
  size_t at = position.value_or(container.children().size());
  for (const auto& entry : items.as_array()) {
    auto item = item_from_entry(entry, request, container.levels_above() + 2);
    if (auto why = container.refuse_insert(at, *item)) bad(*why);
    container.insert(at++, std::move(item));
  }
}

void add_tree_commands(runtime::CommandTable& t, DesktopContext& cx) {
  add(t, cx, "new", [](MenuCall& c) -> json::value {
    ItemKind kind = c.kind();
    std::string handler;
    if (auto* h = c.optional_arg("handler")) handler = bounded_string(*h, "argument 'handler'", 64);
    ItemRequest request{c.context, c.call.caller};
    static const json::value none;
    auto item = make_item(kind, c.optional_arg("options") ? c.arg("options") : none, handler, request);
    return json::array{c.add(item), json::string(item->id())};
  });
  add(t, cx, "append", [](MenuCall& c) -> json::value {
    insert_items(c, *c.container(), std::nullopt);
    return nullptr;
  });
  add(t, cx, "prepend", [](MenuCall& c) -> json::value {
    insert_items(c, *c.container(), 0);
    return nullptr;
  });
  add(t, cx, "insert", [](MenuCall& c) -> json::value {
    auto container = c.container();
    insert_items(c, *container, c.index_arg("position"));
    return nullptr;
  });
  add(t, cx, "remove", [](MenuCall& c) -> json::value {
    auto container = c.container();
    std::string error;
    auto item = menu_item_from_arg(c.arg("item"), c.context, c.call.caller, error);
    if (!item) bad(error);
    if (!container->remove(*item)) bad("the item is not in this menu");
    return nullptr;
  });
  add(t, cx, "remove_at", [](MenuCall& c) -> json::value {
    auto container = c.container();
    auto removed = container->remove_at(c.index_arg("position"));
    return removed ? json::value(c.entry(removed)) : json::value(nullptr);
  });
  add(t, cx, "items", [](MenuCall& c) -> json::value {
    json::array out;
    for (const auto& child : c.container()->children()) out.push_back(c.entry(child));
    return out;
  });
  // Tauri's get: the menu's own items only, not those of its submenus.
  add(t, cx, "get", [](MenuCall& c) -> json::value {
    auto container = c.container();
    std::string id = bounded_string(c.arg("id"), "argument 'id'", kMaxIdLength);
    for (const auto& child : container->children())
      if (child->id() == id) return c.entry(child);
    return nullptr;
  });
  add(t, cx, "create_default", [](MenuCall& c) -> json::value {
    auto menu = default_menu(c.context.app_name, c.context.app_version);
    return json::array{c.add(menu), json::string(menu->id())};
  });
}

void add_item_commands(runtime::CommandTable& t, DesktopContext& cx) {
  using K = ItemKind;
  add(t, cx, "text", [](MenuCall& c) -> json::value {
    return json::string(c.item_of({K::submenu, K::normal, K::predefined, K::check, K::icon}, "text")->text());
  });
  add(t, cx, "set_text", [](MenuCall& c) -> json::value {
    auto item = c.item_of({K::submenu, K::normal, K::predefined, K::check, K::icon}, "set_text");
    item->set_text(bounded_string(c.arg("text"), "argument 'text'", kMaxTextLength));
    return nullptr;
  });
  add(t, cx, "is_enabled", [](MenuCall& c) -> json::value {
    return c.item_of({K::submenu, K::normal, K::check, K::icon}, "is_enabled")->enabled();
  });
  add(t, cx, "set_enabled", [](MenuCall& c) -> json::value {
    auto item = c.item_of({K::submenu, K::normal, K::check, K::icon}, "set_enabled");
    item->set_enabled(c.bool_arg("enabled"));
    return nullptr;
  });
  add(t, cx, "set_accelerator", [](MenuCall& c) -> json::value {
    auto item = c.item_of({K::normal, K::check, K::icon}, "set_accelerator");
    std::optional<std::string> accelerator;
    if (auto* a = c.optional_arg("accelerator")) {
      accelerator = bounded_string(*a, "argument 'accelerator'", kMaxAcceleratorLength);
      std::string error;
      if (!parse_accelerator(*accelerator, error)) bad(error);
    }
    item->set_accelerator(std::move(accelerator));
    return nullptr;
  });
  add(t, cx, "is_checked", [](MenuCall& c) -> json::value { return c.item(K::check)->checked(); });
  add(t, cx, "set_checked", [](MenuCall& c) -> json::value {
    auto item = c.item(K::check);
    item->set_checked(c.bool_arg("checked"));
    return nullptr;
  });
  add(t, cx, "set_icon", [](MenuCall& c) -> json::value {
    auto item = c.item_of({K::icon, K::submenu}, "set_icon");
    const json::value* icon = c.optional_arg("icon");
    if (!icon) {
      item->set_icon(nullptr);
      return nullptr;
    }
    ItemRequest request{c.context, c.call.caller};
    set_item_icon(*item, *icon, request);
    return nullptr;
  });
}

// The previous menu goes back only to the page that set it: another page gets null, so a page
// cannot take hold of a menu it did not make.
json::value previous_menu(MenuCall& c, const std::shared_ptr<MenuItem>& previous, const plugin::ResourceOwner& setter) {
  plugin::ResourceOwner caller{c.call.caller.webview, c.call.caller.origin, c.call.caller.page};
  if (!previous || !(setter == caller)) return nullptr;
  return json::array{c.add(previous), json::string(previous->id())};
}

void add_menu_bar_and_popup_commands(runtime::CommandTable& t, DesktopContext& cx) {
  add(t, cx, "set_as_app_menu", [](MenuCall& c) -> json::value {
    auto menu = c.item(ItemKind::menu);
    auto setter = c.context.menus->app_menu_setter();
    auto previous = c.context.menus->set_app_menu(menu, {c.call.caller.webview, c.call.caller.origin, c.call.caller.page});
    return previous_menu(c, previous, setter);
  });
  add(t, cx, "set_as_window_menu", [](MenuCall& c) -> json::value {
    auto menu = c.item(ItemKind::menu);
    webview::AppWindow* window = c.window();
    if (!window) return nullptr;
    auto setter = c.context.menus->setter_of(window->label());
    auto previous = c.context.menus->set_window_menu(*window, menu, {c.call.caller.webview, c.call.caller.origin, c.call.caller.page});
    return previous_menu(c, previous, setter);
  });
  add(t, cx, "popup", [](MenuCall& c) -> json::value {
    auto menu = c.container();
    std::optional<WindowPoint> at;
    webview::AppWindow* window = c.window();
    if (!window) return nullptr;
    if (auto* a = c.optional_arg("at")) {
      auto p = window_args::position(*a, "at");
      int scale = window_state::scale_of(GTK_WINDOW(window->gtk_window()));
      at = WindowPoint{window_args::logical_coordinate(p.x, p.unit, scale),
                       window_args::logical_coordinate(p.y, p.unit, scale)};
    }
    popup_menu(menu, *window, at, c.context);
    return nullptr;
  });
  // macOS only: on Linux they do nothing, as in Tauri (the id is not even looked up).
  add(t, cx, "set_as_windows_menu_for_nsapp", [](MenuCall&) -> json::value { return nullptr; });
  add(t, cx, "set_as_help_menu_for_nsapp", [](MenuCall&) -> json::value { return nullptr; });
}

}  // namespace

void add_menu_commands(runtime::CommandTable& commands, DesktopContext& context) {
  if (!context.menus) context.menus = std::make_shared<WindowMenus>(context);
  add_tree_commands(commands, context);
  add_item_commands(commands, context);
  add_menu_bar_and_popup_commands(commands, context);
}

}  // namespace warden::desktop::menu
