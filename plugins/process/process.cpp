// The process plugin: @tauri-apps/plugin-process's exit(code) and relaunch(). The plugin never
// calls exit() or exec() itself: the host ends the run (its windows closed, every plugin's
// shutdown run) and, for a restart, starts the same command line again (warden.app-lifecycle/1).
// Both answer the page first; the run ends right after.
#include <warden/ext/app_lifecycle.h>

#include <stdexcept>
#include <string>
#include <warden/plugin.hpp>

namespace json = boost::json;

namespace {

// A process's exit status is one byte: a code outside 0-255 would reach the parent as another
// number (256 as 0, -1 as 255), so it is refused rather than silently changed.
int exit_code_of(const json::object& args) {
  const json::value* code = args.if_contains("code");
  if (!code || code->is_null()) return 0;
  if (code->is_int64() && code->as_int64() >= 0 && code->as_int64() <= 255) return static_cast<int>(code->as_int64());
  if (code->is_uint64() && code->as_uint64() <= 255) return static_cast<int>(code->as_uint64());
  if (code->is_double()) {
    double d = code->as_double();
    if (d >= 0 && d <= 255 && d == static_cast<int>(d)) return static_cast<int>(d);
  }
  throw std::invalid_argument("argument 'code' must be a whole number from 0 to 255 (an exit status is one byte)");
}

const warden_host_app_lifecycle& lifecycle(const warden::Context& ctx) {
  return ctx.host().require<warden_host_app_lifecycle>(WARDEN_EXT_APP_LIFECYCLE);
}

}  // namespace

WARDEN_PLUGIN(plugin) {
  plugin.on_init([](const warden::Host&, const json::value& config) {
    if (config.is_object() && !config.as_object().empty())
      throw std::runtime_error("plugins.process takes no configuration (found '" +
                               std::string(config.as_object().begin()->key()) + "')");
  });

  plugin.command("exit", [](const json::object& args, warden::Context& ctx) {
    int code = exit_code_of(args);
    ctx.host().info("exit " + std::to_string(code) + " asked by window '" + std::string(ctx.window()) + "' (" +
                    std::string(ctx.origin()) + ")");
    if (lifecycle(ctx).exit(ctx.host().raw(), code) != 0) throw std::runtime_error("this host cannot end the app now");
  });

  plugin.command("restart", [](warden::Context& ctx) {
    ctx.host().info("restart asked by window '" + std::string(ctx.window()) + "' (" + std::string(ctx.origin()) + ")");
    if (lifecycle(ctx).restart(ctx.host().raw()) != 0)
      throw std::runtime_error("the app cannot restart now (it restarted too often in a row, or this host cannot)");
  });
}
