#pragma once
// Which of an app run's arguments are deep links. The desktop starts the app's handler entry with
// the URL as its argument (Exec ... -- %u), and a later `warden run` hands its arguments to the
// running instance; but anyone who can run programs as the user can pass any argument, so an
// argument counts only when it is a URL of a configured scheme, of bounded size, and at most
// max_links of them per run or hand-over (the scheme read by the SDK's warden::url_scheme). What does not count is reported (for the log) by its
// scheme and size only: a link can carry a token that a log must not keep.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "deep_link_config.hpp"

namespace warden::deep_link_plugin {

inline constexpr std::size_t max_link_bytes = 8192;
inline constexpr std::size_t max_links = 16;

struct LinkArguments {
  std::vector<std::string> links;    // in the order given, the scheme written in lower case
  std::vector<std::string> ignored;  // one line per argument left out: why (never its text)
};

LinkArguments links_among(const std::vector<std::string>& arguments, const DeepLinkConfig& config);

// The same for a JSON array of strings (warden.single-instance/1's arguments); anything that is
// not a string is ignored and reported. Throws std::invalid_argument when `json` is not an array.
LinkArguments links_among_json(std::string_view json, const DeepLinkConfig& config);

}  // namespace warden::deep_link_plugin
