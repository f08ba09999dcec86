#include "desktop/tray/dbus_menu.hpp"

#include "desktop/menu/accelerator.hpp"
#include "desktop/menu/predefined_item.hpp"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <gio/gio.h>
#include <spdlog/spdlog.h>

#include <algorithm>

namespace warden::desktop::tray {

namespace {

using menu::ItemKind;
using menu::MenuItem;
using menu::Predefined;

constexpr const char* kInterface = "com.canonical.dbusmenu";

// The interface as version 3 of the protocol defines it (libdbusmenu's description of it).
constexpr const char* kIntrospection = R"xml(<node>
  <interface name="com.canonical.dbusmenu">
    <property name="Version" type="u" access="read"/>
    <property name="TextDirection" type="s" access="read"/>
    <property name="Status" type="s" access="read"/>
    <property name="IconThemePath" type="as" access="read"/>
    <method name="GetLayout">
      <arg type="i" name="parentId" direction="in"/>
      <arg type="i" name="recursionDepth" direction="in"/>
      <arg type="as" name="propertyNames" direction="in"/>
      <arg type="u" name="revision" direction="out"/>
      <arg type="(ia{sv}av)" name="layout" direction="out"/>
    </method>
    <method name="GetGroupProperties">
      <arg type="ai" name="ids" direction="in"/>
      <arg type="as" name="propertyNames" direction="in"/>
      <arg type="a(ia{sv})" name="properties" direction="out"/>
    </method>
    <method name="GetProperty">
      <arg type="i" name="id" direction="in"/>
      <arg type="s" name="name" direction="in"/>
      <arg type="v" name="value" direction="out"/>
    </method>
    <method name="Event">
      <arg type="i" name="id" direction="in"/>
      <arg type="s" name="eventId" direction="in"/>
      <arg type="v" name="data" direction="in"/>
      <arg type="u" name="timestamp" direction="in"/>
    </method>
    <method name="EventGroup">
      <arg type="a(isvu)" name="events" direction="in"/>
      <arg type="ai" name="idErrors" direction="out"/>
    </method>
    <method name="AboutToShow">
      <arg type="i" name="id" direction="in"/>
      <arg type="b" name="needUpdate" direction="out"/>
    </method>
    <method name="AboutToShowGroup">
      <arg type="ai" name="ids" direction="in"/>
      <arg type="ai" name="updatesNeeded" direction="out"/>
      <arg type="ai" name="idErrors" direction="out"/>
    </method>
    <signal name="ItemsPropertiesUpdated">
      <arg type="a(ia{sv})" name="updatedProps"/>
      <arg type="a(ias)" name="removedProps"/>
    </signal>
    <signal name="LayoutUpdated">
      <arg type="u" name="revision"/>
      <arg type="i" name="parent"/>
    </signal>
    <signal name="ItemActivationRequested">
      <arg type="i" name="id"/>
      <arg type="u" name="timestamp"/>
    </signal>
  </interface>
</node>)xml";

// A panel may send many events at once; more than this in one call is refused.
constexpr size_t kMaxGroup = 1024;
// Menu icons are drawn at 16 to 24 pixels: a larger icon is sent scaled down to this.
constexpr int kMaxMenuIconSize = 64;

GDBusInterfaceInfo* interface_info() {
  static GDBusNodeInfo* node = g_dbus_node_info_new_for_xml(kIntrospection, nullptr);
  return node->interfaces[0];
}

void on_method_call(GDBusConnection*, const gchar*, const gchar*, const gchar*, const gchar* method,
                    GVariant* parameters, GDBusMethodInvocation* invocation, gpointer self) {
  static_cast<DbusMenu*>(self)->handle_call(method, parameters, invocation);
}

GVariant* on_get_property(GDBusConnection*, const gchar*, const gchar*, const gchar*, const gchar* name, GError**,
                          gpointer self) {
  return static_cast<DbusMenu*>(self)->property(name);
}

const GDBusInterfaceVTable kVTable{on_method_call, on_get_property, nullptr, {}};

bool is_separator(const MenuItem& item) { return item.predefined() == Predefined::separator; }

std::string label_of(const MenuItem& item) {
  std::string text = item.text();
  if (text.empty() && item.predefined()) text = std::string(menu::predefined_text(*item.predefined()));
  return dbusmenu_label(text);
}

// dbusmenu's `shortcut`: one key combination, its modifiers then its key. An accelerator that
// does not parse shows none (menu_commands refuses those anyway).
std::optional<menu::Accelerator> shortcut_of(const MenuItem& item) {
  if (item.predefined()) return menu::predefined_shortcut(*item.predefined());
  if (!item.accelerator()) return std::nullopt;
  std::string error;
  return menu::parse_accelerator(*item.accelerator(), error);
}

// PNG bytes of the item's icon, scaled down to kMaxMenuIconSize; empty when it cannot be encoded.
std::string png_of(GdkPixbuf* icon) {
  int w = gdk_pixbuf_get_width(icon), h = gdk_pixbuf_get_height(icon);
  GdkPixbuf* scaled = nullptr;
  if (w > kMaxMenuIconSize || h > kMaxMenuIconSize) {
    double f = static_cast<double>(kMaxMenuIconSize) / std::max(w, h);
    scaled = gdk_pixbuf_scale_simple(icon, std::max(1, static_cast<int>(w * f)), std::max(1, static_cast<int>(h * f)),
                                     GDK_INTERP_BILINEAR);
  }
  gchar* buffer = nullptr;
  gsize size = 0;
  bool ok = gdk_pixbuf_save_to_buffer(scaled ? scaled : icon, &buffer, &size, "png", nullptr, nullptr);
  if (scaled) g_object_unref(scaled);
  std::string out = ok ? std::string(buffer, size) : std::string();
  g_free(buffer);
  return out;
}

std::vector<std::string> strings_of(GVariant* as) {
  std::vector<std::string> out;
  GVariantIter iter;
  g_variant_iter_init(&iter, as);
  const gchar* s = nullptr;
  while (g_variant_iter_next(&iter, "&s", &s)) out.emplace_back(s);
  return out;
}

void for_each_in_tree(MenuItem& item, const std::function<void(MenuItem&)>& visit) {
  visit(item);
  for (auto& c : item.children()) for_each_in_tree(*c, visit);
}

}  // namespace

