#include "desktop/tray/status_notifier_item.hpp"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <gio/gio.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <utility>

#include "desktop/tray/session_bus.hpp"
#include "runtime/dispatcher.hpp"

namespace warden::desktop::tray {

namespace {

constexpr const char* kItemInterface = "org.kde.StatusNotifierItem";
constexpr const char* kItemPath = "/StatusNotifierItem";
constexpr const char* kMenuPath = "/MenuBar";
constexpr const char* kWatcherName = "org.kde.StatusNotifierWatcher";
constexpr const char* kWatcherPath = "/StatusNotifierWatcher";
// A watcher that does not answer in this time is taken as absent.
constexpr int kWatcherTimeoutMs = 5000;
// A watcher that has just taken its name may export its object a moment later (Debian's
// status-notifier-watcher does): a registration it refuses then is sent again, this often, for
// about 5 s.
constexpr unsigned kRetryMs = 200;
constexpr int kMaxRetries = 25;
// Two Activate calls this close in time and place make a double click (GTK's default setting).
constexpr auto kDoubleClickTime = std::chrono::milliseconds(400);
constexpr int kDoubleClickDistance = 5;

// The interface as the StatusNotifierItem specification lists it, plus the label that
// Ayatana's panels show next to the icon (libayatana-appindicator's XAyatanaLabel).
constexpr const char* kIntrospection = R"xml(<node>
  <interface name="org.kde.StatusNotifierItem">
    <property name="Category" type="s" access="read"/>
    <property name="Id" type="s" access="read"/>
    <property name="Title" type="s" access="read"/>
    <property name="Status" type="s" access="read"/>
    <property name="WindowId" type="i" access="read"/>
    <property name="IconThemePath" type="s" access="read"/>
    <property name="IconName" type="s" access="read"/>
    <property name="IconPixmap" type="a(iiay)" access="read"/>
    <property name="OverlayIconName" type="s" access="read"/>
    <property name="OverlayIconPixmap" type="a(iiay)" access="read"/>
    <property name="AttentionIconName" type="s" access="read"/>
    <property name="AttentionIconPixmap" type="a(iiay)" access="read"/>
    <property name="AttentionMovieName" type="s" access="read"/>
    <property name="ToolTip" type="(sa(iiay)ss)" access="read"/>
    <property name="ItemIsMenu" type="b" access="read"/>
    <property name="Menu" type="o" access="read"/>
    <property name="XAyatanaLabel" type="s" access="read"/>
    <property name="XAyatanaLabelGuide" type="s" access="read"/>
    <method name="ContextMenu"><arg name="x" type="i" direction="in"/><arg name="y" type="i" direction="in"/></method>
    <method name="Activate"><arg name="x" type="i" direction="in"/><arg name="y" type="i" direction="in"/></method>
    <method name="SecondaryActivate"><arg name="x" type="i" direction="in"/><arg name="y" type="i" direction="in"/></method>
    <method name="Scroll"><arg name="delta" type="i" direction="in"/><arg name="orientation" type="s" direction="in"/></method>
    <signal name="NewTitle"/>
    <signal name="NewIcon"/>
    <signal name="NewAttentionIcon"/>
    <signal name="NewOverlayIcon"/>
    <signal name="NewToolTip"/>
    <signal name="NewStatus"><arg name="status" type="s"/></signal>
    <signal name="XAyatanaNewLabel"><arg name="label" type="s"/><arg name="guide" type="s"/></signal>
  </interface>
</node>)xml";

GDBusInterfaceInfo* interface_info() {
  static GDBusNodeInfo* node = g_dbus_node_info_new_for_xml(kIntrospection, nullptr);
  return node->interfaces[0];
}

void on_method_call(GDBusConnection*, const gchar*, const gchar*, const gchar*, const gchar* method,
                    GVariant* parameters, GDBusMethodInvocation* invocation, gpointer self) {
  static_cast<StatusNotifierItem*>(self)->handle_call(method, parameters, invocation);
}

GVariant* on_get_property(GDBusConnection*, const gchar*, const gchar*, const gchar*, const gchar* name, GError**,
                          gpointer self) {
  return static_cast<StatusNotifierItem*>(self)->property(name);
}

const GDBusInterfaceVTable kVTable{on_method_call, on_get_property, nullptr, {}};

std::atomic<unsigned> next_item{1};

// An async call's user data: the item, unless it is gone by the time the answer comes.
using Weak = std::weak_ptr<StatusNotifierItem>;
std::shared_ptr<StatusNotifierItem> take(gpointer data) {
  auto* weak = static_cast<Weak*>(data);
  auto item = weak->lock();
  delete weak;
  return item;
}

std::string message_of(GError* error) {
  std::string m = error ? error->message : "unknown error";
  g_clear_error(&error);
  return m;
}

GVariant* pixmaps_variant(const Pixmap& pixmap) {
  GVariantBuilder b;
  g_variant_builder_init(&b, G_VARIANT_TYPE("a(iiay)"));
  if (!pixmap.argb.empty())
    g_variant_builder_add(&b, "(ii@ay)", pixmap.width, pixmap.height,
                          g_variant_new_fixed_array(G_VARIANT_TYPE_BYTE, pixmap.argb.data(), pixmap.argb.size(), 1));
  return g_variant_builder_end(&b);
}

}  // namespace

