#pragma once
// The plugins listening through warden.single-instance/1 for later instances' arguments: each
// subscription belongs to one plugin, which alone may end it; all end when the run's plugins
// shut down (end_all). [any-thread] subscribe and unsubscribe; deliver on the main thread.
#include <cstdint>
#include <mutex>
#include <string>
#include <vector>

#include "plugin/app_hooks.hpp"

namespace warden::cli {

class InstanceSubscribers {
 public:
  using Callback = plugin::AppHooks::InstanceCallback;

  // A new subscription of `plugin`: its id (> 0); 0 once end_all has run.
  uint64_t subscribe(const std::string& plugin, Callback callback);
  // Ends `id` when it is `plugin`'s; false otherwise. Once it returns, the callback is not called
  // again: a delivery running on the main thread finishes first (a callback may itself
  // unsubscribe; one that waits for another thread unsubscribing would never return).
  bool unsubscribe(const std::string& plugin, uint64_t id);
  // [main-thread] Calls every subscription live at its turn.
  void deliver(const std::string& arguments_json, const std::string& cwd);
  // Ends every subscription and refuses new ones.
  void end_all();
  std::size_t count() const;

 private:
  struct Subscription {
    uint64_t id;
    std::string plugin;
    Callback callback;
  };
  mutable std::recursive_mutex mutex_;  // held through a delivery: see unsubscribe
  std::vector<Subscription> subscriptions_;
  uint64_t next_id_ = 1;
  bool ended_ = false;
};

}  // namespace warden::cli