std::string dbusmenu_label(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '_') {
      out += "__";
    } else if (c == '&' && i + 1 < text.size()) {
      // "&&" is a literal '&'; '&' before anything else marks the mnemonic.
      if (text[i + 1] == '&') out += '&';
      else out += '_';
      if (text[i + 1] == '&') ++i;
    } else {
      out += c;
    }
  }
  return out;
}

DbusMenu::DbusMenu(GDBusConnection* connection, std::string path, PredefinedEffect predefined_effect)
    : connection_(connection), path_(std::move(path)), predefined_effect_(std::move(predefined_effect)) {
  GError* error = nullptr;
  registration_ =
      g_dbus_connection_register_object(connection_, path_.c_str(), interface_info(), &kVTable, this, nullptr, &error);
  if (!registration_) {
    spdlog::error("tray: the menu cannot be exported at {}: {}", path_, error ? error->message : "unknown error");
    g_clear_error(&error);
  }
}

DbusMenu::~DbusMenu() {
  followed_.clear();
  if (registration_) g_dbus_connection_unregister_object(connection_, registration_);
}

void DbusMenu::set_root(std::shared_ptr<MenuItem> root) {
  if (root == root_) return;
  root_ = std::move(root);
  follow_tree();
  ++revision_;
  emit("LayoutUpdated", g_variant_new("(ui)", revision_, 0));
}

