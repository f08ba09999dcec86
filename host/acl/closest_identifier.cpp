#include "acl/closest_identifier.hpp"

#include <algorithm>

namespace warden::acl {

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

std::vector<std::string> closest_identifiers(std::string_view wanted,
                                             const std::vector<std::string>& candidates,
                                             std::size_t max) {
  std::vector<std::pair<std::size_t, std::string>> scored;
  std::size_t limit = std::max<std::size_t>(2, wanted.size() / 3);
  for (const auto& c : candidates) {
    std::size_t d = edit_distance(wanted, c);
    bool contains = !wanted.empty() && (c.find(wanted) != std::string::npos ||
                                        (c.size() > 2 && wanted.find(c) != std::string_view::npos));
    // A set naming "x" almost always meant the generated "allow-x": rank it first.
    if (c.size() == wanted.size() + 6 && c.starts_with("allow-") && c.ends_with(wanted)) d = 0;
    if (d <= limit || contains) scored.emplace_back(d, c);
  }
  std::sort(scored.begin(), scored.end());
  scored.erase(std::unique(scored.begin(), scored.end()), scored.end());
  std::vector<std::string> out;
  for (std::size_t i = 0; i < scored.size() && i < max; ++i) out.push_back(scored[i].second);
  return out;
}

std::string quoted_list(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "'" : ", '") + item + "'";
  return out;
}

}  // namespace warden::acl
