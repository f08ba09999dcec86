// The grant probe: `grant {path, scope, recursive}` asks the host to grant `path` in `scope` to the
// calling window (warden.grants/1), as the dialog plugin does with what the user picked, and
// answers {"status", "reason"}: grant_path's return value and why not. A test plugin only: it
// hands the host's reason to the page, which a real plugin keeps for its log.
#include <string>

#include <warden/ext/grants.h>
#include <warden/plugin.hpp>

namespace json = boost::json;

namespace {

const json::value* arg(const json::value& args, const char* name) {
  return args.is_object() ? args.get_object().if_contains(name) : nullptr;
}

std::string string_arg(const json::value& args, const char* name) {
  const json::value* v = arg(args, name);
  if (!v || !v->is_string()) throw std::invalid_argument(std::string("argument '") + name + "' must be a string");
  return std::string(v->get_string());
}

json::value grant(const json::value& args, warden::Context& ctx) {
  const auto* grants = ctx.host().extension<warden_host_grants>(WARDEN_EXT_GRANTS);
  if (!grants) throw std::runtime_error("this host has no " WARDEN_EXT_GRANTS);
  std::string path = string_arg(args, "path"), scope = string_arg(args, "scope");
  const json::value* recursive = arg(args, "recursive");
  uint32_t flags = recursive && recursive->is_bool() && recursive->get_bool() ? WARDEN_GRANT_RECURSIVE : 0;
  char* reason = nullptr;
  int status = grants->grant_path(ctx.request()->call, scope.c_str(), path.c_str(), flags, &reason);
  auto why = ctx.host().take_string(reason);
  return json::object{{"status", status}, {"reason", why ? json::value(*why) : json::value(nullptr)}};
}

}  // namespace

WARDEN_PLUGIN(plugin) {
  // {"path", "scope", "recursive"?} -> {"status": 1|0|-1, "reason": string|null}; on the main thread,
  // where the dialog plugin's answer arrives, and from the blocking pool, where the host must
  // carry the grant over to the main thread itself.
  plugin.command("grant", grant);
  plugin.command("grant_from_pool", grant, WARDEN_COMMAND_BLOCKING);
}
