// core:tray on a real, private session bus: GLib's GTestDBus starts a dbus-daemon for this test
// binary, a small StatusNotifierWatcher written here runs on its own thread (as a panel's watcher
// runs in its own process), and the test plays the panel: it reads the item's properties, listens
// to its signals and calls it over D-Bus, and checks what reaches the page's handler channel.
// No display is needed. Without dbus-daemon the tests FAIL (they never skip).
#include <gtest/gtest.h>

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <gio/gio.h>

#include <boost/json.hpp>

#include <atomic>
#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "desktop/menu/menu_item.hpp"
#include "desktop/menu/menu_resource.hpp"
#include "desktop/tray/dbus_menu.hpp"
#include "desktop/tray/status_notifier_item.hpp"
#include "desktop/tray/tray_commands.hpp"
#include "desktop/tray/tray_icons.hpp"
#include "captured_log.hpp"
#include "desktop_test_context.hpp"

namespace warden::desktop::tray {
namespace {
namespace json = boost::json;
using namespace std::chrono_literals;

// Runs the default main context (where the tray's D-Bus objects answer) until `done` holds;
// false after `timeout`.
bool spin_until(const std::function<bool()>& done, std::chrono::milliseconds timeout = 5000ms) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (!done()) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    if (!g_main_context_iteration(nullptr, FALSE)) g_usleep(1000);
  }
  return true;
}

// Runs the default main context for a while (for things that must NOT happen).
void spin_for(std::chrono::milliseconds time) {
  spin_until([] { return false; }, time);
}

bool dbus_daemon_installed() {
  const char* path = std::getenv("PATH");
  std::string dirs = path ? path : "/usr/bin:/bin";
  size_t at = 0;
  while (at <= dirs.size()) {
    size_t end = dirs.find(':', at);
    if (end == std::string::npos) end = dirs.size();
    if (std::filesystem::exists(std::filesystem::path(dirs.substr(at, end - at)) / "dbus-daemon")) return true;
    at = end + 1;
  }
  return false;
}

// The test's private session bus, one for the binary's tray tests.
GTestDBus* bus = nullptr;

// org.kde.StatusNotifierWatcher as a panel provides it, reduced to what an item uses: it takes
// registrations, lists the items, and drops an item whose name leaves the bus. Its own thread
// and main context, so the test thread can wait for it without a deadlock.
class TestWatcher {
 public:
  // `export_delay`: the name is taken first and the object exported this much later, as Debian's
  // status-notifier-watcher does (calls in between fail with UnknownObject).
  explicit TestWatcher(std::chrono::milliseconds export_delay = std::chrono::milliseconds(0))
      : export_delay_(export_delay) {
    thread_ = std::thread([this] { run(); });
    std::unique_lock lock(mutex_);
    started_.wait(lock, [this] { return ready_; });
  }
  ~TestWatcher() { stop(); }

  bool ok() const { return owned_; }
  std::vector<std::string> items() const {
    std::lock_guard lock(mutex_);
    return items_;
  }
  int registrations() const { return registrations_; }
  void stop() {
    if (!thread_.joinable()) return;
    g_main_context_invoke(context_, [](gpointer loop) { g_main_loop_quit(static_cast<GMainLoop*>(loop)); return G_SOURCE_REMOVE; }, loop_);
    thread_.join();
  }

 private:
  static constexpr const char* kXml = R"xml(<node><interface name="org.kde.StatusNotifierWatcher">
      <method name="RegisterStatusNotifierItem"><arg type="s" direction="in"/></method>
      <method name="RegisterStatusNotifierHost"><arg type="s" direction="in"/></method>
      <property name="RegisteredStatusNotifierItems" type="as" access="read"/>
      <property name="IsStatusNotifierHostRegistered" type="b" access="read"/>
      <property name="ProtocolVersion" type="i" access="read"/>
      <signal name="StatusNotifierItemRegistered"><arg type="s"/></signal>
      <signal name="StatusNotifierItemUnregistered"><arg type="s"/></signal>
    </interface></node>)xml";

  void run() {
    context_ = g_main_context_new();
    g_main_context_push_thread_default(context_);
    loop_ = g_main_loop_new(context_, FALSE);
    GError* error = nullptr;
    GDBusConnection* c = g_dbus_connection_new_for_address_sync(
        g_getenv("DBUS_SESSION_BUS_ADDRESS"),
        static_cast<GDBusConnectionFlags>(G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
                                          G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION),
        nullptr, nullptr, &error);
    if (c) {
      connection_ = c;
      if (export_delay_.count() == 0) export_object();
      GVariant* r = g_dbus_connection_call_sync(c, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                                "org.freedesktop.DBus", "RequestName",
                                                g_variant_new("(su)", "org.kde.StatusNotifierWatcher", 4u),
                                                G_VARIANT_TYPE("(u)"), G_DBUS_CALL_FLAGS_NONE, 5000, nullptr, nullptr);
      if (r) {
        guint32 result = 0;
        g_variant_get(r, "(u)", &result);
        owned_ = result == 1;
        g_variant_unref(r);
      }
      if (export_delay_.count() > 0) {
        GSource* later = g_timeout_source_new(static_cast<guint>(export_delay_.count()));
        g_source_set_callback(later, [](gpointer self) {
          static_cast<TestWatcher*>(self)->export_object();
          return G_SOURCE_REMOVE;
        }, this, nullptr);
        g_source_attach(later, context_);
        g_source_unref(later);
      }
    } else {
      g_clear_error(&error);
    }
    {
      std::lock_guard lock(mutex_);
      ready_ = true;
    }
    started_.notify_all();
    g_main_loop_run(loop_);
    if (c) {
      g_dbus_connection_close_sync(c, nullptr, nullptr);
      g_object_unref(c);
    }
    g_main_loop_unref(loop_);
    g_main_context_pop_thread_default(context_);
    g_main_context_unref(context_);
  }

  // On the watcher's thread.
  void export_object() {
    GDBusNodeInfo* node = g_dbus_node_info_new_for_xml(kXml, nullptr);
    static const GDBusInterfaceVTable vtable{
        [](GDBusConnection*, const gchar* sender, const gchar*, const gchar*, const gchar* method, GVariant* p,
           GDBusMethodInvocation* invocation, gpointer self) {
          auto* w = static_cast<TestWatcher*>(self);
          if (std::string(method) == "RegisterStatusNotifierItem") {
            const gchar* name = nullptr;
            g_variant_get(p, "(&s)", &name);
            std::string item = name[0] == '/' ? sender : name;
            {
              std::lock_guard lock(w->mutex_);
              if (std::find(w->items_.begin(), w->items_.end(), item) == w->items_.end()) w->items_.push_back(item);
            }
            ++w->registrations_;
          }
          g_dbus_method_invocation_return_value(invocation, nullptr);
        },
        [](GDBusConnection*, const gchar*, const gchar*, const gchar*, const gchar* name, GError**,
           gpointer self) -> GVariant* {
          auto* w = static_cast<TestWatcher*>(self);
          std::string n = name;
          if (n == "IsStatusNotifierHostRegistered") return g_variant_new_boolean(TRUE);
          if (n == "ProtocolVersion") return g_variant_new_int32(0);
          GVariantBuilder b;
          g_variant_builder_init(&b, G_VARIANT_TYPE("as"));
          for (const auto& i : w->items()) g_variant_builder_add(&b, "s", i.c_str());
          return g_variant_builder_end(&b);
        },
        nullptr,
        {}};
    g_dbus_connection_register_object(connection_, "/StatusNotifierWatcher", node->interfaces[0], &vtable, this,
                                      nullptr, nullptr);
    g_dbus_node_info_unref(node);
    g_dbus_connection_signal_subscribe(
        connection_, "org.freedesktop.DBus", "org.freedesktop.DBus", "NameOwnerChanged", "/org/freedesktop/DBus",
        nullptr, G_DBUS_SIGNAL_FLAGS_NONE,
        [](GDBusConnection*, const gchar*, const gchar*, const gchar*, const gchar*, GVariant* p, gpointer self) {
          auto* w = static_cast<TestWatcher*>(self);
          const gchar *name = nullptr, *owner = nullptr;
          g_variant_get(p, "(&s&s&s)", &name, nullptr, &owner);
          if (*owner) return;
          std::lock_guard lock(w->mutex_);
          w->items_.erase(std::remove(w->items_.begin(), w->items_.end(), std::string(name)), w->items_.end());
        },
        this, nullptr);
  }

  std::chrono::milliseconds export_delay_;
  GDBusConnection* connection_ = nullptr;
  std::thread thread_;
  GMainContext* context_ = nullptr;
  GMainLoop* loop_ = nullptr;
  mutable std::mutex mutex_;
  std::condition_variable started_;
  bool ready_ = false;
  bool owned_ = false;
  std::vector<std::string> items_;
  std::atomic<int> registrations_{0};
};

