#pragma once
// The app's windows and their webviews, by label and by WebKitWebView: where the host learns who
// is calling. Windows and webviews have labels of their own; a webview window's window and
// webview share one. A label is in use while a window or a webview by that name is open.
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "runtime/caller.hpp"
#include "webview/app_window.hpp"

namespace warden::webview {

// Tauri's label rule: 1 or more of a-z A-Z 0-9 - / : _ (and at most 256 bytes here).
bool valid_label(std::string_view label);

class WindowSet {
 public:
  // [main-thread] Takes ownership. Throws std::invalid_argument when the label is invalid or in use
  // (an open window or webview has it). A closed window of that label is dropped.
  AppWindow& add(std::unique_ptr<AppWindow> window);
  // [main-thread] Places `webview` in `window` (one of this set's; see AppWindow::add_webview).
  // Throws std::invalid_argument when its label is invalid or in use by another window or
  // webview (a webview may share its own window's label: a webview window).
  AppWebview& add_webview(AppWindow& window, std::unique_ptr<AppWebview> webview,
                          std::optional<WebviewBounds> bounds = std::nullopt);
  // [main-thread] Moves webview `webview` into window `window`, as a child at the place it had
  // (Tauri's reparent). Throws std::invalid_argument naming what is missing.
  void reparent(const std::string& webview, const std::string& window);
  // [main-thread] Is `label` taken by an open window or webview (other than `except`, a window)?
  bool label_in_use(const std::string& label, const AppWindow* except = nullptr) const;

  AppWindow* find(const std::string& label) const;
  AppWebview* find_webview(const std::string& label) const;
  AppWebview* find_webview(WebKitWebView* view) const;
  // The window holding webview `label`, nullptr when none.
  AppWindow* window_of(const std::string& webview) const;
  // Open windows (their webviews do not count).
  size_t open_count() const;
  template <class F>
  void for_each(F&& f) const {
    for (auto& [_, w] : windows_) f(*w);
  }
  template <class F>
  void for_each_webview(F&& f) const {
    for (auto& [_, w] : windows_)
      for (AppWebview* v : w->webviews()) f(*w, *v);
  }

  // [main-thread] The caller of a request from `view` whose frame has origin `origin` (the
  // request's Origin header, computed by WebKit): the webview's own label and its window's.
  // nullopt when the webview is unknown or closed. The URL used for remote.urls is the top
  // frame's URL when the frame is same-origin with it (host state); for other frames only their
  // origin is known, as "<origin>/".
  std::optional<runtime::Caller> caller_of(WebKitWebView* view, const std::string& origin) const;

  // [main-thread] Runs callback `id` with `data_json` in the top frame of webview `label`, only
  // while it still shows page `page` (AppWebview::page, Caller::page): what a page started is
  // dropped (and logged) once another document took its place (a navigation, a reload after
  // its web process died). The host runs callbacks no other way: an id means nothing to
  // another document, and a hostile one may catch ids it does not know.
  void run_callback_in_page(const std::string& label, uint64_t page, uint32_t id, const std::string& data_json) const;
  // [any-thread] The page webview `label` shows now; 0 when unknown.
  uint64_t page_of(const std::string& label) const;

 private:
  void index(AppWebview& webview);
  void drop_closed_webview(const std::string& label);

  std::map<std::string, std::unique_ptr<AppWindow>> windows_;
  // Every webview by label, for page_of from any thread: changed on the main thread under the
  // lock, read there without it.
  mutable std::mutex index_mutex_;
  std::map<std::string, AppWebview*, std::less<>> webviews_;
};

}  // namespace warden::webview
