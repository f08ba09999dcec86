#pragma once
// Reading the commands' JSON arguments, with errors that name the argument and what was
// expected.
#include <sys/types.h>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/value.hpp>

#include "page_path.hpp"
#include "scoped_path.hpp"

namespace warden::fs_plugin {

// What the commands need from the host: the scope check of this call, the path variables, the
// call's scopes (for what their denies reach) and the grants of the plugin's other commands.
struct Access {
  PathCheck check;          // the host's check_path of this call (the canonical path to open)
  Canonicalizer canonical;  // the host's canonical_path (an entry's folder, a deny's folder)
  ScopeCheck in_scope;      // the host's path_in_scope under this call's scopes
  VariableResolver resolve;
  // The call's scopes as the host handed them (warden_request::scopes_json).
  std::string scopes_json;
  // For a command of this plugin that has the same effect as an option (open's write ->
  // write_file): the path check under that command's scopes for this same caller, or nullopt
  // when the caller may not run it or the host cannot tell.
  std::function<std::optional<ScopeCheck>(std::string_view command)> grant_of;
};

// Throws ScopeRefusal unless this caller may run `command` on `path` (canonical): a command
// whose option has the effect of another command needs that command's grant too. `why` names
// the option for the audit log.
void require_grant(const Access& access, std::string_view command, const std::string& path, std::string_view why);

// Throws std::invalid_argument for setuid, setgid and sticky bits: a page has no use for them
// and a set-id file is a way to keep running code with another identity.
mode_t checked_mode(std::uint64_t mode, std::string_view option);

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