// The panel's side: a connection of the test thread; calls wait by running the default context
// (the tray answers there too).
class Panel {
 public:
  Panel() {
    GError* error = nullptr;
    connection_ = g_dbus_connection_new_for_address_sync(
        g_getenv("DBUS_SESSION_BUS_ADDRESS"),
        static_cast<GDBusConnectionFlags>(G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
                                          G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION),
        nullptr, nullptr, &error);
    EXPECT_NE(connection_, nullptr) << (error ? error->message : "");
    g_clear_error(&error);
    subscription_ = g_dbus_connection_signal_subscribe(
        connection_, nullptr, nullptr, nullptr, nullptr, nullptr, G_DBUS_SIGNAL_FLAGS_NONE,
        [](GDBusConnection*, const gchar* sender, const gchar* path, const gchar*, const gchar* signal, GVariant* p,
           gpointer self) {
          auto* panel = static_cast<Panel*>(self);
          if (std::string(path).rfind("/org/freedesktop/DBus", 0) == 0) return;
          panel->signals.push_back({signal, path, g_variant_ref(p)});
          (void)sender;
        },
        this, nullptr);
  }
  ~Panel() {
    g_dbus_connection_signal_unsubscribe(connection_, subscription_);
    for (auto& s : signals) g_variant_unref(s.parameters);
    g_dbus_connection_close_sync(connection_, nullptr, nullptr);
    g_object_unref(connection_);
  }

  struct Signal {
    std::string name, path;
    GVariant* parameters;
  };
  std::vector<Signal> signals;

  // The reply (a new reference), or nullptr with `error`.
  GVariant* call(const std::string& dest, const std::string& path, const std::string& iface,
                 const std::string& method, GVariant* parameters, std::string* error = nullptr) {
    struct Result {
      bool done = false;
      GVariant* reply = nullptr;
      std::string error;
    } result;
    g_dbus_connection_call(
        connection_, dest.c_str(), path.c_str(), iface.c_str(), method.c_str(), parameters, nullptr,
        G_DBUS_CALL_FLAGS_NO_AUTO_START, 5000, nullptr,
        [](GObject* source, GAsyncResult* res, gpointer data) {
          auto* r = static_cast<Result*>(data);
          GError* e = nullptr;
          r->reply = g_dbus_connection_call_finish(G_DBUS_CONNECTION(source), res, &e);
          if (e) r->error = e->message;
          g_clear_error(&e);
          r->done = true;
        },
        &result);
    EXPECT_TRUE(spin_until([&] { return result.done; }, 6000ms)) << method;
    if (error) *error = result.error;
    else EXPECT_NE(result.reply, nullptr) << method << ": " << result.error;
    return result.reply;
  }

  // A property of the item `name` (a new reference), or nullptr.
  GVariant* item_property(const std::string& name, const std::string& property) {
    GVariant* r = call(name, "/StatusNotifierItem", "org.freedesktop.DBus.Properties", "Get",
                       g_variant_new("(ss)", "org.kde.StatusNotifierItem", property.c_str()));
    if (!r) return nullptr;
    GVariant* v = nullptr;
    g_variant_get(r, "(v)", &v);
    g_variant_unref(r);
    return v;
  }
  std::string item_string(const std::string& name, const std::string& property) {
    GVariant* v = item_property(name, property);
    if (!v) return "<none>";
    std::string s = g_variant_is_of_type(v, G_VARIANT_TYPE_STRING) || g_variant_is_of_type(v, G_VARIANT_TYPE_OBJECT_PATH)
                        ? g_variant_get_string(v, nullptr)
                        : g_variant_print(v, TRUE);
    g_variant_unref(v);
    return s;
  }
  std::string item_printed(const std::string& name, const std::string& property) {
    GVariant* v = item_property(name, property);
    if (!v) return "<none>";
    gchar* text = g_variant_print(v, FALSE);
    std::string s = text;
    g_free(text);
    g_variant_unref(v);
    return s;
  }
  size_t count(const std::string& signal) const {
    return std::count_if(signals.begin(), signals.end(), [&](const Signal& s) { return s.name == signal; });
  }
  const Signal* last(const std::string& signal) const {
    for (auto it = signals.rbegin(); it != signals.rend(); ++it)
      if (it->name == signal) return &*it;
    return nullptr;
  }

 private:
  GDBusConnection* connection_ = nullptr;
  unsigned subscription_ = 0;
};

// The page's end of a Channel: what the handler received, in order.
struct PageChannel {
  std::vector<json::value> messages;
  bool closed = false;
};

