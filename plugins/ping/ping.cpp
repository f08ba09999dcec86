// The ping plugin: `plugin:ping|ping` echoes its `value` argument, {"value": "..."} -> {"value": "..."}.
// It is the plugin of the IPC benchmark, so it shows the copy-free shape of a command: the
// parsed arguments are taken by value and their string is moved into the result.
#include <stdexcept>

#include <warden/plugin.hpp>

WARDEN_PLUGIN(plugin) {
  plugin.command("ping", [](boost::json::object args) {
    auto* value = args.if_contains("value");
    if (!value || !value->is_string()) throw std::invalid_argument("ping takes {\"value\": string}");
    boost::json::object result;
    result.emplace("value", std::move(*value));
    return result;
  });
}
