#pragma once
// What a page asks to show: the `options` of plugin:notification|notify (the package's Options,
// or a Web Notification's title and options), checked against the bounds a hostile page meets.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include <boost/json/value.hpp>

namespace warden::notification_plugin {

// Bounds on what one page may put on the user's screen (bytes of UTF-8): enough for any real
// notification, too little to bury the desktop in text.
inline constexpr std::size_t max_title_bytes = 256;
inline constexpr std::size_t max_body_bytes = 4096;
inline constexpr std::size_t max_icon_bytes = 4096;
inline constexpr std::size_t max_action_type_id_bytes = 64;

struct NotificationContent {
  std::string title;
  std::string body;                           // as the page wrote it (plain text)
  std::optional<std::string> icon;            // as the page wrote it; judged before it is sent
  std::optional<std::string> action_type_id;  // one of the page's registered action types
  bool silent = false;
};

// The content of `options` (an object). `fallback_title` (the app's productName) stands in for
// a missing title, as Tauri's does. Keys the desktop has no use for (schedule, channelId, the Web
// API's tag, dir, ...) are ignored. Throws std::invalid_argument, with a message for the page,
// for a value of the wrong type or over its bound.
NotificationContent content_from_options(const boost::json::value& options, std::string_view fallback_title);

// `text` with &, < and > written as entities: a server that lists "body-markup" reads the body
// as a subset of HTML, and what a page wrote must show as written, not as markup (no links, no
// images the server would fetch).
std::string escape_markup(std::string_view text);

}  // namespace warden::notification_plugin
