#pragma once
// Where a notification's actions lead: the action types each page registered, the listeners each
// page added (@tauri-apps/plugin-notification's onAction, through addPluginListener), and which
// page sent each notification still on screen. An action the user picks reaches only the page
// that sent that notification: the same webview and frame origin.
#include <cstddef>
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <warden/plugin.hpp>

namespace warden::notification_plugin {

// A page as this plugin tells pages apart: the webview that called and its frame's origin (a
// navigation to another origin in the same webview is another page).
struct PageKey {
  std::string webview;
  std::string origin;
  auto operator<=>(const PageKey&) const = default;
};

struct ActionDefinition {
  std::string id;
  std::string title;
};

struct ActionType {
  std::string id;
  std::vector<ActionDefinition> actions;
};

inline constexpr std::size_t max_action_types_per_page = 16;
inline constexpr std::size_t max_actions_per_type = 8;
inline constexpr std::size_t max_action_text_bytes = 64;
inline constexpr std::size_t max_listeners_per_page = 16;
inline constexpr std::size_t max_remembered_notifications = 256;

// The `types` argument of register_action_types (the package's ActionType[]). Throws
// std::invalid_argument with a message for the page.
std::vector<ActionType> action_types_from(const boost::json::value& types);

class ActionRoutes {
 public:
  // [any-thread] Replaces the page's action types.
  void set_action_types(const PageKey& page, std::vector<ActionType> types);
  // [any-thread] The actions of the page's type `type_id`; nullopt when it registered none such.
  std::optional<std::vector<ActionDefinition>> actions_of(const PageKey& page, const std::string& type_id) const;

  // [any-thread] A listener of the page for `event`; past max_listeners_per_page the page's
  // oldest listener is dropped.
  void add_listener(const PageKey& page, std::string event, std::uint64_t channel_id, Channel channel);
  // [any-thread] Removes the page's listener; false when the page has no such listener.
  bool remove_listener(const PageKey& page, const std::string& event, std::uint64_t channel_id);

  // [any-thread] The server showed `notification` (what the page sent) under `id` for `page`.
  void remember(std::uint32_t id, const PageKey& page, boost::json::object notification);
  // [bus-thread] The user picked `key` on notification `id`: its page's "actionPerformed" listeners hear it.
  void action_invoked(std::uint32_t id, const std::string& key);
  // [bus-thread] Notification `id` is gone from the screen.
  void closed(std::uint32_t id);

 private:
  struct Listener {
    PageKey page;
    std::string event;
    std::uint64_t channel_id;
    Channel channel;
  };
  struct Sent {
    PageKey page;
    boost::json::object notification;
  };
  mutable std::mutex mutex_;
  std::map<PageKey, std::vector<ActionType>> action_types_;
  std::vector<Listener> listeners_;
  std::map<std::uint32_t, Sent> sent_;
  std::deque<std::uint32_t> sent_order_;  // oldest first, to forget past the bound
};

}  // namespace warden::notification_plugin
