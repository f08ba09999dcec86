#pragma once
// Where the session bus is, found without starting one: GLib, asked for the session bus when none
// is set, would autolaunch a bus through X11 (dbus-launch), which a tray icon must never cause.
#include <optional>
#include <string>

namespace warden::desktop::tray {

// [any-thread] DBUS_SESSION_BUS_ADDRESS when set, else unix:path=$XDG_RUNTIME_DIR/bus when that
// socket exists (systemd's user bus). nullopt with `error` saying what was looked at otherwise.
std::optional<std::string> session_bus_address(std::string& error);

}  // namespace warden::desktop::tray
