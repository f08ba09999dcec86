#pragma once
// Who made a call, as the host knows it from its own state (never from the message).
#include <cstdint>
#include <string>

namespace warden::runtime {

struct Caller {
  std::string window;   // window label
  std::string webview;  // webview label
  std::string origin;   // the calling frame's origin, e.g. "app://localhost"
  std::string url;      // the calling frame's URL when known (for remote.urls), else the origin
  uint64_t page = 0;    // which page of the webview made the call: one more after each web process death
};

}  // namespace warden::runtime