// Subscribes to every item now in the tree (and only those): a change of children anywhere
// re-runs this, so items added later are followed and removed ones are let go.
void DbusMenu::follow_tree() {
  std::map<const MenuItem*, MenuItem::Subscription> followed;
  if (root_) {
    for_each_in_tree(*root_, [&](MenuItem& item) {
      if (followed.count(&item)) return;
      auto old = followed_.find(&item);
      if (old != followed_.end()) {
        followed.emplace(&item, std::move(old->second));
      } else {
        followed.emplace(&item, item.observe([this](MenuItem& changed_item, menu::Change what) {
                           changed(changed_item, what);
                         }));
      }
    });
  }
  followed_ = std::move(followed);
}

void DbusMenu::changed(MenuItem& item, menu::Change what) {
  int32_t id = id_of(item);
  if (what == menu::Change::children) {
    follow_tree();
    ++revision_;
    emit("LayoutUpdated", g_variant_new("(ui)", revision_, id));
    return;
  }
  GVariantBuilder updated, removed;
  g_variant_builder_init(&updated, G_VARIANT_TYPE("a(ia{sv})"));
  g_variant_builder_init(&removed, G_VARIANT_TYPE("a(ias)"));
  g_variant_builder_add(&updated, "(i@a{sv})", id, properties_of(&item, id, {}));
  if (what == menu::Change::icon && !item.icon()) {
    const gchar* gone[] = {"icon-data", nullptr};
    g_variant_builder_add(&removed, "(i^as)", id, gone);
  }
  emit("ItemsPropertiesUpdated", g_variant_new("(a(ia{sv})a(ias))", &updated, &removed));
}

void DbusMenu::emit(const char* signal, GVariant* parameters) {
  GError* error = nullptr;
  if (!g_dbus_connection_emit_signal(connection_, nullptr, path_.c_str(), kInterface, signal, parameters, &error)) {
    spdlog::debug("tray: {} not sent: {}", signal, error ? error->message : "unknown error");
    g_clear_error(&error);
  }
}

int32_t DbusMenu::id_of(const MenuItem& item) const { return &item == root_.get() ? 0 : item.handle(); }

std::shared_ptr<MenuItem> DbusMenu::item_of(int32_t id) const {
  if (!root_) return nullptr;
  if (id == 0) return root_;
  std::shared_ptr<MenuItem> found;
  std::function<void(const std::shared_ptr<MenuItem>&)> search = [&](const std::shared_ptr<MenuItem>& item) {
    for (const auto& c : item->children()) {
      if (found) return;
      if (c->handle() == id) found = c;
      else search(c);
    }
  };
  search(root_);
  return found;
}

GVariant* DbusMenu::properties_of(const MenuItem* item, int32_t id, const std::vector<std::string>& names) const {
  GVariantBuilder b;
  g_variant_builder_init(&b, G_VARIANT_TYPE("a{sv}"));
  auto wanted = [&](const char* name) {
    return names.empty() || std::find(names.begin(), names.end(), name) != names.end();
  };
  auto add = [&](const char* name, GVariant* value) {
    if (wanted(name)) g_variant_builder_add(&b, "{sv}", name, value);
    else g_variant_unref(g_variant_ref_sink(value));
  };
  if (!item || item->is_container()) {
    add("children-display", g_variant_new_string("submenu"));
    if (id == 0 || !item) return g_variant_builder_end(&b);
  }
  if (is_separator(*item)) {
    add("type", g_variant_new_string("separator"));
    return g_variant_builder_end(&b);
  }
  add("label", g_variant_new_string(label_of(*item).c_str()));
  add("enabled", g_variant_new_boolean(item->enabled()));
  add("visible", g_variant_new_boolean(!item->predefined() || menu::shown_on_linux(*item->predefined())));
  if (auto shortcut = shortcut_of(*item); shortcut && wanted("shortcut")) {
    GVariantBuilder keys;
    g_variant_builder_init(&keys, G_VARIANT_TYPE("aas"));
    g_variant_builder_open(&keys, G_VARIANT_TYPE("as"));
    for (const auto& part : menu::shortcut_parts(*shortcut)) g_variant_builder_add(&keys, "s", part.c_str());
    g_variant_builder_close(&keys);
    add("shortcut", g_variant_builder_end(&keys));
  }
  if (item->kind() == ItemKind::check) {
    add("toggle-type", g_variant_new_string("checkmark"));
    add("toggle-state", g_variant_new_int32(item->checked() ? 1 : 0));
  }
  if (item->icon() && wanted("icon-data")) {
    std::string png = png_of(item->icon());
    if (!png.empty())
      add("icon-data", g_variant_new_fixed_array(G_VARIANT_TYPE_BYTE, png.data(), png.size(), 1));
  }
  return g_variant_builder_end(&b);
}

