#include "desktop/command_arguments.hpp"

#include <string>

#include <boost/json/parse.hpp>

#include "runtime/completion.hpp"

namespace warden::desktop {
namespace json = boost::json;

json::object arguments_of(const runtime::Invocation& call) {
  boost::system::error_code ec;
  json::value v = json::parse(call.args_json, ec);
  if (ec || !v.is_object()) throw BadArgument("the arguments must be a JSON object");
  return std::move(v.as_object());
}

const json::value* optional_argument(const json::object& args, const char* key) {
  auto* v = args.if_contains(key);
  return v && !v->is_null() ? v : nullptr;
}

const json::value& required_argument(const json::object& args, const char* key) {
  auto* v = optional_argument(args, key);
  if (!v) throw BadArgument(std::string("missing argument '") + key + "'");
  return *v;
}

std::optional<uint32_t> whole_number(const json::value& v, uint32_t low, uint32_t high) {
  if (!v.is_number()) return std::nullopt;
  // A double holds every uint32_t exactly: 3.5, -1 and 1e300 fail the range or the round trip.
  double d = v.to_number<double>();
  if (d < low || d > high || d != static_cast<double>(static_cast<uint32_t>(d))) return std::nullopt;
  return static_cast<uint32_t>(d);
}

runtime::CommandFn refusing_bad_arguments(runtime::CommandFn fn) {
  return [fn = std::move(fn)](runtime::Invocation& call) {
    try {
      fn(call);
    } catch (const BadArgument& e) {
      call.completion->reject(e.what());
    }
  };
}

}  // namespace warden::desktop
