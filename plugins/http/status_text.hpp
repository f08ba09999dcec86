#pragma once
// Response.statusText as Tauri reports it: the standard reason phrase of the status code (not the
// phrase the server wrote, which HTTP/2 does not even carry), "" for a code without one.
#include <string>

namespace warden::http_plugin {

std::string status_text(long status);

}  // namespace warden::http_plugin
