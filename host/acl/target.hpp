#pragma once
// The platform an ACL is resolved for: permissions and capabilities may be limited to some.
#include <optional>
#include <string>
#include <string_view>

namespace warden::acl {

enum class Target { linux, macos, windows, android, ios };

// Tauri's spelling in manifests: "linux", "macOS", "windows", "android", "iOS".
std::string_view platform_name(Target target);

// Accepts Tauri's spelling and the all-lowercase one the CLI uses ("macos", "ios").
std::optional<Target> parse_target(std::string_view text);

// The platform this host was built for.
Target current_target();

}  // namespace warden::acl