Pixmap pixmap_of(GdkPixbuf* image) {
  Pixmap out;
  if (!image) return out;
  int w = gdk_pixbuf_get_width(image), h = gdk_pixbuf_get_height(image);
  GdkPixbuf* scaled = nullptr;
  if (w > kMaxPixmapSize || h > kMaxPixmapSize) {
    double f = static_cast<double>(kMaxPixmapSize) / std::max(w, h);
    w = std::max(1, static_cast<int>(w * f));
    h = std::max(1, static_cast<int>(h * f));
    scaled = gdk_pixbuf_scale_simple(image, w, h, GDK_INTERP_BILINEAR);
  }
  GdkPixbuf* source = scaled ? scaled : image;
  int stride = gdk_pixbuf_get_rowstride(source), channels = gdk_pixbuf_get_n_channels(source);
  bool alpha = gdk_pixbuf_get_has_alpha(source);
  const guint8* pixels = gdk_pixbuf_read_pixels(source);
  out.width = w;
  out.height = h;
  out.argb.resize(static_cast<size_t>(w) * h * 4);
  char* to = out.argb.data();
  for (int y = 0; y < h; ++y) {
    const guint8* row = pixels + static_cast<size_t>(y) * stride;
    for (int x = 0; x < w; ++x) {
      const guint8* p = row + x * channels;
      *to++ = static_cast<char>(alpha ? p[3] : 0xff);
      *to++ = static_cast<char>(p[0]);
      *to++ = static_cast<char>(p[1]);
      *to++ = static_cast<char>(p[2]);
    }
  }
  if (scaled) g_object_unref(scaled);
  return out;
}

StatusNotifierItem::StatusNotifierItem(Options options)
    : id_(std::move(options.id)),
      title_(std::move(options.title)),
      tooltip_(std::move(options.tooltip)),
      pixmap_(pixmap_of(options.icon)),
      show_menu_on_left_click_(options.show_menu_on_left_click),
      menu_(std::move(options.menu)),
      on_event_(std::move(options.on_event)),
      predefined_effect_(std::move(options.predefined_effect)),
      bus_name_("org.kde.StatusNotifierItem-" + std::to_string(::getpid()) + "-" + std::to_string(next_item++)),
      cancellable_(g_cancellable_new()) {}

StatusNotifierItem::~StatusNotifierItem() {
  close();
  g_object_unref(cancellable_);
}

