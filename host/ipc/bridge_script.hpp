#pragma once
// The script injected into every frame of a webview (bridge.js, embedded at build time),
// completed with the labels of the window and webview it runs in.
#include <string>
#include <string_view>

namespace warden::ipc {

// The bridge as JavaScript source, called with {currentWindow: {label}, currentWebview:
// {windowLabel, label}} built from the given labels (escaped as JSON).
std::string bridge_script(std::string_view window_label, std::string_view webview_label);

}  // namespace warden::ipc
