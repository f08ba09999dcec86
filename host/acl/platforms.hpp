#pragma once
// The `platforms` field shared by permissions and capabilities.
#include <optional>
#include <string>
#include <vector>

#include <boost/json/value.hpp>

#include "acl/target.hpp"

namespace warden::acl {

struct Document;

// A list of platform names in Tauri's spelling; unknown names are errors (a typo would
// otherwise silently disable a permission or capability).
std::vector<std::string> parse_platforms(const Document& doc, const boost::json::value& v,
                                         const std::string& path);

// nullopt means every platform.
bool active_on(const std::optional<std::vector<std::string>>& platforms, Target target);

}  // namespace warden::acl
