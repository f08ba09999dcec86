#pragma once
// What a tray icon tells the page (tray.js's TrayIconEvent, as Tauri serializes it): the protocol
// on Linux (StatusNotifierItem) reports clicks only, with the pointer's place on the screen and
// nothing of the icon's own place or size; there is no hover (no Enter, Move or Leave).
#include <string>

namespace warden::desktop::tray {

enum class MouseButton { left, right, middle };

struct TrayEvent {
  enum class Type { click, double_click } type = Type::click;
  MouseButton button = MouseButton::left;
  bool down = false;  // Click only: "Down" or "Up"
  int x = 0, y = 0;   // where the host says the click was (screen pixels)
};

// The JSON the page's handler receives, e.g. {"type":"Click","id":"main","position":{"x":10,"y":20},
// "rect":{"position":{"Physical":{"x":10,"y":20}},"size":{"Physical":{"width":0,"height":0}}},
// "button":"Left","buttonState":"Up"}: what tray.js's mapEvent reads. The rect is the click's
// point with no size (the protocol does not say where the icon is).
std::string event_json(const TrayEvent& event, const std::string& tray_id);

}  // namespace warden::desktop::tray
