#include "webview/window_config.hpp"

#include <glib.h>

namespace warden::webview {

std::string window_start_url(const WindowConfig& config) {
  if (g_uri_is_valid(config.url.c_str(), G_URI_FLAGS_NONE, nullptr)) return config.url;
  std::string path = config.url;
  while (!path.empty() && path.front() == '/') path.erase(0, 1);
  return "app://localhost/" + path;
}

}  // namespace warden::webview
