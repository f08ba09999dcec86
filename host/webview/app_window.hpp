#pragma once
// One top-level window with its webview: a GtkWindow holding a WebKitWebView whose every frame
// gets the bridge (labels baked in) at document start, before any page script.
#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "ipc/bridge_script.hpp"
#include "webview/crash_policy.hpp"
#include "webview/navigation_policy.hpp"
#include "webview/window_config.hpp"

typedef struct _GtkWidget GtkWidget;
typedef struct _WebKitWebView WebKitWebView;
typedef struct _WebKitWebContext WebKitWebContext;

namespace warden::webview {

struct WindowEvents {
  std::function<void()> closed;                          // the window was destroyed
  std::function<void(const std::string&)> title_changed;
  std::function<void()> load_finished;                   // the top frame finished loading
  // The web process died ("crashed", "exceeded its memory limit", "was terminated"): the page
  // and everything it registered are gone. Runs before the window reloads or shows its error page.
  std::function<void(const std::string& reason)> web_process_terminated;
  // A new top-level document was committed (a link, location.href, a redirect, a reload; not a
  // same-document hash or pushState change): the webview shows page `page` now, and what the
  // previous page registered (listeners, channels, resources, children) must go, as after a crash.
  std::function<void(uint64_t page)> page_replaced;
};

class AppWindow {
 public:
  // [main-thread] Creates and shows the window and starts loading its URL.
  // `init_scripts` (plugins' init scripts) run in every frame at document start, after the bridge.
  // `bridge` carries the run's invoke key and freezePrototype into the bridge's closure.
  // `navigation` says where the top-level document may go (none: anywhere).
  AppWindow(WebKitWebContext* context, const WindowConfig& config, WindowEvents events,
            bool console_to_stderr, const ipc::BridgeOptions& bridge,
            const std::vector<std::string>& init_scripts = {},
            std::shared_ptr<const NavigationPolicy> navigation = nullptr);
  ~AppWindow();  // destroys the window if still open
  AppWindow(const AppWindow&) = delete;
  AppWindow& operator=(const AppWindow&) = delete;

  const std::string& label() const { return label_; }
  WebKitWebView* view() const { return view_; }
  bool open() const { return window_ != nullptr; }
  // The GTK window (a GtkWindow) while open, else nullptr: what the window commands act on.
  GtkWidget* gtk_window() const { return window_; }
  std::string title() const;
  // The URL of the top frame right now ("" when unknown).
  std::string current_url() const;
  // [any-thread] Which page the webview shows: starts at 0, one more for each top-level document
  // committed and after each web process death. What a page started (listeners, channels,
  // resources) must not reach a later page.
  uint64_t page() const { return page_.load(); }

  // Runs a script in the top frame; errors go to the log.
  void run_script(const std::string& script);
  // Writes the visible part of the webview as PNG; `done(ok)` runs on the main thread.
  void snapshot_png(const std::string& path, std::function<void(bool)> done);
  void close();

 private:
  static void on_destroy(GtkWidget*, void* self);
  void on_web_process_terminated(const std::string& reason);
  void on_load_committed();
  std::string label_;
  std::string start_url_;
  CrashPolicy crash_policy_;
  std::atomic<uint64_t> page_{0};
  WindowEvents events_;
  GtkWidget* window_ = nullptr;
  WebKitWebView* view_ = nullptr;
};

}  // namespace warden::webview
