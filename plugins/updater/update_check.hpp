#pragma once
// Asking the configured endpoints, in order, as Tauri's updater does: a 204 from an endpoint means
// "no update" and ends the search; a 2xx with a release ends it; a failure (transport, another
// status, JSON that does not parse) moves on to the next endpoint, and the last failure is the
// error when none answered.
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "http_transfer.hpp"
#include "release_json.hpp"

namespace warden::updater {

struct CheckRequest {
  std::vector<std::string> endpoints;  // templates from the config
  std::string current_version;
  std::optional<std::string> target;   // the page's; {{target}} is "linux" without it
  std::string arch;
};

using FetchJson = std::function<JsonAnswer(const std::string& url)>;

// Why a page's `target` cannot be used, or nullopt. A target is a plain name, as Tauri's are
// ("linux-x86_64", "darwin-aarch64", an app's own "linux-x86_64-beta"): 1 to 64 of A-Z a-z 0-9
// '-' '_' '.', not starting with '.'. Anything else ("..", '/', '?', '#', '%', spaces, controls)
// would change the endpoint's path or query where it replaces {{target}}: refused, never encoded.
std::optional<std::string> target_problem(std::string_view target);

// nullopt: an endpoint said 204. Throws std::invalid_argument for a target target_problem
// refuses (before any request), std::runtime_error with the last endpoint's failure.
std::optional<Release> ask_endpoints(const CheckRequest& request, const FetchJson& fetch);

}  // namespace warden::updater
