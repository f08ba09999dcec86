#pragma once
// The freedesktop notification server (org.freedesktop.Notifications on the session bus) as this
// plugin talks to it: a D-Bus connection of the plugin's own (GDBus), whose signals (an action the
// user picked, a notification closed) arrive on a thread of the plugin's own, never on the host's
// main loop.
#include <cstdint>
#include <functional>
#include <string>
#include <thread>
#include <vector>

typedef struct _GDBusConnection GDBusConnection;
typedef struct _GMainContext GMainContext;
typedef struct _GMainLoop GMainLoop;

namespace warden::notification_plugin {

struct ServerAction {
  std::string key;    // what ActionInvoked names
  std::string label;  // what the user reads
};

struct OutgoingNotification {
  std::string app_name;
  std::string app_icon;  // a canonical file path, or "" for none
  std::string summary;
  std::string body;      // already escaped when the server reads markup
  std::vector<ServerAction> actions;
  bool silent = false;
};

class NotificationServer {
 public:
  using ActionHandler = std::function<void(std::uint32_t id, const std::string& key)>;
  using ClosedHandler = std::function<void(std::uint32_t id, std::uint32_t reason)>;

  // Connects to the session bus and subscribes to the server's signals. A failure to connect is
  // kept and reported by each call (the app runs on without notifications). The handlers run on
  // the plugin's bus thread.
  NotificationServer(ActionHandler on_action, ClosedHandler on_closed);
  ~NotificationServer();
  NotificationServer(const NotificationServer&) = delete;
  NotificationServer& operator=(const NotificationServer&) = delete;

  // [any-thread, blocking] What the server lists now (GetCapabilities: "actions", "body",
  // "body-markup", ...). Throws std::runtime_error, naming the bus failure, when none answers.
  std::vector<std::string> capabilities() const;
  // [any-thread, blocking] Shows `n` (Notify); returns the id the server gave it.
  std::uint32_t notify(const OutgoingNotification& n) const;

 private:
  void run_bus_thread(std::function<void()> ready);  // [bus-thread]
  GDBusConnection* connection() const;

  ActionHandler on_action_;
  ClosedHandler on_closed_;
  GMainContext* context_ = nullptr;
  GMainLoop* loop_ = nullptr;
  GDBusConnection* connection_ = nullptr;
  std::string connect_error_;
  std::thread thread_;
};

}  // namespace warden::notification_plugin