class TestSink : public plugin::ChannelSink {
 public:
  explicit TestSink(std::shared_ptr<PageChannel> page) : page_(std::move(page)) {}
  void send(std::string message_json) override { page_->messages.push_back(json::parse(message_json)); }
  void close() override { page_->closed = true; }

 private:
  std::shared_ptr<PageChannel> page_;
};

// What a call answered.
struct Answer {
  bool settled = false;
  bool ok = false;
  std::string body;
  std::string error() const { return ok ? "" : std::string(json::parse(body).as_string()); }
  json::value value() const { return json::parse(body); }
};

class TrayTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    ASSERT_TRUE(dbus_daemon_installed()) << "dbus-daemon is not installed (Debian package dbus-daemon): the tray "
                                            "tests need a real session bus";
    bus = g_test_dbus_new(G_TEST_DBUS_NONE);
    g_test_dbus_up(bus);
    ASSERT_NE(g_test_dbus_get_bus_address(bus), nullptr);
  }
  static void TearDownTestSuite() {
    if (bus) {
      g_test_dbus_down(bus);
      g_object_unref(bus);
      bus = nullptr;
    }
  }

  TrayTest() {
    t_.context.open_channel = [this](std::string_view reference, const runtime::Caller& caller)
        -> std::unique_ptr<plugin::ChannelSink> {
      if (reference.rfind("__CHANNEL__:", 0) != 0) return nullptr;
      auto& page = pages_[caller.webview + "|" + std::string(reference)];
      if (!page) page = std::make_shared<PageChannel>();
      return std::make_unique<TestSink>(page);
    };
    add_tray_commands(t_.commands, t_.context);
  }

  void SetUp() override { ASSERT_NE(bus, nullptr) << "no private session bus"; }

  // The handler channel "__CHANNEL__:<n>" of `webview`'s page, as the page sees it.
  std::shared_ptr<PageChannel> channel(const std::string& reference, const std::string& webview = "main") {
    auto& page = pages_[webview + "|" + reference];
    if (!page) page = std::make_shared<PageChannel>();
    return page;
  }

  // Calls `command` as `caller` and waits (running the main context) for its answer.
  Answer call(const std::string& command, const json::object& args, const runtime::Caller& caller) {
    auto answer = std::make_shared<Answer>();
    const runtime::Command* c = t_.commands.find(command);
    EXPECT_NE(c, nullptr) << command;
    if (!c) return *answer;
    runtime::Invocation call;
    call.command = command;
    call.args_json = json::serialize(args);
    call.caller = caller;
    call.completion = std::make_shared<runtime::Completion>([answer](ipc::InvokeResponse r) {
      answer->settled = true;
      answer->ok = r.status >= 200 && r.status < 300;
      answer->body = r.body;
    });
    c->run(call);
    call.completion.reset();
    EXPECT_TRUE(spin_until([&] { return answer->settled; }, 8000ms)) << command << " did not answer";
    return *answer;
  }
  Answer call(const std::string& command, const json::object& args) { return call(command, args, page_); }

  // tray|new with `options`; the [rid, id] answer, failing the test when refused.
  std::pair<uint32_t, std::string> new_tray(json::object options, const std::string& handler = "__CHANNEL__:1") {
    Answer a = call("plugin:tray|new", {{"options", std::move(options)}, {"handler", handler}});
    EXPECT_TRUE(a.ok) << a.body;
    if (!a.ok) return {0, ""};
    json::value v = a.value();
    auto& pair = v.as_array();
    return {static_cast<uint32_t>(pair.at(0).to_number<uint32_t>()), std::string(pair.at(1).as_string())};
  }

  // The bus name the watcher lists for the newest item.
  std::string registered_name(const TestWatcher& watcher) {
    auto items = watcher.items();
    EXPECT_FALSE(items.empty());
    return items.empty() ? "" : items.back();
  }

  uint32_t add_menu(std::shared_ptr<menu::MenuItem> item, const runtime::Caller& caller) {
    return menu::add_menu_item(t_.context, caller, std::move(item));
  }
  uint32_t add_menu(std::shared_ptr<menu::MenuItem> item) { return add_menu(std::move(item), page_); }

  test::DesktopTestContext t_;
  std::map<std::string, std::shared_ptr<PageChannel>> pages_;
  runtime::Caller page_{"main", "main", "app://localhost", "app://localhost/", 0};
  runtime::Caller other_page_{"second", "second", "app://localhost", "app://localhost/", 0};
};

// A w x h PNG whose pixel (x, y) is RGBA (10 + x, 20 + y, 30, 128 + x).
json::array png_bytes(int w, int h) {
  GdkPixbuf* image = gdk_pixbuf_new(GDK_COLORSPACE_RGB, TRUE, 8, w, h);
  int stride = gdk_pixbuf_get_rowstride(image);
  guint8* px = gdk_pixbuf_get_pixels(image);
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) {
      guint8* p = px + y * stride + x * 4;
      p[0] = static_cast<guint8>(10 + x);
      p[1] = static_cast<guint8>(20 + y);
      p[2] = 30;
      p[3] = static_cast<guint8>(128 + x);
    }
  gchar* buffer = nullptr;
  gsize size = 0;
  EXPECT_TRUE(gdk_pixbuf_save_to_buffer(image, &buffer, &size, "png", nullptr, nullptr));
  g_object_unref(image);
  json::array out;
  for (gsize i = 0; i < size; ++i) out.push_back(static_cast<unsigned char>(buffer[i]));
  g_free(buffer);
  return out;
}

TEST_F(TrayTest, WithoutAWatcherNewFailsNamingTheMissingHost) {
  warden::test::CapturedLog log;
  Answer a = call("plugin:tray|new", {{"options", {{"id", "lonely"}}}, {"handler", "__CHANNEL__:1"}});
  ASSERT_TRUE(a.settled);
  EXPECT_FALSE(a.ok);
  EXPECT_NE(a.error().find("no StatusNotifier host on the session bus"), std::string::npos) << a.error();
#ifndef NDEBUG
  EXPECT_NE(a.error().find("org.kde.StatusNotifierWatcher"), std::string::npos) << a.error();
#endif
  // The log says why, in every build.
  auto lines = log.lines();
  EXPECT_TRUE(std::any_of(lines.begin(), lines.end(), [](const std::string& l) {
    return l.find("tray 'lonely': no StatusNotifier host on the session bus: org.kde.StatusNotifierWatcher") !=
           std::string::npos;
  })) << "log: " << ::testing::PrintToString(lines);
  // Nothing is left behind under the id.
  EXPECT_EQ(call("plugin:tray|get_by_id", {{"id", "lonely"}}).body, "null");
}

