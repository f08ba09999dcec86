// plugin:greeter|greet {"name": "Ada"} -> "Hello, Ada!" (the greeting comes from the plugin's
// config, plugins.greeter.greeting in the app config).
#include <warden/plugin.hpp>

namespace {

struct GreetArgs {
  std::string name;
};
BOOST_DESCRIBE_STRUCT(GreetArgs, (), (name))

std::string greeting = "Hello";

}  // namespace

WARDEN_PLUGIN(plugin) {
  plugin.on_init([](const warden::Host&, const boost::json::value& config) {
    if (auto* g = config.as_object().if_contains("greeting")) greeting = boost::json::value_to<std::string>(*g);
  });
  plugin.command("greet", [](const GreetArgs& args) { return greeting + ", " + args.name + "!"; });
}
