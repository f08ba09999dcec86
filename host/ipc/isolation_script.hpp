#pragma once
// The isolation runtime (isolation.js, embedded at build time) completed with the run's key:
// the user script for isolation://localhost documents only (see webview/app_window.cpp).
#include <string>

#include "ipc/isolation_key.hpp"

namespace warden::ipc {

// Where the bridge loads the isolation app, and the URL patterns WebKit matches user scripts on.
inline constexpr const char* kIsolationFrameUrl = "isolation://localhost/index.html";
inline constexpr const char* kIsolationUrlPattern = "isolation://*/*";

std::string isolation_script(const IsolationKey& key);

}  // namespace warden::ipc