TEST_F(TrayTest, WithoutASessionBusNewFailsAndStartsNone) {
  std::string address = g_getenv("DBUS_SESSION_BUS_ADDRESS");
  const char* runtime_dir = g_getenv("XDG_RUNTIME_DIR");
  std::string saved_runtime = runtime_dir ? runtime_dir : "";
  g_unsetenv("DBUS_SESSION_BUS_ADDRESS");
  g_setenv("XDG_RUNTIME_DIR", "/nonexistent-warden-runtime", TRUE);
  Answer a = call("plugin:tray|new", {{"options", json::object{}}, {"handler", "__CHANNEL__:1"}});
  g_setenv("DBUS_SESSION_BUS_ADDRESS", address.c_str(), TRUE);
  if (runtime_dir) g_setenv("XDG_RUNTIME_DIR", saved_runtime.c_str(), TRUE);
  else g_unsetenv("XDG_RUNTIME_DIR");
  EXPECT_FALSE(a.ok);
  EXPECT_EQ(a.error().rfind("no StatusNotifier host on the session bus", 0), 0u) << a.error();
#ifndef NDEBUG
  EXPECT_NE(a.error().find(": no session bus"), std::string::npos) << a.error();
#endif
}

TEST_F(TrayTest, RegistersWithTheWatcherAndShowsItsProperties) {
  TestWatcher watcher;
  ASSERT_TRUE(watcher.ok());
  auto [rid, id] = new_tray({{"id", "main-tray"}, {"title", "Title"}, {"tooltip", "3 unread"},
                             {"icon", png_bytes(2, 3)}});
  EXPECT_GT(rid, 0u);
  EXPECT_EQ(id, "main-tray");
  std::string name = registered_name(watcher);
  EXPECT_EQ(name.rfind("org.kde.StatusNotifierItem-", 0), 0u) << name;

  Panel panel;
  EXPECT_EQ(panel.item_string(name, "Category"), "ApplicationStatus");
  EXPECT_EQ(panel.item_string(name, "Id"), "main-tray");
  EXPECT_EQ(panel.item_string(name, "Title"), "Title");
  EXPECT_EQ(panel.item_string(name, "Status"), "Active");
  EXPECT_EQ(panel.item_string(name, "Menu"), "/MenuBar");
  EXPECT_EQ(panel.item_printed(name, "ItemIsMenu"), "false");  // no menu: a left click is the page's
  EXPECT_EQ(panel.item_printed(name, "ToolTip"), "('', [], '3 unread', '')");
  // ARGB32 in network byte order, rows top to bottom: pixel (x, y) is A = 128 + x, R, G, B.
  GVariant* pixmaps = panel.item_property(name, "IconPixmap");
  ASSERT_NE(pixmaps, nullptr);
  ASSERT_EQ(g_variant_n_children(pixmaps), 1u);
  gint32 w = 0, h = 0;
  GVariant* data = nullptr;
  g_variant_get_child(pixmaps, 0, "(ii@ay)", &w, &h, &data);
  EXPECT_EQ(w, 2);
  EXPECT_EQ(h, 3);
  gsize size = 0;
  const guint8* bytes = static_cast<const guint8*>(g_variant_get_fixed_array(data, &size, 1));
  std::vector<int> got(bytes, bytes + size);
  std::vector<int> want;
  for (int y = 0; y < 3; ++y)
    for (int x = 0; x < 2; ++x) want.insert(want.end(), {128 + x, 10 + x, 20 + y, 30});
  EXPECT_EQ(got, want);
  g_variant_unref(data);
  g_variant_unref(pixmaps);
}

TEST_F(TrayTest, ChangesAreSignalledAndVisibleOverDbus) {
  TestWatcher watcher;
  ASSERT_TRUE(watcher.ok());
  auto [rid, id] = new_tray({{"id", "changing"}});
  std::string name = registered_name(watcher);
  Panel panel;
  EXPECT_EQ(panel.item_printed(name, "IconPixmap"), "[]");

  EXPECT_TRUE(call("plugin:tray|set_tooltip", {{"rid", rid}, {"tooltip", "new tooltip"}}).ok);
  EXPECT_TRUE(call("plugin:tray|set_title", {{"rid", rid}, {"title", "42"}}).ok);
  EXPECT_TRUE(call("plugin:tray|set_icon", {{"rid", rid}, {"icon", png_bytes(4, 4)}}).ok);
  EXPECT_TRUE(call("plugin:tray|set_visible", {{"rid", rid}, {"visible", false}}).ok);
  ASSERT_TRUE(spin_until([&] {
    return panel.count("NewToolTip") && panel.count("NewTitle") && panel.count("NewIcon") && panel.count("NewStatus");
  })) << "signals seen: " << panel.signals.size();
  gchar* status = g_variant_print(panel.last("NewStatus")->parameters, FALSE);
  EXPECT_STREQ(status, "('Passive',)");
  g_free(status);
  EXPECT_EQ(panel.last("NewTitle")->path, "/StatusNotifierItem");

  EXPECT_EQ(panel.item_printed(name, "ToolTip"), "('', [], 'new tooltip', '')");
  EXPECT_EQ(panel.item_string(name, "Title"), "42");
  EXPECT_EQ(panel.item_string(name, "XAyatanaLabel"), "42");
  EXPECT_EQ(panel.item_string(name, "Status"), "Passive");
  GVariant* pixmaps = panel.item_property(name, "IconPixmap");
  ASSERT_NE(pixmaps, nullptr);
  EXPECT_EQ(g_variant_n_children(pixmaps), 1u);
  g_variant_unref(pixmaps);

  // null takes them away again.
  EXPECT_TRUE(call("plugin:tray|set_icon", {{"rid", rid}, {"icon", nullptr}}).ok);
  EXPECT_TRUE(call("plugin:tray|set_tooltip", {{"rid", rid}, {"tooltip", nullptr}}).ok);
  EXPECT_TRUE(call("plugin:tray|set_visible", {{"rid", rid}, {"visible", true}}).ok);
  EXPECT_EQ(panel.item_printed(name, "IconPixmap"), "[]");
  EXPECT_EQ(panel.item_printed(name, "ToolTip"), "('', [], '', '')");
  EXPECT_EQ(panel.item_string(name, "Status"), "Active");

  // Linux has no template icons and no icon files: accepted, nothing changes.
  EXPECT_TRUE(call("plugin:tray|set_icon_as_template", {{"rid", rid}, {"asTemplate", true}}).ok);
  EXPECT_TRUE(call("plugin:tray|set_temp_dir_path", {{"rid", rid}, {"path", "/etc"}}).ok);
  EXPECT_TRUE(call("plugin:tray|set_temp_dir_path", {{"rid", rid}, {"path", nullptr}}).ok);
  EXPECT_TRUE(call("plugin:tray|set_icon_with_as_template", {{"rid", rid}, {"icon", png_bytes(1, 1)}, {"asTemplate", true}}).ok);
  EXPECT_EQ(panel.item_printed(name, "IconPixmap"), "[(1, 1, [0x80, 0x0a, 0x14, 0x1e])]");
}