std::shared_ptr<StatusNotifierItem> StatusNotifierItem::start(Options options, Registered registered) {
  std::shared_ptr<StatusNotifierItem> item(new StatusNotifierItem(std::move(options)));
  item->on_registered_ = std::move(registered);
  std::string error;
  auto address = session_bus_address(error);
  if (!address) {
    item->fail(error);
    return item;
  }
  g_dbus_connection_new_for_address(
      address->c_str(),
      static_cast<GDBusConnectionFlags>(G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
                                        G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION),
      nullptr, item->cancellable_,
      [](GObject*, GAsyncResult* result, gpointer data) {
        GError* error = nullptr;
        GDBusConnection* connection = g_dbus_connection_new_for_address_finish(result, &error);
        auto item = take(data);
        if (!connection) {
          std::string m = message_of(error);
          if (item) item->fail("cannot connect to the session bus (" + m + ")");
          return;
        }
        if (item && !item->closed_) item->connected(connection);
        else g_dbus_connection_close(connection, nullptr, nullptr, nullptr);
        g_object_unref(connection);
      },
      new Weak(item));
  return item;
}

void StatusNotifierItem::connected(GDBusConnection* connection) {
  connection_ = G_DBUS_CONNECTION(g_object_ref(connection));
  GError* error = nullptr;
  registration_ =
      g_dbus_connection_register_object(connection_, kItemPath, interface_info(), &kVTable, this, nullptr, &error);
  if (!registration_) return fail("cannot export the item (" + message_of(error) + ")");
  dbus_menu_ = std::make_unique<DbusMenu>(connection_, kMenuPath, predefined_effect_);
  if (!dbus_menu_->exported()) return fail("cannot export the menu");
  dbus_menu_->set_root(menu_);
  // A watcher that starts (again) later forgets earlier items: register again whenever one appears.
  watcher_subscription_ = g_dbus_connection_signal_subscribe(
      connection_, "org.freedesktop.DBus", "org.freedesktop.DBus", "NameOwnerChanged", "/org/freedesktop/DBus",
      kWatcherName, G_DBUS_SIGNAL_FLAGS_NONE,
      [](GDBusConnection*, const gchar*, const gchar*, const gchar*, const gchar*, GVariant* parameters,
         gpointer self) {
        const gchar* new_owner = nullptr;
        g_variant_get(parameters, "(&s&s&s)", nullptr, nullptr, &new_owner);
        if (new_owner && *new_owner) static_cast<StatusNotifierItem*>(self)->watcher_appeared();
      },
      this, nullptr);
  g_dbus_connection_call(connection_, "org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus",
                         "RequestName", g_variant_new("(su)", bus_name_.c_str(), 4u /* DO_NOT_QUEUE */),
                         G_VARIANT_TYPE("(u)"), G_DBUS_CALL_FLAGS_NONE, kWatcherTimeoutMs, cancellable_,
                         [](GObject* source, GAsyncResult* result, gpointer data) {
                           GError* error = nullptr;
                           GVariant* reply = g_dbus_connection_call_finish(G_DBUS_CONNECTION(source), result, &error);
                           auto item = take(data);
                           std::string m = reply ? "" : message_of(error);
                           if (item && !item->closed_) item->name_requested(reply, m);
                           if (reply) g_variant_unref(reply);
                         },
                         new Weak(weak_from_this()));
}

void StatusNotifierItem::name_requested(GVariant* reply, const std::string& error) {
  if (!reply) return fail("cannot take the name " + bus_name_ + " (" + error + ")");
  guint32 result = 0;
  g_variant_get(reply, "(u)", &result);
  if (result != 1) return fail("the name " + bus_name_ + " is taken");
  register_with_watcher();
}

void StatusNotifierItem::register_with_watcher() {
  g_dbus_connection_call(connection_, kWatcherName, kWatcherPath, kWatcherName, "RegisterStatusNotifierItem",
                         g_variant_new("(s)", bus_name_.c_str()), nullptr, G_DBUS_CALL_FLAGS_NO_AUTO_START,
                         kWatcherTimeoutMs, cancellable_,
                         [](GObject* source, GAsyncResult* result, gpointer data) {
                           GError* error = nullptr;
                           GVariant* reply = g_dbus_connection_call_finish(G_DBUS_CONNECTION(source), result, &error);
                           auto item = take(data);
                           bool starting = false;
                           if (error) {
                             gchar* remote = g_dbus_error_get_remote_error(error);
                             std::string name = remote ? remote : "";
                             g_free(remote);
                             starting = name == "org.freedesktop.DBus.Error.UnknownObject" ||
                                        name == "org.freedesktop.DBus.Error.UnknownMethod" ||
                                        name == "org.freedesktop.DBus.Error.UnknownInterface";
                           }
                           std::string m = reply ? "" : message_of(error);
                           if (reply) g_variant_unref(reply);
                           if (item && !item->closed_) item->watcher_answered(m, starting);
                         },
                         new Weak(weak_from_this()));
}

