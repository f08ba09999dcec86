#pragma once
// plugins.deep-link of the app config, in the shape of tauri-plugin-deep-link 2.x's config:
//   {"desktop": {"schemes": ["myapp"], "name": "...", "role": "..."}   (or an array of such),
//    "mobile": [...], "registerAtStart": false}
// Only desktop's schemes matter on Linux: they are the URL schemes the app handles, the only ones
// `register` may make it the handler of and the only ones get_current and onOpenUrl deliver.
// "name" and "role" (macOS bundle fields) are accepted and unused; "mobile" (Android and iOS app
// links) must be an array and is unused. "registerAtStart" is Warden's own (Tauri's apps call
// register_all from their Rust setup, which a Warden app does not have): see deep_link.cpp.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/value.hpp>
#include <warden/url_scheme.hpp>

namespace warden::deep_link_plugin {

inline constexpr std::size_t max_schemes = 32;
inline constexpr std::size_t max_scheme_bytes = warden::max_url_scheme_bytes;

struct DeepLinkConfig {
  std::vector<std::string> schemes;  // lower case, each once, in the config's order
  bool register_at_start = false;    // registerAtStart

  bool handles(std::string_view scheme) const;
};

// Throws std::invalid_argument naming the key: an unknown key, a value of the wrong type, a
// scheme that is not RFC 3986 syntax in lower case (warden::is_lower_case_url_scheme), or a scheme of the web or the desktop
// (reserved_scheme).
DeepLinkConfig deep_link_config_from(const boost::json::value& config);

// Why `scheme` may never be an app's deep-link scheme, or nullopt. These are the schemes other
// programs rely on (the web, mail, files, the desktop's own places) and the ones Warden serves
// its pages with: an app made their handler would receive every such link the user opens
// anywhere, so neither the config nor a page can ask for them.
std::optional<std::string> reserved_scheme(std::string_view scheme);

}  // namespace warden::deep_link_plugin
