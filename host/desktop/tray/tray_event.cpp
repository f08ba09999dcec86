#include "desktop/tray/tray_event.hpp"

#include <boost/json.hpp>

namespace warden::desktop::tray {
namespace json = boost::json;

namespace {

const char* button_name(MouseButton button) {
  switch (button) {
    case MouseButton::right: return "Right";
    case MouseButton::middle: return "Middle";
    case MouseButton::left: break;
  }
  return "Left";
}

}  // namespace

std::string event_json(const TrayEvent& event, const std::string& tray_id) {
  // Tauri sends the position as a PhysicalPosition<f64> (numbers with a fraction) and the rect's
  // as whole pixels; JSON does not tell them apart, so whole numbers serve both.
  json::object rect{{"position", {{"Physical", {{"x", event.x}, {"y", event.y}}}}},
                    {"size", {{"Physical", {{"width", 0}, {"height", 0}}}}}};
  json::object out{{"type", event.type == TrayEvent::Type::click ? "Click" : "DoubleClick"},
                   {"id", tray_id},
                   {"position", {{"x", event.x}, {"y", event.y}}},
                   {"rect", std::move(rect)},
                   {"button", button_name(event.button)}};
  if (event.type == TrayEvent::Type::click) out["buttonState"] = event.down ? "Down" : "Up";
  return json::serialize(out);
}

}  // namespace warden::desktop::tray
