#pragma once
// The headless test driver of `warden run` (--exit-after-load, --exit-on-title, --screenshot,
// --timeout): tests and CI run an app under Xvfb and learn from it through window titles, a
// screenshot and the exit status. It owns every GLib timer it starts and removes those still
// pending when it goes, so nothing outlives the run.
#include <functional>
#include <string>
#include <vector>

#include <glib.h>

#include "webview/window_set.hpp"

namespace warden::cli {

struct HeadlessOptions {
  std::string screenshot;     // with exit_after_load or exit_on_title: the first window as PNG
  bool exit_after_load = false;
  std::string exit_on_title;  // exit once every open window's title starts with it
  double timeout_s = 0;       // > 0: exit with status 1 after that long
};

class HeadlessDriver {
 public:
  using Quit = std::function<void(int exit_code)>;

  // `windows` must outlive the driver; `first_window` is the one --screenshot takes.
  HeadlessDriver(HeadlessOptions options, webview::WindowSet& windows, std::string first_window, size_t window_count,
                 Quit quit);
  ~HeadlessDriver();
  HeadlessDriver(const HeadlessDriver&) = delete;
  HeadlessDriver& operator=(const HeadlessDriver&) = delete;

  // [main-thread] Arms --timeout.
  void start();
  // [main-thread] A window finished loading its page.
  void window_loaded();
  // [main-thread] A window's title changed, or a window closed.
  void titles_changed();

 private:
  struct Timer;
  void after(guint ms, void (HeadlessDriver::*step)());
  static gboolean fire(gpointer timer);
  void take_screenshot();
  void finish_after_load();
  void time_out();

  HeadlessOptions options_;
  webview::WindowSet& windows_;
  std::string first_window_;
  size_t window_count_;
  Quit quit_;
  size_t loaded_ = 0;
  bool titles_done_ = false;
  std::vector<guint> pending_;  // GLib source ids of timers not yet fired
};

}  // namespace warden::cli
