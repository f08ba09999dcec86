#pragma once
// Asking the configured endpoints, in order, as Tauri's updater does: a 204 from an endpoint means
// "no update" and ends the search; a 2xx with a release ends it; a failure (transport, another
// status, JSON that does not parse) moves on to the next endpoint, and the last failure is the
// error when none answered.
#include <functional>
#include <optional>
#include <string>
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

// nullopt: an endpoint said 204. Throws std::runtime_error with the last endpoint's failure.
std::optional<Release> ask_endpoints(const CheckRequest& request, const FetchJson& fetch);

}  // namespace warden::updater
