#pragma once
// Who made a call, as the host knows it from its own state (never from the message).
#include <string>

namespace warden::runtime {

struct Caller {
  std::string window;   // window label
  std::string webview;  // webview label
  std::string origin;   // the calling frame's origin, e.g. "app://localhost"
  std::string url;      // the calling frame's URL when known (for remote.urls), else the origin
};

}  // namespace warden::runtime
