#pragma once
// How the host runs a JS callback (registered with __TAURI_INTERNALS__.transformCallback) in a
// webview: events and channel messages are delivered this way.
#include <cstdint>
#include <functional>
#include <string>

namespace warden::runtime {

// [main-thread] Runs callback `callback_id` with the JSON value `data_json` in the webview
// labelled `webview`, only while it still shows page `page` (Caller::page: the page that
// registered the callback). Does nothing when the webview is gone or shows another page: a
// callback id means nothing to another document, and a hostile one may catch unknown ids.
using CallbackDelivery = std::function<void(const std::string& webview, uint64_t page, uint32_t callback_id,
                                            const std::string& data_json)>;

}  // namespace warden::runtime