GVariant* DbusMenu::layout_of(const MenuItem* item, int32_t id, int depth,
                              const std::vector<std::string>& names) const {
  GVariantBuilder children;
  g_variant_builder_init(&children, G_VARIANT_TYPE("av"));
  if (item && depth != 0)
    for (const auto& c : item->children())
      g_variant_builder_add(&children, "v", layout_of(c.get(), c->handle(), depth < 0 ? -1 : depth - 1, names));
  return g_variant_new("(i@a{sv}av)", id, properties_of(item, id, names), &children);
}

GVariant* DbusMenu::property(const std::string& name) const {
  if (name == "Version") return g_variant_new_uint32(3);
  if (name == "TextDirection") return g_variant_new_string("ltr");
  if (name == "Status") return g_variant_new_string("normal");
  if (name == "IconThemePath") return g_variant_new_strv(nullptr, 0);
  return nullptr;
}

bool DbusMenu::handle_event(int32_t id, const std::string& event) {
  auto item = item_of(id);
  if (!item) return false;
  if (event != "clicked" || item->is_container() || is_separator(*item) || !item->enabled()) return true;
  spdlog::debug("tray: menu item '{}' picked through the panel", item->id());
  // As in window menus (menu/gtk_menu_view.cpp): a predefined item does its own thing and tells
  // no page; the others toggle (check items) and run their action.
  if (item->predefined()) {
    if (predefined_effect_ && menu::shown_on_linux(*item->predefined())) predefined_effect_(*item);
    return true;
  }
  item->activate();
  return true;
}

