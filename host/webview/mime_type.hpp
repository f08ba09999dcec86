#pragma once
// The Content-Type the app scheme sends for a frontend file, by its extension.
#include <filesystem>
#include <string>

namespace warden::webview {

// "text/html; charset=utf-8" for .html, "text/javascript; charset=utf-8" for .js/.mjs, ...;
// "application/octet-stream" for an unknown extension (case-insensitive).
std::string mime_type_for(const std::filesystem::path& file);

}  // namespace warden::webview
