// warden.windows/1 through a plugin's real HostServices: the run's hook answers on the main thread
// only; outside a run (no hooks), off the main thread, or for a NULL label the answer is NULL.
#include <gtest/gtest.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "plugin/host_services.hpp"
#include "warden/ext/windows.h"

using namespace warden::plugin;

namespace {

int window_object = 0;  // stands for a GtkWindow: only its address travels

HostOptions run_options(bool* on_main) {
  HostOptions o;
  o.main_thread = std::make_shared<MainThreadService>([](std::function<void()> task) { task(); },
                                                      [on_main] { return *on_main; });
  o.app = std::make_shared<AppHooks>();
  o.app->gtk_window = [](std::string_view label) -> void* { return label == "main" ? &window_object : nullptr; };
  return o;
}

const warden_host_windows* windows_of(const warden_host* h) {
  return static_cast<const warden_host_windows*>(h->get_extension(h, WARDEN_EXT_WINDOWS));
}

}  // namespace

TEST(WindowsExtension, GtkWindowAnswersTheRunsWindowOnTheMainThread) {
  bool on_main = true;
  HostServices services("demo", run_options(&on_main));
  const warden_host* h = services.vtable();
  const warden_host_windows* w = windows_of(h);
  ASSERT_NE(w, nullptr);
  EXPECT_GE(w->struct_size, sizeof(void*) + sizeof(uint32_t));
  EXPECT_EQ(w->gtk_window(h, "main"), &window_object);
  EXPECT_EQ(w->gtk_window(h, "other"), nullptr);
  EXPECT_EQ(w->gtk_window(h, nullptr), nullptr);
}

TEST(WindowsExtension, GtkWindowOffTheMainThreadIsNull) {
  bool on_main = false;
  HostServices services("demo", run_options(&on_main));
  const warden_host* h = services.vtable();
  EXPECT_EQ(windows_of(h)->gtk_window(h, "main"), nullptr);
}

TEST(WindowsExtension, OutsideARunNothingIsFound) {
  HostServices services("demo", {});  // `warden plugin call`: no hooks, no main loop
  const warden_host* h = services.vtable();
  EXPECT_EQ(windows_of(h)->gtk_window(h, "main"), nullptr);
  EXPECT_EQ(windows_of(h)->gtk_window(nullptr, "main"), nullptr);
}

namespace {

// The run's hooks over one window "main" whose state the test holds.
struct OneWindowRun {
  bool on_main = true;
  warden_window_state state{sizeof(warden_window_state), 10, 20, 300, 200, 0, 0, 0, 1, 1};
  uint32_t last_fields = 0;
  std::shared_ptr<AppHooks::WindowEventCallback> subscriber = std::make_shared<AppHooks::WindowEventCallback>();
  std::string subscriber_plugin;

  HostOptions options() {
    HostOptions o = run_options(&on_main);
    o.app->window_labels = [] { return std::vector<std::string>{"main"}; };
    o.app->window_state = [this](std::string_view label) -> std::optional<warden_window_state> {
      if (label != "main") return std::nullopt;
      return state;
    };
    o.app->set_window_state = [this](std::string_view label, const warden_window_state& s, uint32_t fields) {
      if (label != "main") return false;
      state = s;
      last_fields = fields;
      return true;
    };
    o.app->subscribe_window_events = [this](const std::string& plugin, AppHooks::WindowEventCallback cb) -> uint64_t {
      subscriber_plugin = plugin;
      *subscriber = std::move(cb);
      return 7;
    };
    o.app->unsubscribe_window_events = [this](const std::string& plugin, uint64_t id) {
      return plugin == subscriber_plugin && id == 7;
    };
    return o;
  }
};

void count_event(void* data, const char* label, warden_window_event event) {
  if (std::string(label) == "main" && event == WARDEN_WINDOW_MOVED) ++*static_cast<int*>(data);
}

}  // namespace

TEST(WindowsExtension, LabelsStateAndEventsReachTheRun) {
  OneWindowRun run;
  HostServices services("demo", run.options());
  const warden_host* h = services.vtable();
  const warden_host_windows* w = windows_of(h);
  ASSERT_GE(w->struct_size, sizeof(warden_host_windows));

  char* labels = w->window_labels(h);
  ASSERT_NE(labels, nullptr);
  EXPECT_STREQ(labels, "[\"main\"]");
  h->free_string(h, labels);

  warden_window_state s{};
  s.struct_size = sizeof s;
  ASSERT_EQ(w->get_state(h, "main", &s), 0);
  EXPECT_EQ(s.x, 10);
  EXPECT_EQ(s.width, 300u);
  EXPECT_EQ(w->get_state(h, "gone", &s), -1);
  s.struct_size = 4;  // older than SDK 1.0's struct: refused, not overrun
  EXPECT_EQ(w->get_state(h, "main", &s), -1);

  warden_window_state want{sizeof(warden_window_state), 1, 2, 3, 4, 1, 0, 0, 1, 1};
  EXPECT_EQ(w->set_state(h, "main", &want, WARDEN_WINDOW_STATE_SIZE | WARDEN_WINDOW_STATE_MAXIMIZED), 0);
  EXPECT_EQ(run.last_fields, WARDEN_WINDOW_STATE_SIZE | WARDEN_WINDOW_STATE_MAXIMIZED);
  EXPECT_EQ(w->set_state(h, "main", &want, 1u << 6), -1) << "a field bit no SDK defines is refused";
  EXPECT_EQ(w->set_state(h, "gone", &want, WARDEN_WINDOW_STATE_SIZE), -1);

  int moves = 0;
  uint64_t id = w->subscribe_events(h, count_event, &moves);
  EXPECT_EQ(id, 7u);
  EXPECT_EQ(run.subscriber_plugin, "demo");
  (*run.subscriber)("main", WARDEN_WINDOW_MOVED);
  EXPECT_EQ(moves, 1);
  EXPECT_EQ(w->subscribe_events(h, nullptr, nullptr), 0u);
  EXPECT_EQ(w->unsubscribe_events(h, 8), -1);
  EXPECT_EQ(w->unsubscribe_events(h, 7), 0);
}

TEST(WindowsExtension, AnotherPluginCannotEndASubscription) {
  OneWindowRun run;
  HostOptions options = run.options();
  HostServices owner("owner", options);
  HostServices other("other", options);
  const warden_host_windows* w = windows_of(owner.vtable());
  ASSERT_EQ(w->subscribe_events(owner.vtable(), count_event, nullptr), 7u);
  EXPECT_EQ(w->unsubscribe_events(other.vtable(), 7), -1);
  EXPECT_EQ(w->unsubscribe_events(owner.vtable(), 7), 0);
}

TEST(WindowsExtension, StateOffTheMainThreadIsRefused) {
  OneWindowRun run;
  HostServices services("demo", run.options());
  run.on_main = false;
  const warden_host* h = services.vtable();
  const warden_host_windows* w = windows_of(h);
  warden_window_state s{};
  s.struct_size = sizeof s;
  EXPECT_EQ(w->window_labels(h), nullptr);
  EXPECT_EQ(w->get_state(h, "main", &s), -1);
  EXPECT_EQ(w->set_state(h, "main", &s, WARDEN_WINDOW_STATE_SIZE), -1);
  EXPECT_EQ(w->subscribe_events(h, count_event, nullptr), 0u);
}
