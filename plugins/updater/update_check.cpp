#include "update_check.hpp"

#include <stdexcept>

namespace warden::updater {

namespace {

// ASCII only: std::isalnum follows the process locale, which GTK sets from the user's.
bool ascii_alnum(unsigned char c) { return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }
constexpr size_t kMaxTargetLength = 64;
}  // namespace

std::optional<std::string> target_problem(std::string_view target) {
  const std::string rule =
      "target must be a plain name such as linux-x86_64 (1 to 64 of A-Z a-z 0-9 - _ . , not starting with '.')";
  if (target.empty() || target.size() > kMaxTargetLength || target.front() == '.') return rule;
  for (unsigned char c : target)
    if (!ascii_alnum(c) && c != '-' && c != '_' && c != '.') return rule;
  return std::nullopt;
}

std::optional<Release> ask_endpoints(const CheckRequest& request, const FetchJson& fetch) {
  if (request.target)
    if (auto problem = target_problem(*request.target)) throw std::invalid_argument(*problem);
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
