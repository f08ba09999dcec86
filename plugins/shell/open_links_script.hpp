#pragma once
// The shell plugin's init script (Tauri's shell plugin has the same behaviour): a click on a link
// that would open a new browsing context (<a target="_blank">) to an http(s):, mailto: or tel:
// URL goes to plugin:shell|open, so the system's browser opens it instead of nothing happening.
// The call is gated like any other: without shell:allow-open it is refused and nothing opens.
#include <string>

namespace warden::shell_plugin {

std::string open_links_script();

}  // namespace warden::shell_plugin
