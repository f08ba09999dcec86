#include "runtime/event_bus.hpp"

#include <algorithm>

#include <boost/json.hpp>

namespace warden::runtime {

EventBus::EventBus(MainThreadQueue& main_thread, CallbackDelivery deliver)
    : main_thread_(main_thread), deliver_(std::move(deliver)) {}

bool EventBus::valid_event_name(std::string_view name) {
  if (name.empty() || name.size() > 256) return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '/' || c == ':' || c == '_';
  });
}

uint32_t EventBus::listen(const std::string& window, const std::string& webview, uint64_t page,
                          const std::string& event, uint32_t callback_id, const std::optional<std::string>& filter) {
  std::lock_guard lock(mutex_);
  uint32_t id = next_id_++;
  listeners_[event].push_back({id, window, webview, page, callback_id, filter});
  return id;
}

bool EventBus::reaches(const Listener& l, std::string_view event, const std::optional<std::string>& target) {
  if (!target) return true;
  bool names_target = l.filter && *l.filter == *target;
  bool inside_target = l.window == *target || l.webview == *target;
  if (inside_target && (!l.filter || names_target)) return true;
  // Elsewhere, only for the host's window and webview events, which carry nothing a page sent.
  return names_target && event.starts_with("tauri://");
}

void EventBus::webview_moved(const std::string& webview, const std::string& window) {
  std::lock_guard lock(mutex_);
  for (auto& [_, list] : listeners_)
    for (auto& l : list)
      if (l.webview == webview) l.window = window;
}

bool EventBus::has_listeners(const std::string& event, const std::string& target) const {
  std::lock_guard lock(mutex_);
  auto it = listeners_.find(event);
  if (it == listeners_.end()) return false;
  return std::any_of(it->second.begin(), it->second.end(),
                     [&](const Listener& l) { return reaches(l, event, target); });
}

void EventBus::unlisten(const std::string& webview, const std::string& event, uint32_t id) {
  std::lock_guard lock(mutex_);
  auto it = listeners_.find(event);
  if (it == listeners_.end()) return;
  std::erase_if(it->second, [&](const Listener& l) { return l.id == id && l.webview == webview; });
}

void EventBus::forget_webview(const std::string& webview) {
  std::lock_guard lock(mutex_);
  for (auto& [_, list] : listeners_)
    std::erase_if(list, [&](const Listener& l) { return l.webview == webview; });
}

bool EventBus::emit(const std::string& event, const std::string& payload_json,
                    const std::optional<std::string>& target) {
  if (!valid_event_name(event)) return false;
  std::vector<Listener> matched;
  {
    std::lock_guard lock(mutex_);
    auto it = listeners_.find(event);
    if (it == listeners_.end()) return true;
    for (const auto& l : it->second)
      if (reaches(l, event, target)) matched.push_back(l);
  }
  for (auto& l : matched) {
    // {event, id, payload}: what @tauri-apps/api's listen() handlers receive.
    std::string data = "{\"event\":" + boost::json::serialize(boost::json::value(boost::json::string(event))) +
                       ",\"id\":" + std::to_string(l.id) + ",\"payload\":" + payload_json + "}";
    main_thread_.post([this, webview = l.webview, page = l.page, cb = l.callback_id, data = std::move(data)] {
      deliver_(webview, page, cb, data);
    });
  }
  return true;
}

}  // namespace warden::runtime
