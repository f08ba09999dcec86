#include "log/log.hpp"

#include <cstdlib>
#include <stdexcept>

#include <spdlog/sinks/stdout_color_sinks.h>

namespace warden::log {

std::optional<spdlog::level::level_enum> parse_level(std::string_view name) {
  static constexpr std::pair<std::string_view, spdlog::level::level_enum> kLevels[] = {
      {"trace", spdlog::level::trace}, {"debug", spdlog::level::debug},
      {"info", spdlog::level::info},   {"warn", spdlog::level::warn},
      {"warning", spdlog::level::warn}, {"error", spdlog::level::err},
      {"critical", spdlog::level::critical}, {"off", spdlog::level::off}};
  for (auto [key, level] : kLevels)
    if (key == name) return level;
  return std::nullopt;
}

void init(const std::optional<std::string>& cli_level) {
  std::string name = "warn";
  const char* env = std::getenv("WARDEN_LOG");
  if (cli_level) name = *cli_level;
  else if (env && *env) name = env;
  auto level = parse_level(name);
  if (!level)
    throw std::invalid_argument("unknown log level '" + name +
                                "' (expected trace, debug, info, warn, error, critical or off)");
  spdlog::drop("warden");
  auto logger = spdlog::stderr_color_mt("warden");
  logger->set_pattern("[%Y-%m-%dT%H:%M:%S.%e] [%^%l%$] %v");
  logger->set_level(*level);
  spdlog::set_default_logger(logger);
}

}  // namespace warden::log
