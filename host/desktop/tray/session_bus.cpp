#include "desktop/tray/session_bus.hpp"

#include <sys/stat.h>

#include <cstdlib>

namespace warden::desktop::tray {

std::optional<std::string> session_bus_address(std::string& error) {
  const char* address = std::getenv("DBUS_SESSION_BUS_ADDRESS");
  if (address && *address) return std::string(address);
  const char* runtime_dir = std::getenv("XDG_RUNTIME_DIR");
  if (runtime_dir && *runtime_dir) {
    std::string socket = std::string(runtime_dir) + "/bus";
    struct stat st{};
    if (::stat(socket.c_str(), &st) == 0 && S_ISSOCK(st.st_mode)) return "unix:path=" + socket;
  }
  error = "no session bus (DBUS_SESSION_BUS_ADDRESS is unset and there is no $XDG_RUNTIME_DIR/bus socket)";
  return std::nullopt;
}

}  // namespace warden::desktop::tray
