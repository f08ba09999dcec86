#pragma once
// The path a page names, as @tauri-apps/plugin-fs sends it: an absolute path, a file:// URL, or a
// path relative to a base directory (options.baseDir, the BaseDirectory enum of
// @tauri-apps/api/path). Turned into one absolute path before anything else looks at it.
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace warden::fs_plugin {

// The path variable ("APPDATA", "HOME", ...) a BaseDirectory number stands for; nullopt for an
// unknown number.
std::optional<std::string_view> base_directory_variable(int base_directory);

// Expands "$VAR" into a folder; nullopt when the variable is unknown on this system.
using VariableResolver = std::function<std::optional<std::string>(const std::string& variable)>;

// The absolute path the page means. Throws std::invalid_argument, naming `argument`, for: an
// empty path, a NUL, a URL that is not a local file:// URL, a ".." component (as Tauri refuses
// them), a relative path without a base directory, an unknown base directory.
std::string absolute_page_path(std::string_view path, std::optional<int> base_directory,
                               const VariableResolver& resolve, std::string_view argument = "path");

// %XX sequences decoded; nullopt for a malformed sequence.
std::optional<std::string> percent_decode(std::string_view text);

}  // namespace warden::fs_plugin
