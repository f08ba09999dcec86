// The ping plugin: `plugin:ping|ping` echoes its `value` argument, {"value": ...} -> {"value": ...}.
#include <warden/plugin.hpp>

namespace {

struct PingArgs {
  std::string value;
};
BOOST_DESCRIBE_STRUCT(PingArgs, (), (value))

}  // namespace

WARDEN_PLUGIN(plugin) {
  plugin.command("ping", [](const PingArgs& args) { return boost::json::object{{"value", args.value}}; });
}
