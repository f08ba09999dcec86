#pragma once
// One webview of the app: a WebKitWebView with its own label, in a window with another (or the
// same) label. Every frame gets the bridge at document start, before any page script, with both
// labels baked in; every webview is a caller of its own for the authority (WindowSet::caller_of),
// with its own page counter, navigation policy and crash handling.
#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
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

struct WebviewEvents {
  std::function<void()> closed;  // the webview was destroyed (closed alone, or with its window)
  std::function<void(const std::string&)> title_changed;
  std::function<void()> load_finished;  // the top frame finished loading
  // The web process died ("crashed", "exceeded its memory limit", "was terminated"): the page
  // and everything it registered are gone. Runs before the webview reloads or shows its error page.
  std::function<void(const std::string& reason)> web_process_terminated;
  // A new top-level document was committed (a link, location.href, a redirect, a reload; not a
  // same-document hash or pushState change): the webview shows page `page` now, and what the
  // previous page registered (listeners, channels, resources, children) must go, as after a crash.
  std::function<void(uint64_t page)> page_replaced;
};

// What every webview of a run is made with.
class IpcReceiver;

struct WebviewSetup {
  WebKitWebContext* context = nullptr;
  bool console_to_stderr = false;
  ipc::BridgeOptions bridge;  // freezePrototype, the isolation key
  // Plugins' init scripts: every frame at document start, after the bridge.
  std::vector<std::string> init_scripts;
  // Where a webview's top-level document may go (none: anywhere).
  std::shared_ptr<const NavigationPolicy> navigation;
  // Where the pages' IPC calls go (the native path's user messages); must outlive every webview.
  IpcReceiver* ipc = nullptr;
#ifdef NDEBUG
  bool devtools_allowed = false;  // the web inspector, where the config does not turn it off
#else
  bool devtools_allowed = true;
#endif
};

// The URL a webview loads: `url` when absolute (has a scheme), else app://localhost/<url>.
std::string webview_start_url(const std::string& url);

class AppWebview {
 public:
  // [main-thread] Creates webview `config.label` in window `window_label` with the webview part
  // of `config` (url, userAgent, transparent, backgroundColor, incognito, devtools,
  // zoomHotkeysEnabled, dragDropEnabled, javascriptDisabled: apply_webview_config) and starts
  // loading its start URL. The caller places widget() in a window.
  AppWebview(const WebviewSetup& setup, const WindowConfig& config, std::string window_label, WebviewEvents events);
  ~AppWebview();  // destroys the widget if still alive
  AppWebview(const AppWebview&) = delete;
  AppWebview& operator=(const AppWebview&) = delete;

  const std::string& label() const { return label_; }
  const std::string& window_label() const { return window_label_; }
  // [main-thread] The webview moved to window `label` (reparent): its calls come from that window
  // now, and documents it loads from now on see the new label (the current one keeps its own).
  void set_window_label(const std::string& label);
  WebKitWebView* view() const { return view_; }
  GtkWidget* widget() const;
  bool open() const { return view_ != nullptr; }
  bool drag_drop() const { return drag_drop_; }
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
  void add_scripts();
  void connect_signals();
  static void on_destroy(GtkWidget*, void* self);
  void on_web_process_terminated(const std::string& reason);
  void on_load_committed();

  std::string label_;
  std::string window_label_;
  std::string start_url_;
  ipc::BridgeOptions bridge_;
  IpcReceiver* ipc_ = nullptr;
  std::vector<std::string> init_scripts_;
  bool drag_drop_;
  CrashPolicy crash_policy_;
  std::atomic<uint64_t> page_{0};
  WebviewEvents events_;
  WebKitWebView* view_ = nullptr;
};

}  // namespace warden::webview
