#include "cli/single_instance_subscribers.hpp"

#include <algorithm>

namespace warden::cli {

uint64_t InstanceSubscribers::subscribe(const std::string& plugin, Callback callback) {
  std::lock_guard lock(mutex_);
  if (ended_) return 0;
  uint64_t id = next_id_++;
  subscriptions_.push_back({id, plugin, std::move(callback)});
  return id;
}

bool InstanceSubscribers::unsubscribe(const std::string& plugin, uint64_t id) {
  std::lock_guard lock(mutex_);
  auto it = std::find_if(subscriptions_.begin(), subscriptions_.end(),
                         [&](const Subscription& s) { return s.id == id && s.plugin == plugin; });
  if (it == subscriptions_.end()) return false;
  subscriptions_.erase(it);
  return true;
}

void InstanceSubscribers::deliver(const std::string& arguments_json, const std::string& cwd) {
  std::lock_guard lock(mutex_);
  std::vector<uint64_t> ids;
  for (const Subscription& s : subscriptions_) ids.push_back(s.id);
  for (uint64_t id : ids) {
    auto it = std::find_if(subscriptions_.begin(), subscriptions_.end(), [id](const Subscription& s) { return s.id == id; });
    if (it == subscriptions_.end()) continue;  // ended by an earlier callback
    Callback callback = it->callback;          // the vector may change while it runs
    callback(arguments_json, cwd);
  }
}

void InstanceSubscribers::end_all() {
  std::lock_guard lock(mutex_);
  ended_ = true;
  subscriptions_.clear();
}

std::size_t InstanceSubscribers::count() const {
  std::lock_guard lock(mutex_);
  return subscriptions_.size();
}

}  // namespace warden::cli