void StatusNotifierItem::watcher_answered(const std::string& error, bool watcher_starting) {
  if (error.empty()) {
    bool first = !registered_;
    registered_ = true;
    retries_ = 0;
    spdlog::info("tray '{}' {} as {}", id_, first ? "registered" : "registered again", bus_name_);
    if (first && on_registered_) std::exchange(on_registered_, nullptr)("");
    return;
  }
  // A new watcher (the item was registered with one before) may still be starting whatever it
  // answers; a first registration is retried only when the watcher is there but not ready.
  if ((registered_ || watcher_starting) && retries_ < kMaxRetries) {
    ++retries_;
    if (!retry_source_)
      retry_source_ = g_timeout_add(kRetryMs, [](gpointer self) {
        static_cast<StatusNotifierItem*>(self)->retry_registration();
        return G_SOURCE_REMOVE;
      }, this);
    return;
  }
  if (!registered_) return fail(kWatcherName + std::string(" did not take the item: ") + error);
  spdlog::warn("tray '{}': the new StatusNotifierWatcher did not take the item: {}", id_, error);
}

void StatusNotifierItem::retry_registration() {
  retry_source_ = 0;
  if (!closed_) register_with_watcher();
}

void StatusNotifierItem::watcher_appeared() {
  if (!registered_ || closed_) return;
  retries_ = 0;
  if (retry_source_) {
    g_source_remove(retry_source_);
    retry_source_ = 0;
  }
  register_with_watcher();
}

void StatusNotifierItem::fail(const std::string& error) {
  spdlog::warn("tray '{}': no StatusNotifier host on the session bus: {}", id_, error);
  auto told = std::exchange(on_registered_, nullptr);
  close();
  // The page gets the detail in debug builds only (it may name the bus's address); the log has it.
  if (told) told(runtime::webview_error("no StatusNotifier host on the session bus", error));
}

void StatusNotifierItem::close() {
  if (closed_) return;
  closed_ = true;
  g_cancellable_cancel(cancellable_);
  if (retry_source_) {
    g_source_remove(retry_source_);
    retry_source_ = 0;
  }
  if (auto told = std::exchange(on_registered_, nullptr)) told("the tray icon was removed before it registered");
  if (!connection_) return;
  if (watcher_subscription_) g_dbus_connection_signal_unsubscribe(connection_, watcher_subscription_);
  dbus_menu_.reset();
  if (registration_) g_dbus_connection_unregister_object(connection_, registration_);
  // Closing drops the name at the bus: the watcher unregisters the item.
  g_dbus_connection_close(connection_, nullptr, nullptr, nullptr);
  g_object_unref(connection_);
  connection_ = nullptr;
  if (registered_) spdlog::info("tray '{}' left the session bus", id_);
}

void StatusNotifierItem::emit(const char* signal, GVariant* parameters) {
  if (!connection_ || closed_) {
    if (parameters) g_variant_unref(g_variant_ref_sink(parameters));
    return;
  }
  GError* error = nullptr;
  if (!g_dbus_connection_emit_signal(connection_, nullptr, kItemPath, kItemInterface, signal, parameters, &error))
    spdlog::debug("tray '{}': {} not sent: {}", id_, signal, message_of(error));
}

void StatusNotifierItem::set_icon(GdkPixbuf* icon) {
  pixmap_ = pixmap_of(icon);
  emit("NewIcon", nullptr);
}