TEST_F(TrayTest, ClicksReachThePageHandlerAsTauriEvents) {
  TestWatcher watcher;
  ASSERT_TRUE(watcher.ok());
  auto [rid, id] = new_tray({{"id", "clicky"}}, "__CHANNEL__:7");
  std::string name = registered_name(watcher);
  auto page = channel("__CHANNEL__:7");
  Panel panel;
  panel.call(name, "/StatusNotifierItem", "org.kde.StatusNotifierItem", "Activate", g_variant_new("(ii)", 10, 20));
  ASSERT_TRUE(spin_until([&] { return page->messages.size() >= 2; }));
  EXPECT_EQ(page->messages[0], json::parse(R"({"type":"Click","id":"clicky","position":{"x":10,"y":20},
      "rect":{"position":{"Physical":{"x":10,"y":20}},"size":{"Physical":{"width":0,"height":0}}},
      "button":"Left","buttonState":"Down"})"));
  EXPECT_EQ(page->messages[1].at("buttonState"), "Up");

  // A second Activate at once: its click, then a double click.
  panel.call(name, "/StatusNotifierItem", "org.kde.StatusNotifierItem", "Activate", g_variant_new("(ii)", 11, 20));
  ASSERT_TRUE(spin_until([&] { return page->messages.size() >= 5; }));
  EXPECT_EQ(page->messages[4].at("type"), "DoubleClick");
  EXPECT_EQ(page->messages[4].at("button"), "Left");
  EXPECT_FALSE(page->messages[4].as_object().contains("buttonState"));

  panel.call(name, "/StatusNotifierItem", "org.kde.StatusNotifierItem", "SecondaryActivate",
             g_variant_new("(ii)", 1, 2));
  panel.call(name, "/StatusNotifierItem", "org.kde.StatusNotifierItem", "ContextMenu", g_variant_new("(ii)", 3, 4));
  panel.call(name, "/StatusNotifierItem", "org.kde.StatusNotifierItem", "Scroll", g_variant_new("(is)", 1, "vertical"));
  ASSERT_TRUE(spin_until([&] { return page->messages.size() >= 9; }));
  EXPECT_EQ(page->messages[5].at("button"), "Middle");
  EXPECT_EQ(page->messages[7].at("button"), "Right");
  EXPECT_EQ(page->messages[8].at("position"), json::parse(R"({"x":3,"y":4})"));
  spin_for(100ms);
  EXPECT_EQ(page->messages.size(), 9u) << "a scroll is no Tauri event";
}

