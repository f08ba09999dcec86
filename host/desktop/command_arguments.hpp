#pragma once
// A page's JSON arguments to a desktop command, read with messages that name the argument and
// what was expected, and a refusal that answers the page with that message: the image, tray and
// menu commands read theirs this way.
#include <cstdint>
#include <optional>
#include <stdexcept>

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include "runtime/command_table.hpp"
#include "runtime/invocation.hpp"

namespace warden::desktop {

// An argument the page got wrong: the message names it and what was expected.
struct BadArgument : std::invalid_argument {
  using std::invalid_argument::invalid_argument;
};

// [any-thread] The call's arguments; anything but a JSON object is refused.
boost::json::object arguments_of(const runtime::Invocation& call);

// [any-thread] The value under `key`, or nullptr when it is absent or null.
const boost::json::value* optional_argument(const boost::json::object& args, const char* key);

// [any-thread] The value under `key`; absent or null is refused as a missing argument.
const boost::json::value& required_argument(const boost::json::object& args, const char* key);

// [any-thread] `v` when it is a whole number from `low` to `high`, else nothing: the caller says
// what it expected (a resource id, an index, a size).
std::optional<uint32_t> whole_number(const boost::json::value& v, uint32_t low, uint32_t high);

// [any-thread] `fn`, with a BadArgument it throws answered as the call's refusal (its message is
// what the page gets); anything else it throws goes on to the caller.
runtime::CommandFn refusing_bad_arguments(runtime::CommandFn fn);

}  // namespace warden::desktop
