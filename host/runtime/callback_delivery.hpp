#pragma once
// How the host runs a JS callback (registered with __TAURI_INTERNALS__.transformCallback) in a
// webview: events and channel messages are delivered this way.
#include <cstdint>
#include <functional>
#include <string>

namespace warden::runtime {

// [main-thread] Runs callback `callback_id` in the webview labelled `webview` with the JSON
// value `data_json`. Does nothing when the webview is gone.
using CallbackDelivery =
    std::function<void(const std::string& webview, uint32_t callback_id, const std::string& data_json)>;

}  // namespace warden::runtime
