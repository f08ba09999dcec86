#pragma once
// plugins.shell in the app config, and what `open(path, with)` may launch.
//   "open":   absent or true -> the default validator (mailto:, tel:, http(s) URLs);
//             false -> open is refused; a string -> that regex, which must match the whole path.
//   "opener": the program that opens a path when the page names none (default "xdg-open"),
//             an absolute path, a $VARIABLE path or a bare name found in PATH.
// "path" and "sha256" belong to the host (where the library is and its pin) and are ignored.
#include <memory>
#include <optional>
#include <regex>
#include <string>
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

// Throws std::runtime_error when `path` may not be opened: open disabled, a NUL byte, a leading
// '-' (the opener would read it as an option), or the validator does not match the whole path.
void check_open_path(const OpenConfig& config, const std::string& path);

// The program and leading arguments for the page's `with` (one of the names @tauri-apps/plugin-shell
// documents); nullopt `with` gives the configured opener. Throws std::runtime_error for a name
// that is not one of them or has no Linux program.
std::vector<std::string> opener_command(const OpenConfig& config, const std::optional<std::string>& with);

}  // namespace warden::shell_plugin