TEST_F(TrayTest, ItsMenuIsExportedAsDbusmenuAndAClickReachesThePage) {
  TestWatcher watcher;
  ASSERT_TRUE(watcher.ok());
  auto root = menu::MenuItem::create(menu::ItemKind::menu, "root");
  auto open = menu::MenuItem::create(menu::ItemKind::normal, "open");
  open->set_text("&Open my_file");
  auto check = menu::MenuItem::create(menu::ItemKind::check, "check");
  check->set_text("Check");
  auto separator = menu::MenuItem::create(menu::ItemKind::predefined, "sep");
  separator->set_predefined(menu::Predefined::separator);
  auto sub = menu::MenuItem::create(menu::ItemKind::submenu, "sub");
  sub->set_text("More");
  auto inner = menu::MenuItem::create(menu::ItemKind::normal, "inner");
  inner->set_text("Inner");
  inner->set_enabled(false);
  sub->append(inner);
  for (auto& item : {open, check, separator, sub}) root->append(item);
  // What menu_commands does with an item's action: the page's channel hears of the pick.
  auto menu_page = channel("__CHANNEL__:menu");
  for (auto& item : {open, check}) {
    item->set_action([menu_page](menu::MenuItem& picked) {
      menu_page->messages.push_back(json::string(picked.id()));
    });
  }
  uint32_t menu_rid = add_menu(root);
  auto [rid, id] = new_tray({{"id", "with-menu"}, {"menu", json::array{menu_rid, "Menu"}}});
  std::string name = registered_name(watcher);
  Panel panel;
  EXPECT_EQ(panel.item_printed(name, "ItemIsMenu"), "true");  // Tauri's default: the menu on a left click
  std::string menu_path = panel.item_string(name, "Menu");
  ASSERT_EQ(menu_path, "/MenuBar");

  GVariant* version = panel.call(name, menu_path, "org.freedesktop.DBus.Properties", "Get",
                                 g_variant_new("(ss)", "com.canonical.dbusmenu", "Version"));
  ASSERT_NE(version, nullptr);
  gchar* v = g_variant_print(version, FALSE);
  EXPECT_STREQ(v, "(<uint32 3>,)");
  g_free(v);
  g_variant_unref(version);

  const char* wanted[] = {"type", "label", "enabled", "toggle-type", "toggle-state", "children-display", nullptr};
  GVariant* layout = panel.call(name, menu_path, "com.canonical.dbusmenu", "GetLayout",
                                g_variant_new("(ii^as)", 0, -1, wanted));
  ASSERT_NE(layout, nullptr);
  gchar* printed = g_variant_print(layout, FALSE);
  std::string expected =
      "(2, (0, {'children-display': <'submenu'>}, [<(" + std::to_string(open->handle()) +
      ", {'label': <'_Open my__file'>, 'enabled': <true>}, @av [])>, <(" + std::to_string(check->handle()) +
      ", {'label': <'Check'>, 'enabled': <true>, 'toggle-type': <'checkmark'>, 'toggle-state': <0>}, @av [])>, <(" +
      std::to_string(separator->handle()) + ", {'type': <'separator'>}, @av [])>, <(" +
      std::to_string(sub->handle()) +
      ", {'children-display': <'submenu'>, 'label': <'More'>, 'enabled': <true>}, [<(" +
      std::to_string(inner->handle()) + ", {'label': <'Inner'>, 'enabled': <false>}, @av [])>])>]))";
  EXPECT_EQ(printed, expected);
  g_free(printed);
  g_variant_unref(layout);

  // The panel's click on "Check": it toggles, the page hears of it, the panel is told.
  GVariant* r = panel.call(name, menu_path, "com.canonical.dbusmenu", "Event",
                           g_variant_new("(isvu)", check->handle(), "clicked", g_variant_new_int32(0), 0u));
  if (r) g_variant_unref(r);
  ASSERT_TRUE(spin_until([&] { return !menu_page->messages.empty() && panel.count("ItemsPropertiesUpdated"); }));
  EXPECT_EQ(menu_page->messages[0], "check");
  EXPECT_TRUE(check->checked());
  gchar* update = g_variant_print(panel.last("ItemsPropertiesUpdated")->parameters, FALSE);
  EXPECT_NE(std::string(update).find("'toggle-state': <1>"), std::string::npos) << update;
  g_free(update);

  // A disabled item, a separator and an unknown id do nothing (the unknown id is an error).
  r = panel.call(name, menu_path, "com.canonical.dbusmenu", "Event",
                 g_variant_new("(isvu)", inner->handle(), "clicked", g_variant_new_int32(0), 0u));
  if (r) g_variant_unref(r);
  std::string error;
  r = panel.call(name, menu_path, "com.canonical.dbusmenu", "Event",
                 g_variant_new("(isvu)", 999999, "clicked", g_variant_new_int32(0), 0u), &error);
  EXPECT_EQ(r, nullptr);
  EXPECT_NE(error.find("no menu item with id 999999"), std::string::npos) << error;
  // EventGroup: known ids are clicked, unknown ones come back.
  GVariantBuilder events;
  g_variant_builder_init(&events, G_VARIANT_TYPE("a(isvu)"));
  g_variant_builder_add(&events, "(isvu)", open->handle(), "clicked", g_variant_new_int32(0), 0u);
  g_variant_builder_add(&events, "(isvu)", 424242, "clicked", g_variant_new_int32(0), 0u);
  r = panel.call(name, menu_path, "com.canonical.dbusmenu", "EventGroup", g_variant_new("(a(isvu))", &events));
  ASSERT_NE(r, nullptr);
  gchar* errors = g_variant_print(r, FALSE);
  EXPECT_STREQ(errors, "([424242],)");
  g_free(errors);
  g_variant_unref(r);
  ASSERT_TRUE(spin_until([&] { return menu_page->messages.size() >= 2; }));
  EXPECT_EQ(menu_page->messages.size(), 2u);
  EXPECT_EQ(menu_page->messages[1], "open");

  // Text and enabled changes are sent as properties; new children as a new layout.
  inner->set_enabled(true);
  open->set_text("Open");
  size_t layouts = panel.count("LayoutUpdated");
  auto added = menu::MenuItem::create(menu::ItemKind::normal, "added");
  added->set_text("Added");
  sub->append(added);
  ASSERT_TRUE(spin_until([&] { return panel.count("LayoutUpdated") > layouts; }));
  gchar* lu = g_variant_print(panel.last("LayoutUpdated")->parameters, FALSE);
  EXPECT_EQ(std::string(lu), "(3, " + std::to_string(sub->handle()) + ")");
  g_free(lu);
  const char* label_only[] = {"label", nullptr};
  GVariant* sub_layout = panel.call(name, menu_path, "com.canonical.dbusmenu", "GetLayout",
                                    g_variant_new("(ii^as)", sub->handle(), 1, label_only));
  gchar* sp = g_variant_print(sub_layout, FALSE);
  EXPECT_NE(std::string(sp).find("'Added'"), std::string::npos) << sp;
  g_free(sp);
  g_variant_unref(sub_layout);
  GVariant* label = panel.call(name, menu_path, "com.canonical.dbusmenu", "GetProperty",
                               g_variant_new("(is)", open->handle(), "label"));
  gchar* lp = g_variant_print(label, FALSE);
  EXPECT_STREQ(lp, "(<'Open'>,)");
  g_free(lp);
  g_variant_unref(label);

  // set_menu(null): an empty menu, and the left click is the page's again.
  EXPECT_TRUE(call("plugin:tray|set_menu", {{"rid", rid}, {"menu", nullptr}}).ok);
  EXPECT_EQ(panel.item_printed(name, "ItemIsMenu"), "false");
  GVariant* empty = panel.call(name, menu_path, "com.canonical.dbusmenu", "GetLayout",
                               g_variant_new("(ii^as)", 0, -1, label_only));
  gchar* ep = g_variant_print(empty, FALSE);
  EXPECT_NE(std::string(ep).find("(0, {}, [])"), std::string::npos) << ep;
  g_free(ep);
  g_variant_unref(empty);
  // showMenuOnLeftClick false: the panel leaves left clicks to the page even with a menu.
  EXPECT_TRUE(call("plugin:tray|set_menu", {{"rid", rid}, {"menu", json::array{menu_rid, "Menu"}}}).ok);
  EXPECT_TRUE(call("plugin:tray|set_show_menu_on_left_click", {{"rid", rid}, {"onLeft", false}}).ok);
  EXPECT_EQ(panel.item_printed(name, "ItemIsMenu"), "false");
}

TEST_F(TrayTest, MenuShortcutsPredefinedItemsAndQuit) {
  TestWatcher watcher;
  ASSERT_TRUE(watcher.ok());
  int exit_code = -1;
  t_.context.exit_app = [&exit_code](int code) { exit_code = code; };
  auto root = menu::MenuItem::create(menu::ItemKind::menu, "root");
  auto save = menu::MenuItem::create(menu::ItemKind::normal, "save");
  save->set_text("Save");
  save->set_accelerator("CmdOrCtrl+Shift+S");
  auto copy = menu::MenuItem::create(menu::ItemKind::predefined, "copy");
  copy->set_predefined(menu::Predefined::copy);
  auto hide = menu::MenuItem::create(menu::ItemKind::predefined, "hide");
  hide->set_predefined(menu::Predefined::hide);
  auto quit = menu::MenuItem::create(menu::ItemKind::predefined, "quit");
  quit->set_predefined(menu::Predefined::quit);
  for (auto& item : {save, copy, hide, quit}) root->append(item);
  auto page = channel("__CHANNEL__:menu");
  for (auto& item : {save, copy, hide, quit})
    item->set_action([page](menu::MenuItem& picked) { page->messages.push_back(json::string(picked.id())); });
  auto [rid, id] = new_tray({{"id", "shortcuts"}, {"menu", json::array{add_menu(root), "Menu"}}});
  std::string name = registered_name(watcher);
  Panel panel;
  auto props = [&](const menu::MenuItem& item) {
    const char* every[] = {nullptr};  // no filter: every property
    GVariant* r = panel.call(name, "/MenuBar", "com.canonical.dbusmenu", "GetLayout",
                             g_variant_new("(ii^as)", item.handle(), 0, every));
    gchar* p = g_variant_print(r, FALSE);
    std::string s = p;
    g_free(p);
    g_variant_unref(r);
    return s;
  };
  EXPECT_NE(props(*save).find("'shortcut': <[['Control', 'Shift', 's']]>"), std::string::npos) << props(*save);
  EXPECT_NE(props(*copy).find("'label': <'_Copy'>"), std::string::npos) << props(*copy);
  EXPECT_NE(props(*copy).find("'shortcut': <[['Control', 'c']]>"), std::string::npos) << props(*copy);
  EXPECT_NE(props(*hide).find("'visible': <false>"), std::string::npos) << props(*hide);
  EXPECT_NE(props(*quit).find("'visible': <true>"), std::string::npos) << props(*quit);

  // An accelerator change reaches the panel as a property.
  save->set_accelerator("Alt+F4");
  ASSERT_TRUE(spin_until([&] { return panel.count("ItemsPropertiesUpdated") > 0; }));
  gchar* update = g_variant_print(panel.last("ItemsPropertiesUpdated")->parameters, FALSE);
  EXPECT_NE(std::string(update).find("[['Alt', 'F4']]"), std::string::npos) << update;
  g_free(update);

  // Predefined items do their own thing, as in window menus: Copy has no window to act on here,
  // Quit ends the run; neither is the page's event.
  for (auto& item : {copy, quit}) {
    GVariant* r = panel.call(name, "/MenuBar", "com.canonical.dbusmenu", "Event",
                             g_variant_new("(isvu)", item->handle(), "clicked", g_variant_new_int32(0), 0u));
    if (r) g_variant_unref(r);
  }
  EXPECT_TRUE(spin_until([&] { return exit_code == 0; })) << "Quit did not end the run";
  spin_for(50ms);
  EXPECT_TRUE(page->messages.empty());
}

