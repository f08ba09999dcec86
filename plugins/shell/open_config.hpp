#pragma once
// plugins.shell in the app config, and what `open(path, with)` may launch.
//   "open":   absent or true -> the default validator (mailto:, tel:, http(s) URLs);
//             false -> open is refused; a string -> that regex, which must match the whole path.
//   "opener": the program that opens a path when the page names none (default "xdg-open"),
//             an absolute path, a $VARIABLE path or a bare name found in PATH.
// The host removes its own keys ("path", "sha256") before init, so any other field is refused.
#include <memory>
#include <optional>
#include <regex>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/value.hpp>

namespace warden::shell_plugin {

// The default validator (Tauri's documented default): a mailto:, tel: or http(s) URL.
inline constexpr const char* kDefaultOpenValidator = R"(^((mailto:\w+)|(tel:\w+)|(https?://\w+)).+)";

struct OpenConfig {
  bool enabled = true;
  std::string validator = kDefaultOpenValidator;
  std::shared_ptr<const std::regex> regex;
  std::string opener = "xdg-open";
};

// Throws std::invalid_argument naming plugins.shell.<field>.
OpenConfig parse_open_config(const boost::json::value& config);

// Throws when `path` may not be opened: std::invalid_argument for an empty path, a NUL byte or a
// leading '-' (the opener would read it as an option); ScopeError (shell_scope.hpp) when open is
// disabled, the validator does not match the whole path, or it is a mailto: URL with a field
// that attaches files (warden/mailto.hpp's mailto_attachment_field).
void check_open_path(const OpenConfig& config, const std::string& path);

// The program and leading arguments for the page's `with` (one of the names @tauri-apps/plugin-shell
// documents); nullopt `with` gives the configured opener. Throws std::runtime_error for a name
// that is not one of them or has no Linux program.
std::vector<std::string> opener_command(const OpenConfig& config, const std::optional<std::string>& with);

}  // namespace warden::shell_plugin
