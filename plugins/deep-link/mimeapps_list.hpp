#pragma once
// The user's choice of default applications, $XDG_CONFIG_HOME/mimeapps.list (the MIME
// Applications Associations Specification), which `xdg-mime default` writes. Nothing removes a
// default there, so unregister takes the app's own out: in [Default Applications], the key
// x-scheme-handler/<scheme> loses our desktop file id from its list, and goes when nothing is
// left. Every other line, group and comment stays as it was.
#include <optional>
#include <string>
#include <string_view>

namespace warden::deep_link_plugin {

// `text` without `desktop_id` as a default for `mime_type`; nullopt when it names none (nothing
// to change).
std::optional<std::string> without_default(std::string_view text, std::string_view mime_type,
                                           std::string_view desktop_id);

}  // namespace warden::deep_link_plugin
