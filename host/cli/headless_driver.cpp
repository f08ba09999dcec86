#include "cli/headless_driver.hpp"

#include <algorithm>
#include <iostream>

#include <spdlog/spdlog.h>

namespace warden::cli {

// One pending step: freed by GLib's destroy notify, whether it fired or was removed.
struct HeadlessDriver::Timer {
  HeadlessDriver* driver;
  void (HeadlessDriver::*step)();
  guint id = 0;
};

HeadlessDriver::HeadlessDriver(HeadlessOptions options, webview::WindowSet& windows,
                               std::vector<std::string> start_windows, Quit quit)
    : options_(std::move(options)), windows_(windows), start_windows_(std::move(start_windows)), quit_(std::move(quit)) {}

HeadlessDriver::~HeadlessDriver() {
  for (guint id : pending_) g_source_remove(id);
}

void HeadlessDriver::after(guint ms, void (HeadlessDriver::*step)()) {
  auto* timer = new Timer{this, step};
  timer->id = g_timeout_add_full(G_PRIORITY_DEFAULT, ms, &HeadlessDriver::fire, timer,
                                 [](gpointer t) { delete static_cast<Timer*>(t); });
  pending_.push_back(timer->id);
}

gboolean HeadlessDriver::fire(gpointer data) {
  auto* timer = static_cast<Timer*>(data);
  HeadlessDriver* self = timer->driver;
  std::erase(self->pending_, timer->id);
  (self->*(timer->step))();
  return G_SOURCE_REMOVE;
}

void HeadlessDriver::start() {
  if (options_.timeout_s > 0) after(static_cast<guint>(options_.timeout_s * 1000), &HeadlessDriver::time_out);
}

void HeadlessDriver::time_out() {
  spdlog::error("run: timed out after {} s", options_.timeout_s);
  windows_.for_each([](const webview::AppWindow& w) { std::cerr << w.label() << '\t' << w.title() << '\n'; });
  quit_(1);
}

void HeadlessDriver::take_screenshot() {
  webview::AppWindow* first = start_windows_.empty() ? nullptr : windows_.find(start_windows_.front());
  webview::AppWebview* shown = first ? first->main_webview() : nullptr;
  if (!shown) return quit_(1);
  shown->snapshot_png(options_.screenshot, [this, path = options_.screenshot](bool ok) {
    if (ok) spdlog::info("screenshot written to {}", path);
    else spdlog::error("could not write the screenshot {}", path);
    quit_(ok ? 0 : 1);
  });
}

void HeadlessDriver::finish_after_load() {
  if (options_.screenshot.empty()) return quit_(0);
  take_screenshot();
}

void HeadlessDriver::webview_loaded(const std::string& label) {
  if (!options_.exit_after_load || load_done_) return;
  if (std::find(start_windows_.begin(), start_windows_.end(), label) == start_windows_.end()) return;
  loaded_.insert(label);
  if (loaded_.size() != start_windows_.size()) return;
  load_done_ = true;
  // Give the page's own start-up scripts a moment to paint before the snapshot.
  after(700, &HeadlessDriver::finish_after_load);
}

void HeadlessDriver::titles_changed() {
  if (options_.exit_on_title.empty() || titles_done_) return;
  bool all = true;
  // Closed windows report nothing, nor windows without a webview; the others must all have
  // reported, through their main webview (the filling one, else the first child).
  auto reports = [](const webview::AppWindow& w) { return w.open() && w.main_webview(); };
  windows_.for_each([&](const webview::AppWindow& w) {
    all = all && (!reports(w) || w.title().starts_with(options_.exit_on_title));
  });
  if (!all) return;
  titles_done_ = true;
  windows_.for_each([&](const webview::AppWindow& w) {
    if (reports(w)) std::cout << w.label() << '\t' << w.title() << '\n';
  });
  std::cout.flush();
  if (options_.screenshot.empty()) return quit_(0);
  // Let the page paint what it just reported before the snapshot.
  after(300, &HeadlessDriver::take_screenshot);
}

}  // namespace warden::cli
