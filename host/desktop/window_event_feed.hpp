#pragma once
// The window events warden.windows/1 hands to plugins (warden_window_event): each window is
// watched from its creation (CREATED before it is first shown), its GTK signals becoming MOVED,
// RESIZED, STATE_CHANGED, CLOSE_REQUESTED and DESTROYED for every subscriber. [main-thread]
// throughout: subscribers, windows and GTK signals are the main thread's.
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "webview/app_window.hpp"
#include "warden/ext/windows.h"

namespace warden::desktop {

class WindowEventFeed : public std::enable_shared_from_this<WindowEventFeed> {
 public:
  using Callback = std::function<void(const std::string& label, warden_window_event event)>;

  // A new subscription of plugin `owner`: its id (never 0).
  uint64_t subscribe(std::string owner, Callback callback);
  // Ends subscription `id` when it is `owner`'s; false otherwise.
  bool unsubscribe(const std::string& owner, uint64_t id);

  // `window` was just made and configured, and is not shown yet: CREATED goes out now, and its
  // GTK signals feed the other events from here on. Must be owned by a shared_ptr (the windows'
  // signal data hold it weakly, so a window outliving the feed reports nothing).
  void watch(webview::AppWindow& window);

  // Sends `event` of window `label` to every subscription live at each callback's turn (a
  // callback may subscribe or unsubscribe).
  void deliver(const std::string& label, warden_window_event event);

 private:
  struct Subscription {
    uint64_t id;
    std::string owner;
    Callback callback;
  };
  std::vector<Subscription> subscriptions_;
  uint64_t next_id_ = 1;
};

}  // namespace warden::desktop
