#pragma once
// Events between the host, plugins and webviews (Tauri's event plugin semantics): webviews
// listen with a callback id and a target filter; anyone emits to every webview or to one label.
//
// Who receives what (docs/bridge.md, "Event targets"):
// - An untargeted emit reaches every listener of the event, whatever its filter (as Tauri).
// - An emit to label T reaches (a) the listeners in webview T or in a webview of window T whose
//   filter is Any or names T, and (b) for the host's own window and webview events (names
//   starting "tauri://") also listeners in other webviews whose filter names T. Tauri also
//   delivers (b) for any event, and (a) to listeners with filter Any in every webview: here
//   another window's page never reads what a plugin or a page sent to T.
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/callback_delivery.hpp"
#include "runtime/main_thread_queue.hpp"
#include "runtime/reserved_event_names.hpp"

namespace warden::runtime {

class EventBus {
 public:
  EventBus(MainThreadQueue& main_thread, CallbackDelivery deliver);

  // Event names: [A-Za-z0-9-/:_], 1..256 bytes.
  static bool valid_event_name(std::string_view name);

  // [any-thread] Registers a listener of `event` in page `page` of `webview` (whose window is
  // `window`); returns the listener's id. Its events reach that page only (CallbackDelivery).
  // `filter`: the label the listener wants events of (Tauri's target {kind: Window|Webview|
  // WebviewWindow|AnyLabel, label}); none: any (kind Any).
  uint32_t listen(const std::string& window, const std::string& webview, uint64_t page, const std::string& event,
                  uint32_t callback_id, const std::optional<std::string>& filter = std::nullopt);
  // [any-thread] Removes a listener; only the webview that registered it may remove it.
  void unlisten(const std::string& webview, const std::string& event, uint32_t id);
  // [any-thread] Drops every listener of a webview (it closed, or its page went).
  void forget_webview(const std::string& webview);
  // [any-thread] Webview `webview` moved to window `window` (reparent): emits to that window reach it.
  void webview_moved(const std::string& webview, const std::string& window);
  // [any-thread] Would an emit of `event` to `target` reach a listener? (A page that listens for
  // tauri://close-requested on its window decides whether the window closes.)
  bool has_listeners(const std::string& event, const std::string& target) const;

  // The names reserved for the host and for loaded plugins (runtime/reserved_event_names.hpp):
  // emit() sends anything; who calls it on behalf of a page or plugin asks may_emit() first.
  ReservedEventNames& reserved_names() { return reserved_; }
  const ReservedEventNames& reserved_names() const { return reserved_; }

  // [any-thread] Emits to every listener, or to label `target` (see the rules above).
  // `payload_json` must be valid JSON. Returns false for an invalid name.
  bool emit(const std::string& event, const std::string& payload_json,
            const std::optional<std::string>& target = std::nullopt);

 private:
  struct Listener {
    uint32_t id;
    std::string window;
    std::string webview;
    uint64_t page;
    uint32_t callback_id;
    std::optional<std::string> filter;
  };
  static bool reaches(const Listener& l, std::string_view event, const std::optional<std::string>& target);
  MainThreadQueue& main_thread_;
  CallbackDelivery deliver_;
  ReservedEventNames reserved_;
  mutable std::mutex mutex_;
  uint32_t next_id_ = 1;
  std::map<std::string, std::vector<Listener>, std::less<>> listeners_;
};

}  // namespace warden::runtime