void DbusMenu::handle_call(const std::string& method, GVariant* p, GDBusMethodInvocation* invocation) {
  auto unknown_id = [invocation](int32_t id) {
    g_dbus_method_invocation_return_error(invocation, G_DBUS_ERROR, G_DBUS_ERROR_INVALID_ARGS, "no menu item with id %d",
                                          id);
  };
  if (method == "GetLayout") {
    gint32 parent = 0, depth = -1;
    GVariant* names = nullptr;
    g_variant_get(p, "(ii@as)", &parent, &depth, &names);
    std::vector<std::string> wanted = strings_of(names);
    g_variant_unref(names);
    auto item = item_of(parent);
    if (!item && !(parent == 0 && !root_)) return unknown_id(parent);
    GVariant* layout = layout_of(item.get(), parent, depth, wanted);
    return g_dbus_method_invocation_return_value(invocation, g_variant_new("(u@(ia{sv}av))", revision_, layout));
  }
  if (method == "GetGroupProperties") {
    GVariant *ids = nullptr, *names = nullptr;
    g_variant_get(p, "(@ai@as)", &ids, &names);
    std::vector<std::string> wanted = strings_of(names);
    GVariantBuilder out;
    g_variant_builder_init(&out, G_VARIANT_TYPE("a(ia{sv})"));
    gsize count = 0;
    const gint32* list = static_cast<const gint32*>(g_variant_get_fixed_array(ids, &count, sizeof(gint32)));
    for (gsize i = 0; i < count && i < kMaxGroup; ++i) {
      auto item = item_of(list[i]);
      if (item || list[i] == 0) g_variant_builder_add(&out, "(i@a{sv})", list[i], properties_of(item.get(), list[i], wanted));
    }
    g_variant_unref(ids);
    g_variant_unref(names);
    return g_dbus_method_invocation_return_value(invocation, g_variant_new("(a(ia{sv}))", &out));
  }
  if (method == "GetProperty") {
    gint32 id = 0;
    const gchar* name = nullptr;
    g_variant_get(p, "(i&s)", &id, &name);
    auto item = item_of(id);
    if (!item && id != 0) return unknown_id(id);
    GVariant* props = g_variant_ref_sink(properties_of(item.get(), id, {name}));
    GVariant* value = g_variant_lookup_value(props, name, nullptr);
    g_variant_unref(props);
    if (!value)
      return g_dbus_method_invocation_return_error(invocation, G_DBUS_ERROR, G_DBUS_ERROR_INVALID_ARGS,
                                                   "menu item %d has no property '%s'", id, name);
    return g_dbus_method_invocation_return_value(invocation, g_variant_new("(v)", value));
  }
  if (method == "Event") {
    gint32 id = 0;
    const gchar* event = nullptr;
    g_variant_get(p, "(i&svu)", &id, &event, nullptr, nullptr);
    std::string name = event;
    // Answer first: the item's action may take a while and the panel waits for the reply.
    if (!item_of(id)) return unknown_id(id);
    g_dbus_method_invocation_return_value(invocation, nullptr);
    handle_event(id, name);
    return;
  }
  if (method == "EventGroup") {
    GVariant* events = g_variant_get_child_value(p, 0);
    if (g_variant_n_children(events) > kMaxGroup) {
      g_variant_unref(events);
      return g_dbus_method_invocation_return_error(invocation, G_DBUS_ERROR, G_DBUS_ERROR_LIMITS_EXCEEDED,
                                                   "at most %zu events at once", kMaxGroup);
    }
    std::vector<std::pair<int32_t, std::string>> list;
    GVariantIter iter;
    g_variant_iter_init(&iter, events);
    gint32 id = 0;
    const gchar* event = nullptr;
    while (g_variant_iter_next(&iter, "(i&svu)", &id, &event, nullptr, nullptr)) list.emplace_back(id, event);
    g_variant_unref(events);
    GVariantBuilder errors;
    g_variant_builder_init(&errors, G_VARIANT_TYPE("ai"));
    std::vector<std::pair<int32_t, std::string>> known;
    for (auto& e : list) {
      if (item_of(e.first)) known.push_back(e);
      else g_variant_builder_add(&errors, "i", e.first);
    }
    g_dbus_method_invocation_return_value(invocation, g_variant_new("(ai)", &errors));
    for (auto& [event_id, event_name] : known) handle_event(event_id, event_name);
    return;
  }
  if (method == "AboutToShow") {
    gint32 id = 0;
    g_variant_get(p, "(i)", &id);
    if (!item_of(id) && id != 0) return unknown_id(id);
    return g_dbus_method_invocation_return_value(invocation, g_variant_new("(b)", FALSE));
  }
  if (method == "AboutToShowGroup") {
    GVariant* ids = nullptr;
    g_variant_get(p, "(@ai)", &ids);
    gsize count = 0;
    const gint32* list = static_cast<const gint32*>(g_variant_get_fixed_array(ids, &count, sizeof(gint32)));
    GVariantBuilder updates, errors;
    g_variant_builder_init(&updates, G_VARIANT_TYPE("ai"));
    g_variant_builder_init(&errors, G_VARIANT_TYPE("ai"));
    for (gsize i = 0; i < count && i < kMaxGroup; ++i)
      if (list[i] != 0 && !item_of(list[i])) g_variant_builder_add(&errors, "i", list[i]);
    g_variant_unref(ids);
    return g_dbus_method_invocation_return_value(invocation, g_variant_new("(aiai)", &updates, &errors));
  }
  g_dbus_method_invocation_return_error(invocation, G_DBUS_ERROR, G_DBUS_ERROR_UNKNOWN_METHOD, "no method %s",
                                        method.c_str());
}

}  // namespace warden::desktop::tray
