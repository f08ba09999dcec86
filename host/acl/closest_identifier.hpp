#pragma once
// "Did you mean ...?" for unknown identifiers, fields and plugins.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace warden::acl {

// Edit distance (insertions, deletions, substitutions).
std::size_t edit_distance(std::string_view a, std::string_view b);

// Up to `max` candidates close to `wanted`, closest first: those within a third of its
// length in edits, or that contain it / are contained in it (a missing "allow-" prefix).
std::vector<std::string> closest_identifiers(std::string_view wanted,
                                             const std::vector<std::string>& candidates,
                                             std::size_t max = 3);

// 'a', 'b', 'c'
std::string quoted_list(const std::vector<std::string>& items);

}  // namespace warden::acl
