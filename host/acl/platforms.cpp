#include "acl/platforms.hpp"

#include "acl/document.hpp"

namespace warden::acl {

std::vector<std::string> parse_platforms(const Document& doc, const boost::json::value& v,
                                         const std::string& path) {
  auto names = expect_string_list(doc, v, path);
  for (std::size_t i = 0; i < names.size(); ++i) {
    auto target = parse_target(names[i]);
    if (!target)
      doc.fail(ErrorKind::invalid_value, index_path(path, i),
               "unknown platform '" + names[i] + "'; expected linux, macOS, windows, android or iOS");
    names[i] = std::string(platform_name(*target));
  }
  return names;
}

bool active_on(const std::optional<std::vector<std::string>>& platforms, Target target) {
  if (!platforms) return true;
  for (const auto& name : *platforms)
    if (parse_target(name) == target) return true;
  return false;
}

}  // namespace warden::acl
