#include "notification_server.hpp"

#include <future>
#include <stdexcept>

#include <gio/gio.h>

namespace warden::notification_plugin {
namespace {

constexpr const char* bus_name = "org.freedesktop.Notifications";
constexpr const char* object_path = "/org/freedesktop/Notifications";
constexpr const char* interface_name = "org.freedesktop.Notifications";
constexpr int call_timeout_ms = 5000;

// The session bus's address: DBUS_SESSION_BUS_ADDRESS, else the user's bus socket in
// XDG_RUNTIME_DIR. Never GLib's fallback, which starts a bus (dbus-launch) when there is none: a
// plugin must not leave a daemon behind for a notification.
std::string session_bus_address() {
  if (const char* address = g_getenv("DBUS_SESSION_BUS_ADDRESS"); address && *address) return address;
  if (const char* runtime = g_getenv("XDG_RUNTIME_DIR"); runtime && *runtime) {
    std::string socket = std::string(runtime) + "/bus";
    if (g_file_test(socket.c_str(), G_FILE_TEST_EXISTS)) {
      gchar* escaped = g_dbus_address_escape_value(socket.c_str());
      std::string address = std::string("unix:path=") + escaped;
      g_free(escaped);
      return address;
    }
  }
  return {};
}

struct ErrorHolder {
  GError* error = nullptr;
  ~ErrorHolder() { g_clear_error(&error); }
  std::string message() const { return error && error->message ? error->message : "unknown error"; }
};

}  // namespace

NotificationServer::NotificationServer(ActionHandler on_action, ClosedHandler on_closed)
    : on_action_(std::move(on_action)), on_closed_(std::move(on_closed)) {
  context_ = g_main_context_new();
  loop_ = g_main_loop_new(context_, FALSE);
  std::promise<void> connected;
  auto ready = connected.get_future();
  thread_ = std::thread([this, &connected] { run_bus_thread([&connected] { connected.set_value(); }); });
  ready.wait();
}

NotificationServer::~NotificationServer() {
  // Quit from inside the loop: a source attached to its context runs once the loop runs, so a
  // shutdown right after init (before g_main_loop_run began) still ends it; g_main_loop_quit from
  // here would be lost then, and the join would wait for ever.
  GSource* quit = g_idle_source_new();
  g_source_set_callback(
      quit, [](gpointer loop) -> gboolean {
        g_main_loop_quit(static_cast<GMainLoop*>(loop));
        return G_SOURCE_REMOVE;
      },
      loop_, nullptr);
  g_source_attach(quit, context_);
  g_source_unref(quit);
  if (thread_.joinable()) thread_.join();
  g_main_loop_unref(loop_);
  g_main_context_unref(context_);
}

// The connection is made and the signals subscribed here, with this thread's context as the
// thread default, so that GDBus delivers the signals to this loop and not to the host's.
void NotificationServer::run_bus_thread(std::function<void()> ready) {
  g_main_context_push_thread_default(context_);
  ErrorHolder e;
  const std::string address = session_bus_address();
  if (!address.empty()) {
    // A connection of our own (not g_bus_get's shared one): closing it at shutdown touches no one
    // else's, and the bus going away never exits the process.
    connection_ = g_dbus_connection_new_for_address_sync(
        address.c_str(),
        static_cast<GDBusConnectionFlags>(G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
                                          G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION),
        nullptr, nullptr, &e.error);
  }
  guint action_subscription = 0, closed_subscription = 0;
  if (address.empty()) {
    connect_error_ = "no session bus: DBUS_SESSION_BUS_ADDRESS is unset and XDG_RUNTIME_DIR has no bus socket";
  } else if (!connection_) {
    connect_error_ = "cannot connect to the session bus: " + e.message();
  } else {
    auto on_signal = [](GDBusConnection*, const gchar*, const gchar*, const gchar*, const gchar* signal,
                        GVariant* parameters, gpointer self_ptr) {
      auto* self = static_cast<NotificationServer*>(self_ptr);
      if (g_strcmp0(signal, "ActionInvoked") == 0 && g_variant_is_of_type(parameters, G_VARIANT_TYPE("(us)"))) {
        guint32 id = 0;
        const gchar* key = nullptr;
        g_variant_get(parameters, "(u&s)", &id, &key);
        if (self->on_action_) self->on_action_(id, key ? key : "");
      } else if (g_strcmp0(signal, "NotificationClosed") == 0 &&
                 g_variant_is_of_type(parameters, G_VARIANT_TYPE("(uu)"))) {
        guint32 id = 0, reason = 0;
        g_variant_get(parameters, "(uu)", &id, &reason);
        if (self->on_closed_) self->on_closed_(id, reason);
      }
    };
    action_subscription = g_dbus_connection_signal_subscribe(connection_, bus_name, interface_name, "ActionInvoked",
                                                             object_path, nullptr, G_DBUS_SIGNAL_FLAGS_NONE,
                                                             on_signal, this, nullptr);
    closed_subscription = g_dbus_connection_signal_subscribe(connection_, bus_name, interface_name,
                                                             "NotificationClosed", object_path, nullptr,
                                                             G_DBUS_SIGNAL_FLAGS_NONE, on_signal, this, nullptr);
  }
  ready();
  g_main_loop_run(loop_);
  if (connection_) {
    g_dbus_connection_signal_unsubscribe(connection_, action_subscription);
    g_dbus_connection_signal_unsubscribe(connection_, closed_subscription);
    g_dbus_connection_close_sync(connection_, nullptr, nullptr);
    g_object_unref(connection_);
    connection_ = nullptr;
  }
  // Let the unsubscriptions' pending callbacks run before the context goes.
  while (g_main_context_iteration(context_, FALSE)) {
  }
  g_main_context_pop_thread_default(context_);
}

GDBusConnection* NotificationServer::connection() const {
  if (!connection_) throw std::runtime_error(connect_error_);
  return connection_;
}

std::vector<std::string> NotificationServer::capabilities() const {
  ErrorHolder e;
  GVariant* reply = g_dbus_connection_call_sync(connection(), bus_name, object_path, interface_name,
                                                "GetCapabilities", nullptr, G_VARIANT_TYPE("(as)"),
                                                G_DBUS_CALL_FLAGS_NONE, call_timeout_ms, nullptr, &e.error);
  if (!reply) throw std::runtime_error("GetCapabilities failed: " + e.message());
  std::vector<std::string> out;
  GVariantIter* iter = nullptr;
  const gchar* cap = nullptr;
  g_variant_get(reply, "(as)", &iter);
  while (g_variant_iter_next(iter, "&s", &cap)) out.emplace_back(cap);
  g_variant_iter_free(iter);
  g_variant_unref(reply);
  return out;
}

std::uint32_t NotificationServer::notify(const OutgoingNotification& n) const {
  GVariantBuilder actions;
  g_variant_builder_init(&actions, G_VARIANT_TYPE("as"));
  for (const ServerAction& a : n.actions) {
    g_variant_builder_add(&actions, "s", a.key.c_str());
    g_variant_builder_add(&actions, "s", a.label.c_str());
  }
  GVariantBuilder hints;
  g_variant_builder_init(&hints, G_VARIANT_TYPE("a{sv}"));
  if (n.silent) g_variant_builder_add(&hints, "{sv}", "suppress-sound", g_variant_new_boolean(TRUE));
  // replaces_id 0 (a new notification), expire_timeout -1 (the server's default).
  GVariant* parameters = g_variant_new("(susssasa{sv}i)", n.app_name.c_str(), 0u, n.app_icon.c_str(),
                                       n.summary.c_str(), n.body.c_str(), &actions, &hints, -1);
  ErrorHolder e;
  GVariant* reply = g_dbus_connection_call_sync(connection(), bus_name, object_path, interface_name, "Notify",
                                                parameters, G_VARIANT_TYPE("(u)"), G_DBUS_CALL_FLAGS_NONE,
                                                call_timeout_ms, nullptr, &e.error);
  if (!reply) throw std::runtime_error("Notify failed: " + e.message());
  guint32 id = 0;
  g_variant_get(reply, "(u)", &id);
  g_variant_unref(reply);
  return id;
}

}  // namespace warden::notification_plugin
