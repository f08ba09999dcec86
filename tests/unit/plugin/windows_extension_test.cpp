// warden.windows/1 through a plugin's real HostServices: the run's hook answers on the main thread
// only; outside a run (no hooks), off the main thread, or for a NULL label the answer is NULL.
#include <gtest/gtest.h>

#include <memory>
#include <string>

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