TEST_F(TrayTest, RemoveByIdUnregistersAndIdsAreAppWide) {
  TestWatcher watcher;
  ASSERT_TRUE(watcher.ok());
  auto [rid, id] = new_tray({{"id", "shared"}});
  std::string name = registered_name(watcher);

  // Another page gets a resource id of its own for the same icon; the first page's id is not its.
  Answer other = call("plugin:tray|get_by_id", {{"id", "shared"}}, other_page_);
  ASSERT_TRUE(other.ok) << other.body;
  uint32_t other_rid = other.value().to_number<uint32_t>();
  EXPECT_NE(other_rid, rid);
  EXPECT_TRUE(call("plugin:tray|set_title", {{"rid", other_rid}, {"title", "from second"}}, other_page_).ok);
  Panel panel;
  EXPECT_EQ(panel.item_string(name, "Title"), "from second");
  Answer refused = call("plugin:tray|set_title", {{"rid", rid}, {"title", "x"}}, other_page_);
  EXPECT_FALSE(refused.ok);
  EXPECT_EQ(refused.error(), "tray icon resource id " + std::to_string(rid) + " not found");
  EXPECT_EQ(call("plugin:tray|get_by_id", {{"id", "nobody"}}).body, "null");

  // Removal takes it off the bus: the watcher drops it, every page's ids are gone.
  EXPECT_TRUE(call("plugin:tray|remove_by_id", {{"id", "shared"}}).ok);
  EXPECT_TRUE(spin_until([&] { return watcher.items().empty(); })) << "still listed: " << name;
  EXPECT_EQ(call("plugin:tray|get_by_id", {{"id", "shared"}}).body, "null");
  EXPECT_FALSE(call("plugin:tray|set_title", {{"rid", other_rid}, {"title", "x"}}, other_page_).ok);
  EXPECT_FALSE(call("plugin:tray|set_title", {{"rid", rid}, {"title", "x"}}).ok);
  Answer again = call("plugin:tray|remove_by_id", {{"id", "shared"}});
  EXPECT_FALSE(again.ok);
  EXPECT_EQ(again.error(), "no tray icon with id 'shared'");
}

TEST_F(TrayTest, ThePageClosingItsResourceRemovesTheIconThePageGoingDoesNot) {
  TestWatcher watcher;
  ASSERT_TRUE(watcher.ok());
  // The page goes (another document, a closed webview): its ids go, the icon stays, as in Tauri.
  auto kept = new_tray({{"id", "kept"}});
  std::string kept_name = registered_name(watcher);
  t_.resources.remove_webview("main");
  spin_for(100ms);
  EXPECT_EQ(watcher.items(), std::vector<std::string>{kept_name});
  EXPECT_FALSE(call("plugin:tray|set_title", {{"rid", kept.first}, {"title", "x"}}).ok);
  Answer again = call("plugin:tray|get_by_id", {{"id", "kept"}});
  ASSERT_TRUE(again.ok);
  EXPECT_NE(again.body, "null");

  // TrayIcon.close() (the package's resources|close): the icon leaves the bus.
  auto closed = new_tray({{"id", "closed"}});
  ASSERT_TRUE(spin_until([&] { return watcher.items().size() == 2; }));
  EXPECT_TRUE(t_.resources.remove_any_plugin({page_.webview, page_.origin, page_.page}, closed.first));
  EXPECT_TRUE(spin_until([&] { return watcher.items() == std::vector<std::string>{kept_name}; }));
  EXPECT_EQ(call("plugin:tray|get_by_id", {{"id", "closed"}}).body, "null");
}

TEST_F(TrayTest, ANewIconWithATakenIdReplacesTheOld) {
  TestWatcher watcher;
  ASSERT_TRUE(watcher.ok());
  auto first = new_tray({{"id", "again"}});
  std::string first_name = registered_name(watcher);
  auto second = new_tray({{"id", "again"}});
  ASSERT_TRUE(spin_until([&] { return watcher.items().size() == 1 && watcher.items()[0] != first_name; }));
  EXPECT_FALSE(call("plugin:tray|set_title", {{"rid", first.first}, {"title", "x"}}).ok);
  EXPECT_TRUE(call("plugin:tray|set_title", {{"rid", second.first}, {"title", "x"}}).ok);
  // Without an id, one is made up.
  auto made_up = new_tray(json::object{});
  EXPECT_EQ(made_up.second, "tray-1");
}

TEST_F(TrayTest, ARestartedWatcherGetsTheItemAgain) {
  auto watcher = std::make_unique<TestWatcher>();
  ASSERT_TRUE(watcher->ok());
  new_tray({{"id", "survivor"}});
  std::string name = registered_name(*watcher);
  watcher.reset();
  watcher = std::make_unique<TestWatcher>();
  ASSERT_TRUE(watcher->ok());
  EXPECT_TRUE(spin_until([&] { return watcher->items() == std::vector<std::string>{name}; }));
}

