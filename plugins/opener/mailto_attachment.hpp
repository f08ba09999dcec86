#pragma once
// The mailto: rule of docs/security.md, for open_url: a mailto: URL whose header fields ask the
// mail client to attach a local file (attach=, attachment=, X-Attach=, ... however encoded or
// cased) is refused whatever the scope says. Several clients (Evolution, KMail, Claws,
// Thunderbird's -compose) honour such a field, and the message goes to an address the page
// chose: a page allowed to open mailto: links would otherwise mail out any file the user can read.
#include <optional>
#include <string>
#include <string_view>

namespace warden::opener_plugin {

// The name of the first field of the mailto: URL `url` (scheme in any case) whose name, once
// percent-decoded until it no longer changes and stripped of blanks and control characters,
// contains "attach"; fields are split at '?', '&' and ';' since clients differ. nullopt when `url`
// is not a mailto: URL or has no such field.
std::optional<std::string> mailto_attachment_field(std::string_view url);

}  // namespace warden::opener_plugin
