#include "notification_content.hpp"

#include <stdexcept>

#include <boost/json.hpp>

namespace warden::notification_plugin {
namespace {

// The string at `key`, nullopt when absent or null; throws when it is another type or too long.
std::optional<std::string> bounded_string(const boost::json::object& o, std::string_view key, std::size_t max) {
  const boost::json::value* v = o.if_contains(key);
  if (!v || v->is_null()) return std::nullopt;
  if (!v->is_string()) throw std::invalid_argument("options." + std::string(key) + " must be a string");
  const boost::json::string& s = v->get_string();
  if (s.size() > max)
    throw std::invalid_argument("options." + std::string(key) + " is " + std::to_string(s.size()) +
                                " bytes long; at most " + std::to_string(max) + " are shown");
  return std::string(s);
}

}  // namespace

NotificationContent content_from_options(const boost::json::value& options, std::string_view fallback_title) {
  if (!options.is_object()) throw std::invalid_argument("options must be an object with a title");
  const boost::json::object& o = options.get_object();
  NotificationContent c;
  c.title = bounded_string(o, "title", max_title_bytes).value_or(std::string(fallback_title));
  if (c.title.empty()) throw std::invalid_argument("options.title must not be empty");
  c.body = bounded_string(o, "body", max_body_bytes).value_or("");
  c.icon = bounded_string(o, "icon", max_icon_bytes);
  if (c.icon && c.icon->empty()) c.icon.reset();
  c.action_type_id = bounded_string(o, "actionTypeId", max_action_type_id_bytes);
  if (const boost::json::value* s = o.if_contains("silent"); s && !s->is_null()) {
    if (!s->is_bool()) throw std::invalid_argument("options.silent must be a boolean");
    c.silent = s->get_bool();
  }
  return c;
}

std::string escape_markup(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char ch : text) {
    switch (ch) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      default: out += ch;
    }
  }
  return out;
}

}  // namespace warden::notification_plugin