// Debian's watcher takes its name before its object answers: a registration sent in between
// (on its NameOwnerChanged) is refused with UnknownObject, and the item asks again.
TEST_F(TrayTest, AWatcherThatExportsItsObjectLateGetsTheItemAgain) {
  auto watcher = std::make_unique<TestWatcher>();
  ASSERT_TRUE(watcher->ok());
  new_tray({{"id", "patient"}});
  std::string name = registered_name(*watcher);
  watcher.reset();
  watcher = std::make_unique<TestWatcher>(300ms);
  ASSERT_TRUE(watcher->ok());
  EXPECT_TRUE(spin_until([&] { return watcher->items() == std::vector<std::string>{name}; }));
}

// The same at the first registration: a watcher that owns its name but is not ready yet.
TEST_F(TrayTest, NewWaitsForAWatcherThatIsStarting) {
  TestWatcher watcher(300ms);
  ASSERT_TRUE(watcher.ok());
  auto [rid, id] = new_tray({{"id", "early"}});
  EXPECT_EQ(id, "early");
  EXPECT_EQ(watcher.items().size(), 1u);
}

TEST_F(TrayTest, ArgumentsAreCheckedBeforeAnythingReachesTheBus) {
  TestWatcher watcher;
  ASSERT_TRUE(watcher.ok());
  auto refused = [&](const std::string& command, json::object args) {
    Answer a = call(command, args);
    EXPECT_FALSE(a.ok) << command << " " << json::serialize(args);
    return a.ok ? std::string() : a.error();
  };
  EXPECT_EQ(refused("plugin:tray|new", {{"options", json::object{}}}), "missing argument 'handler'");
  EXPECT_EQ(refused("plugin:tray|new", {{"options", json::object{}}, {"handler", "nope"}}),
            "argument 'handler' names no channel of this page");
  EXPECT_EQ(refused("plugin:tray|new", {{"options", {{"id", 5}}}, {"handler", "__CHANNEL__:1"}}),
            "options.id must be a string");
  EXPECT_EQ(refused("plugin:tray|new", {{"options", {{"tooltip", std::string(5000, 'x')}}}, {"handler", "__CHANNEL__:1"}}),
            "options.tooltip is 5000 bytes; at most 4096 are taken");
  EXPECT_EQ(refused("plugin:tray|new", {{"options", {{"title", std::string("a\0b", 3)}}}, {"handler", "__CHANNEL__:1"}}),
            "options.title must not contain NUL characters");
  EXPECT_EQ(refused("plugin:tray|new", {{"options", {{"menu", json::array{77, "Menu"}}}}, {"handler", "__CHANNEL__:1"}}),
            "menu: menu item resource id 77 not found");
  auto item = menu::MenuItem::create(menu::ItemKind::normal, "plain");
  uint32_t item_rid = add_menu(item);
  EXPECT_EQ(refused("plugin:tray|new", {{"options", {{"menu", json::array{item_rid, "MenuItem"}}}},
                                        {"handler", "__CHANNEL__:1"}}),
            "menu: a tray's menu must be a Menu or a Submenu");
  // Another page's menu is not this page's to use.
  uint32_t other_menu = add_menu(menu::MenuItem::create(menu::ItemKind::menu, "theirs"), other_page_);
  EXPECT_EQ(refused("plugin:tray|new", {{"options", {{"menu", json::array{other_menu, "Menu"}}}},
                                        {"handler", "__CHANNEL__:1"}}),
            "menu: menu item resource id " + std::to_string(other_menu) + " not found");
  EXPECT_EQ(refused("plugin:tray|new", {{"options", {{"icon", json::array{1, 2, 3}}}}, {"handler", "__CHANNEL__:1"}}),
            "icon: not a PNG, ICO or JPEG image");
  EXPECT_EQ(refused("plugin:tray|new", {{"options", {{"showMenuOnLeftClick", "yes"}}}, {"handler", "__CHANNEL__:1"}}),
            "options.showMenuOnLeftClick must be true or false");
  EXPECT_TRUE(watcher.items().empty()) << "a refused tray|new registered an item";

  auto [rid, id] = new_tray({{"id", "checked"}});
  EXPECT_EQ(refused("plugin:tray|set_visible", {{"rid", rid}}), "missing argument 'visible'");
  EXPECT_EQ(refused("plugin:tray|set_visible", {{"rid", rid}, {"visible", 1}}), "argument 'visible' must be true or false");
  EXPECT_EQ(refused("plugin:tray|set_title", {{"rid", "x"}, {"title", "t"}}), "argument 'rid' must be a resource id");
  EXPECT_EQ(refused("plugin:tray|set_title", {{"rid", 9999}, {"title", "t"}}), "tray icon resource id 9999 not found");
  EXPECT_EQ(refused("plugin:tray|set_temp_dir_path", {{"rid", rid}, {"path", 3}}), "argument 'path' must be a string");
  EXPECT_EQ(refused("plugin:tray|set_icon_as_template", {{"rid", rid}}), "missing argument 'asTemplate'");
  EXPECT_EQ(refused("plugin:tray|set_show_menu_on_left_click", {{"rid", rid}}), "missing argument 'onLeft'");
  EXPECT_EQ(refused("plugin:tray|get_by_id", json::object{}), "missing argument 'id'");
  // A tray's rid is not an image's or a menu's: each names only its own kind.
  EXPECT_EQ(refused("plugin:tray|set_menu", {{"rid", rid}, {"menu", json::array{rid, "Menu"}}}),
            "menu: menu item resource id " + std::to_string(rid) + " not found");
}

TEST_F(TrayTest, AtMostSixteenIconsAtOnce) {
  TestWatcher watcher;
  ASSERT_TRUE(watcher.ok());
  for (size_t i = 0; i < TrayIcons::kMaxIcons; ++i) new_tray({{"id", "icon-" + std::to_string(i)}});
  Answer a = call("plugin:tray|new", {{"options", {{"id", "one-too-many"}}}, {"handler", "__CHANNEL__:1"}});
  EXPECT_FALSE(a.ok);
  EXPECT_EQ(a.error(), "at most 16 tray icons at once");
  EXPECT_TRUE(call("plugin:tray|remove_by_id", {{"id", "icon-0"}}).ok);
  new_tray({{"id", "one-too-many"}});
}

TEST(TrayLabels, MnemonicsAsDbusmenuWritesThem) {
  EXPECT_EQ(dbusmenu_label("&File"), "_File");
  EXPECT_EQ(dbusmenu_label("Save && Quit"), "Save & Quit");
  EXPECT_EQ(dbusmenu_label("snake_case"), "snake__case");
  EXPECT_EQ(dbusmenu_label("trailing&"), "trailing&");
}

}  // namespace
}  // namespace warden::desktop::tray
