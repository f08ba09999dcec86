#pragma once
// The app's open windows, by label and by webview: where the host learns who is calling.
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "runtime/caller.hpp"
#include "webview/app_window.hpp"

namespace warden::webview {

class WindowSet {
 public:
  // [main-thread] Takes ownership. Throws std::invalid_argument for a duplicate label.
  AppWindow& add(std::unique_ptr<AppWindow> window);

  AppWindow* find(const std::string& label) const;
  AppWindow* find(WebKitWebView* view) const;
  size_t open_count() const;
  template <class F>
  void for_each(F&& f) const {
    for (auto& [_, w] : windows_) f(*w);
  }

  // [main-thread] The caller of a request from `view` whose frame has origin `origin` (the
  // request's Origin header, computed by WebKit). nullopt when the webview is unknown or closed.
  // The URL used for remote.urls is the top frame's URL when the frame is same-origin with it
  // (host state); for other frames only their origin is known, as "<origin>/".
  std::optional<runtime::Caller> caller_of(WebKitWebView* view, const std::string& origin) const;

  // [main-thread] Runs callback `id` with `data_json` in the top frame of webview `label`, only
  // while it still shows page `page` (AppWindow::page, Caller::page): what a page started is
  // dropped (and logged) once another document took its place (a navigation, a reload after
  // its web process died). The host runs callbacks no other way: an id means nothing to
  // another document, and a hostile one may catch ids it does not know.
  void run_callback_in_page(const std::string& label, uint64_t page, uint32_t id, const std::string& data_json) const;
  // [any-thread, once every window is added] The page webview `label` shows now; 0 when unknown.
  uint64_t page_of(const std::string& label) const;

 private:
  std::map<std::string, std::unique_ptr<AppWindow>> windows_;
};

}  // namespace warden::webview
