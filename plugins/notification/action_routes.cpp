#include "action_routes.hpp"

#include <algorithm>
#include <stdexcept>

#include <boost/json.hpp>

namespace warden::notification_plugin {
namespace json = boost::json;
namespace {

std::string bounded_text(const json::object& o, std::string_view key, std::string_view where, bool required) {
  const json::value* v = o.if_contains(key);
  if (!v || v->is_null()) {
    if (required) throw std::invalid_argument(std::string(where) + "." + std::string(key) + " is required");
    return {};
  }
  if (!v->is_string()) throw std::invalid_argument(std::string(where) + "." + std::string(key) + " must be a string");
  const json::string& s = v->get_string();
  if (s.size() > max_action_text_bytes)
    throw std::invalid_argument(std::string(where) + "." + std::string(key) + " is longer than " +
                                std::to_string(max_action_text_bytes) + " bytes");
  if (required && s.empty()) throw std::invalid_argument(std::string(where) + "." + std::string(key) + " is empty");
  return std::string(s);
}

}  // namespace

std::vector<ActionType> action_types_from(const json::value& types) {
  if (!types.is_array()) throw std::invalid_argument("types must be an array of action types");
  const json::array& list = types.get_array();
  if (list.size() > max_action_types_per_page)
    throw std::invalid_argument("at most " + std::to_string(max_action_types_per_page) + " action types per page");
  std::vector<ActionType> out;
  for (const json::value& t : list) {
    if (!t.is_object()) throw std::invalid_argument("each action type must be an object {id, actions}");
    ActionType type;
    type.id = bounded_text(t.get_object(), "id", "types[]", true);
    const json::value* actions = t.get_object().if_contains("actions");
    if (!actions || !actions->is_array()) throw std::invalid_argument("types[].actions must be an array");
    if (actions->get_array().size() > max_actions_per_type)
      throw std::invalid_argument("at most " + std::to_string(max_actions_per_type) + " actions per type");
    for (const json::value& a : actions->get_array()) {
      if (!a.is_object()) throw std::invalid_argument("each action must be an object {id, title}");
      ActionDefinition d;
      d.id = bounded_text(a.get_object(), "id", "actions[]", true);
      d.title = bounded_text(a.get_object(), "title", "actions[]", false);
      if (d.title.empty()) d.title = d.id;
      type.actions.push_back(std::move(d));
    }
    out.push_back(std::move(type));
  }
  return out;
}

void ActionRoutes::set_action_types(const PageKey& page, std::vector<ActionType> types) {
  std::lock_guard lock(mutex_);
  action_types_[page] = std::move(types);
}

std::optional<std::vector<ActionDefinition>> ActionRoutes::actions_of(const PageKey& page,
                                                                      const std::string& type_id) const {
  std::lock_guard lock(mutex_);
  auto it = action_types_.find(page);
  if (it == action_types_.end()) return std::nullopt;
  for (const ActionType& t : it->second)
    if (t.id == type_id) return t.actions;
  return std::nullopt;
}

void ActionRoutes::add_listener(const PageKey& page, std::string event, std::uint64_t channel_id, Channel channel) {
  std::lock_guard lock(mutex_);
  // Past the bound the page's oldest listener goes (its channel closed): a reloaded document
  // registers again under the same webview and origin while the old document's listeners, whose
  // channels lead nowhere now, are never unregistered.
  auto of_page = [&](const Listener& l) { return l.page == page; };
  if (static_cast<std::size_t>(std::count_if(listeners_.begin(), listeners_.end(), of_page)) >=
      max_listeners_per_page)
    listeners_.erase(std::find_if(listeners_.begin(), listeners_.end(), of_page));
  listeners_.push_back(Listener{page, std::move(event), channel_id, std::move(channel)});
}

bool ActionRoutes::remove_listener(const PageKey& page, const std::string& event, std::uint64_t channel_id) {
  std::lock_guard lock(mutex_);
  auto it = std::find_if(listeners_.begin(), listeners_.end(), [&](const Listener& l) {
    return l.page == page && l.event == event && l.channel_id == channel_id;
  });
  if (it == listeners_.end()) return false;
  listeners_.erase(it);  // its Channel closes
  return true;
}

void ActionRoutes::remember(std::uint32_t id, const PageKey& page, json::object notification) {
  std::lock_guard lock(mutex_);
  if (!sent_.count(id)) sent_order_.push_back(id);
  sent_[id] = Sent{page, std::move(notification)};
  while (sent_order_.size() > max_remembered_notifications) {
    sent_.erase(sent_order_.front());
    sent_order_.pop_front();
  }
}

void ActionRoutes::action_invoked(std::uint32_t id, const std::string& key) {
  std::lock_guard lock(mutex_);
  auto it = sent_.find(id);
  if (it == sent_.end()) return;  // not ours, or forgotten: no page hears of it
  json::object payload{{"actionId", key}, {"notification", it->second.notification}};
  for (const Listener& l : listeners_)
    if (l.page == it->second.page && l.event == "actionPerformed") l.channel.send(payload);
}

void ActionRoutes::closed(std::uint32_t id) {
  std::lock_guard lock(mutex_);
  if (sent_.erase(id)) sent_order_.erase(std::find(sent_order_.begin(), sent_order_.end(), id));
}

}  // namespace warden::notification_plugin
