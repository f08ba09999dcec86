#include "webview/window_set.hpp"

#include <algorithm>
#include <stdexcept>

#include <spdlog/spdlog.h>

#include "acl/origin.hpp"

namespace warden::webview {

bool valid_label(std::string_view label) {
  if (label.empty() || label.size() > 256) return false;
  return std::all_of(label.begin(), label.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '/' ||
           c == ':' || c == '_';
  });
}

namespace {

void require_valid(const std::string& label) {
  if (!valid_label(label))
    throw std::invalid_argument("label '" + label + "' is invalid: expected 1 to 256 of a-z A-Z 0-9 - / : _");
}

}  // namespace

bool WindowSet::label_in_use(const std::string& label, const AppWindow* except) const {
  auto w = windows_.find(label);
  if (w != windows_.end() && w->second->open() && w->second.get() != except) return true;
  auto v = webviews_.find(label);
  return v != webviews_.end() && v->second->open();
}

AppWindow& WindowSet::add(std::unique_ptr<AppWindow> window) {
  const std::string label = window->label();
  require_valid(label);
  if (label_in_use(label)) throw std::invalid_argument("label '" + label + "' is already in use");
  auto it = windows_.find(label);
  if (it != windows_.end()) {  // closed: its label is free again
    std::unique_ptr<AppWindow> old = std::move(it->second);
    {
      std::lock_guard lock(index_mutex_);
      windows_.erase(it);
      for (AppWebview* v : old->webviews()) webviews_.erase(v->label());
    }
  }
  std::lock_guard lock(index_mutex_);
  return *windows_.emplace(label, std::move(window)).first->second;
}

void WindowSet::drop_closed_webview(const std::string& label) {
  auto v = webviews_.find(label);
  if (v == webviews_.end() || v->second->open()) return;
  AppWindow* holder = window_of(label);
  std::unique_ptr<AppWebview> old;
  {
    std::lock_guard lock(index_mutex_);
    webviews_.erase(v);
    if (holder) old = holder->take_webview(label);
  }
}

void WindowSet::index(AppWebview& webview) {
  std::lock_guard lock(index_mutex_);
  webviews_[webview.label()] = &webview;
}

AppWebview& WindowSet::add_webview(AppWindow& window, std::unique_ptr<AppWebview> webview,
                                   std::optional<WebviewBounds> bounds) {
  const std::string label = webview->label();
  require_valid(label);
  if (label_in_use(label, &window))
    throw std::invalid_argument("label '" + label + "' is already in use");
  drop_closed_webview(label);
  AppWebview& placed = window.add_webview(std::move(webview), bounds);
  index(placed);
  return placed;
}

void WindowSet::reparent(const std::string& webview, const std::string& window) {
  AppWebview* moving = find_webview(webview);
  if (!moving || !moving->open()) throw std::invalid_argument("webview '" + webview + "' not found");
  AppWindow* target = find(window);
  if (!target || !target->open()) throw std::invalid_argument("window '" + window + "' not found");
  AppWindow* source = window_of(webview);
  if (source == target) return;
  std::optional<WebviewBounds> bounds = source ? source->bounds_of(webview) : std::nullopt;
  if (!bounds) bounds = WebviewBounds{0, 0, 1, 1};
  std::lock_guard lock(index_mutex_);
  std::unique_ptr<AppWebview> taken = source->take_webview(webview);
  // A child in its new window, at the place it had: the window's filling webview, if any, stays.
  webviews_[webview] = &target->add_webview(std::move(taken), bounds);
}

AppWindow* WindowSet::find(const std::string& label) const {
  auto it = windows_.find(label);
  return it == windows_.end() ? nullptr : it->second.get();
}

AppWebview* WindowSet::find_webview(const std::string& label) const {
  auto it = webviews_.find(label);
  return it == webviews_.end() ? nullptr : it->second;
}

AppWebview* WindowSet::find_webview(WebKitWebView* view) const {
  if (!view) return nullptr;
  for (auto& [_, v] : webviews_)
    if (v->view() == view) return v;
  return nullptr;
}

AppWindow* WindowSet::window_of(const std::string& webview) const {
  for (auto& [_, w] : windows_)
    if (w->find_webview(webview)) return w.get();
  return nullptr;
}

size_t WindowSet::open_count() const {
  size_t n = 0;
  for (auto& [_, w] : windows_) n += w->open() ? 1 : 0;
  return n;
}

std::optional<runtime::Caller> WindowSet::caller_of(WebKitWebView* view, const std::string& origin) const {
  AppWebview* webview = find_webview(view);
  if (!webview || !webview->open()) return std::nullopt;
  runtime::Caller caller;
  caller.window = webview->window_label();
  caller.webview = webview->label();
  caller.origin = origin;
  caller.page = webview->page();
  std::string top = webview->current_url();
  caller.url = (!top.empty() && acl::url_has_origin(top, origin)) ? top : origin + "/";
  return caller;
}

void WindowSet::run_callback_in_page(const std::string& label, uint64_t page, uint32_t id,
                                     const std::string& data_json) const {
  AppWebview* webview = find_webview(label);
  if (!webview || !webview->open()) return;
  if (webview->page() != page) {
    spdlog::info("webview '{}': dropped a message for its page {}, which is gone (page {} now)", label, page,
                 webview->page());
    return;
  }
  webview->run_script("window.__TAURI_INTERNALS__.runCallback(" + std::to_string(id) + "," + data_json + ")");
}

uint64_t WindowSet::page_of(const std::string& label) const {
  std::lock_guard lock(index_mutex_);
  auto it = webviews_.find(label);
  return it == webviews_.end() ? 0 : it->second->page();
}

}  // namespace warden::webview
