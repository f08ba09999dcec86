#pragma once
// Reading the commands' JSON arguments, with errors that name the argument and what was
// expected.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/value.hpp>

#include "page_path.hpp"
#include "scoped_path.hpp"

namespace warden::fs_plugin {

// What the commands need from the host: the scope check of this call and the path variables.
struct Access {
  ScopeCheck in_scope;
  VariableResolver resolve;
};

const boost::json::object& object_arg(const boost::json::value& args);
std::string string_arg(const boost::json::value& args, std::string_view name);
std::uint64_t unsigned_arg(const boost::json::value& args, std::string_view name);
std::int64_t signed_arg(const boost::json::value& args, std::string_view name);
std::uint32_t rid_arg(const boost::json::value& args);
// args.options, or an empty object when absent or null.
const boost::json::object& options_arg(const boost::json::value& args);
std::optional<bool> bool_option(const boost::json::object& options, std::string_view name);
std::optional<std::uint64_t> unsigned_option(const boost::json::object& options, std::string_view name);
// Bytes sent as a JSON array of numbers, or as what JSON.stringify makes of a Uint8Array
// ({"0": 1, "1": 2, ...}).
std::vector<std::uint8_t> bytes_arg(const boost::json::value& args, std::string_view name);

// The path argument `name` with the base directory option `base_option`, checked against the
// scope. Throws std::invalid_argument or std::runtime_error("forbidden path: ...").
ScopedPath scoped_arg(const boost::json::value& args, std::string_view name, std::string_view base_option,
                      Reach reach, const Access& access);

}  // namespace warden::fs_plugin
