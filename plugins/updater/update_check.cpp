#include "update_check.hpp"

#include <stdexcept>

namespace warden::updater {

std::optional<Release> ask_endpoints(const CheckRequest& request, const FetchJson& fetch) {
  std::string target = request.target.value_or("linux");
  std::vector<std::string> keys = platform_keys(request.target, request.arch);
  std::string last_failure = "no endpoint is configured";
  for (const std::string& endpoint : request.endpoints) {
    std::string url = substitute_endpoint(endpoint, request.current_version, target, request.arch);
    try {
      JsonAnswer answer = fetch(url);
      if (answer.status == 204) return std::nullopt;
      if (answer.status < 200 || answer.status > 299) {
        last_failure = url + " answered HTTP " + std::to_string(answer.status);
        continue;
      }
      return parse_release(answer.body, keys);
    } catch (const std::exception& e) {
      last_failure = std::string(e.what()) + " (" + url + ")";
    }
  }
  throw std::runtime_error("no update endpoint answered with a release: " + last_failure);
}

}  // namespace warden::updater
