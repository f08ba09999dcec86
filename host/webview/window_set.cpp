#include "webview/window_set.hpp"

#include <stdexcept>

#include <spdlog/spdlog.h>

#include "acl/origin.hpp"

namespace warden::webview {

AppWindow& WindowSet::add(std::unique_ptr<AppWindow> window) {
  auto label = window->label();
  auto [it, inserted] = windows_.emplace(label, std::move(window));
  if (!inserted) throw std::invalid_argument("two windows are labelled '" + label + "'");
  return *it->second;
}

AppWindow* WindowSet::find(const std::string& label) const {
  auto it = windows_.find(label);
  return it == windows_.end() ? nullptr : it->second.get();
}

AppWindow* WindowSet::find(WebKitWebView* view) const {
  if (!view) return nullptr;
  for (auto& [_, w] : windows_)
    if (w->view() == view) return w.get();
  return nullptr;
}

size_t WindowSet::open_count() const {
  size_t n = 0;
  for (auto& [_, w] : windows_) n += w->open() ? 1 : 0;
  return n;
}

std::optional<runtime::Caller> WindowSet::caller_of(WebKitWebView* view, const std::string& origin) const {
  AppWindow* window = find(view);
  if (!window || !window->open()) return std::nullopt;
  runtime::Caller caller;
  caller.window = window->label();
  caller.webview = window->label();  // one webview per window
  caller.origin = origin;
  caller.page = window->page();
  std::string top = window->current_url();
  caller.url = (!top.empty() && acl::url_has_origin(top, origin)) ? top : origin + "/";
  return caller;
}

void WindowSet::run_callback_in_page(const std::string& label, uint64_t page, uint32_t id,
                                     const std::string& data_json) const {
  AppWindow* window = find(label);
  if (!window || !window->open()) return;
  if (window->page() != page) {
    spdlog::info("window '{}': dropped a message for its page {}, which is gone (page {} now)", label, page,
                 window->page());
    return;
  }
  window->run_script("window.__TAURI_INTERNALS__.runCallback(" + std::to_string(id) + "," + data_json + ")");
}

uint64_t WindowSet::page_of(const std::string& label) const {
  AppWindow* window = find(label);
  return window ? window->page() : 0;
}

}  // namespace warden::webview
