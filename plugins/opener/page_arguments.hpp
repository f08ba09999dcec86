#pragma once
// The arguments @tauri-apps/plugin-opener 2.x sends, read with messages that say what was expected:
//   open_url {url, with?}, open_path {path, with?}, reveal_item_in_dir {paths} (2.7; {path} before).
// Every failure is std::invalid_argument, whose message reaches the page.
#include <optional>
#include <string>
#include <vector>

#include <boost/json/value.hpp>

namespace warden::opener_plugin {

inline constexpr std::size_t kMaxUrlBytes = 32 * 1024;
inline constexpr std::size_t kMaxRevealedItems = 1024;

struct OpenUrlArgs {
  std::string url;
  std::optional<std::string> with;
};
struct OpenPathArgs {
  std::string path;
  std::optional<std::string> with;
};

// The URL must be at most kMaxUrlBytes, start with a scheme and hold no blank or control
// character (a space must be written %20): what is matched against the scope is then exactly
// what the handler receives, with nothing a handler might cut or trim differently.
OpenUrlArgs open_url_args(const boost::json::value& args);
// The path must be absolute (a relative path has no meaning for the host, whose working folder
// the page does not know) and hold no NUL.
OpenPathArgs open_path_args(const boost::json::value& args);
// Up to kMaxRevealedItems absolute paths ("paths", or "path" alone as older packages send it); an
// empty list reveals nothing, as in Tauri.
std::vector<std::string> reveal_args(const boost::json::value& args);

}  // namespace warden::opener_plugin