void StatusNotifierItem::set_title(std::string title) {
  title_ = std::move(title);
  emit("NewTitle", nullptr);
  emit("XAyatanaNewLabel", g_variant_new("(ss)", title_.c_str(), ""));
}

void StatusNotifierItem::set_tooltip(std::string tooltip) {
  tooltip_ = std::move(tooltip);
  emit("NewToolTip", nullptr);
}

void StatusNotifierItem::set_visible(bool visible) {
  if (visible == visible_) return;
  visible_ = visible;
  emit("NewStatus", g_variant_new("(s)", visible_ ? "Active" : "Passive"));
}

void StatusNotifierItem::set_menu(std::shared_ptr<menu::MenuItem> menu) {
  menu_ = std::move(menu);
  if (dbus_menu_) dbus_menu_->set_root(menu_);
}

void StatusNotifierItem::set_show_menu_on_left_click(bool on_left) { show_menu_on_left_click_ = on_left; }

// With a menu and the menu wanted on a left click, the panel shows the menu itself and does
// not call Activate; without a menu, a left click is the page's.
bool StatusNotifierItem::item_is_menu() const { return show_menu_on_left_click_ && menu_ != nullptr; }

GVariant* StatusNotifierItem::property(const std::string& name) const {
  if (name == "Category") return g_variant_new_string("ApplicationStatus");
  if (name == "Id") return g_variant_new_string(id_.c_str());
  if (name == "Title" || name == "XAyatanaLabel") return g_variant_new_string(title_.c_str());
  if (name == "Status") return g_variant_new_string(visible_ ? "Active" : "Passive");
  if (name == "WindowId") return g_variant_new_int32(0);
  if (name == "IconPixmap") return pixmaps_variant(pixmap_);
  if (name == "OverlayIconPixmap" || name == "AttentionIconPixmap") return pixmaps_variant({});
  if (name == "ToolTip")
    return g_variant_new("(s@a(iiay)ss)", "", pixmaps_variant({}), tooltip_.c_str(), "");
  if (name == "ItemIsMenu") return g_variant_new_boolean(item_is_menu());
  if (name == "Menu") return g_variant_new_object_path(kMenuPath);
  // IconThemePath, IconName, OverlayIconName, AttentionIconName, AttentionMovieName,
  // XAyatanaLabelGuide: the icon travels as pixels, never as a name or a file.
  return g_variant_new_string("");
}

void StatusNotifierItem::clicked(MouseButton button, int x, int y) {
  if (!on_event_) return;
  // The protocol reports a click as one call: the page gets the press and the release, as
  // Tauri's other platforms send them (pages often act on "Up").
  on_event_({TrayEvent::Type::click, button, true, x, y});
  on_event_({TrayEvent::Type::click, button, false, x, y});
  if (button != MouseButton::left) return;
  auto now = std::chrono::steady_clock::now();
  bool twice = now - last_activate_ <= kDoubleClickTime && std::abs(x - last_x_) <= kDoubleClickDistance &&
               std::abs(y - last_y_) <= kDoubleClickDistance;
  if (twice) on_event_({TrayEvent::Type::double_click, button, false, x, y});
  // A third click starts a new pair.
  last_activate_ = twice ? std::chrono::steady_clock::time_point{} : now;
  last_x_ = x;
  last_y_ = y;
}

void StatusNotifierItem::handle_call(const std::string& method, GVariant* p, GDBusMethodInvocation* invocation) {
  // Kept alive until the call is handled.
  auto keep = shared_from_this();
  if (method == "Scroll") return g_dbus_method_invocation_return_value(invocation, nullptr);  // no Tauri event
  gint32 x = 0, y = 0;
  g_variant_get(p, "(ii)", &x, &y);
  // Answered before the page hears of it: the panel's call does not wait for the page.
  g_dbus_method_invocation_return_value(invocation, nullptr);
  if (method == "Activate") clicked(MouseButton::left, x, y);
  else if (method == "SecondaryActivate") clicked(MouseButton::middle, x, y);
  else if (method == "ContextMenu") clicked(MouseButton::right, x, y);
}

}  // namespace warden::desktop::tray
