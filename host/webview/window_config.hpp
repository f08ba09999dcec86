#pragma once
// One window of the app, as warden.conf.json's app.windows[] describes it.
#include <string>

namespace warden::webview {

struct WindowConfig {
  std::string label = "main";
  std::string url = "index.html";  // relative: under app://localhost/; absolute: loaded as is
  std::string title = "Warden";
  int width = 800;
  int height = 600;
};

// The URL a window loads: `url` when absolute (has a scheme), else app://localhost/<url>.
std::string window_start_url(const WindowConfig& config);

}  // namespace warden::webview
