#pragma once
// Logging for the host: spdlog to stderr (stdout carries only command results).
#include <optional>
#include <string>
#include <string_view>

#include <spdlog/spdlog.h>

namespace warden::log {

// Sets up the stderr logger. The level comes from `cli_level` when given, else from the
// WARDEN_LOG environment variable, else "warn". Throws std::invalid_argument for a level
// name spdlog does not know.
void init(const std::optional<std::string>& cli_level);

// Parses "trace|debug|info|warn|error|critical|off"; nullopt for anything else.
std::optional<spdlog::level::level_enum> parse_level(std::string_view name);

}  // namespace warden::log
