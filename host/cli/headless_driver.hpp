#pragma once
// The headless test driver of `warden run` (--exit-after-load, --exit-on-title, --screenshot,
// --timeout): tests and CI run an app under Xvfb and learn from it through window titles, a
// screenshot and the exit status. It owns every GLib timer it starts and removes those still
// pending when it goes, so nothing outlives the run.
#include <functional>
#include <set>
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

  // `windows` must outlive the driver. `start_windows`: the labels of the windows the run opens
  // at start (--exit-after-load waits for them; windows and webviews the app opens later do not
  // count); the first is the one --screenshot takes.
  HeadlessDriver(HeadlessOptions options, webview::WindowSet& windows, std::vector<std::string> start_windows, Quit quit);
  ~HeadlessDriver();
  HeadlessDriver(const HeadlessDriver&) = delete;
  HeadlessDriver& operator=(const HeadlessDriver&) = delete;

  // [main-thread] Arms --timeout.
  void start();
  // [main-thread] Webview `label` finished loading its page.
  void webview_loaded(const std::string& label);
  // [main-thread] A webview's title changed, or a window closed.
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
  std::vector<std::string> start_windows_;
  Quit quit_;
  std::set<std::string> loaded_;  // start windows whose webview has loaded
  bool load_done_ = false;
  bool titles_done_ = false;
  std::vector<guint> pending_;  // GLib source ids of timers not yet fired
};

}  // namespace warden::cli
