// The os plugin: operating system information for @tauri-apps/plugin-os.
// The package reads platform, arch, family, version, type, eol and exe extension synchronously
// from window.__TAURI_OS_PLUGIN_INTERNALS__, which this plugin's init script defines in every
// frame (as Tauri's js_init_script does: no permission gates it). It invokes `locale` and
// `hostname`, which the authority gates; the other commands exist for callers that invoke them
// directly and are gated the same way (allow-/deny- per command, see permissions/).
#include <warden/plugin.hpp>

#include "os_info.hpp"

namespace os = warden::os_plugin;

WARDEN_PLUGIN(plugin) {
  // The version is read once: it does not change while the app runs, and every window's script
  // must agree with the `version` command.
  static std::string version;
  plugin.on_init([](const warden::Host&, const boost::json::value&) { version = os::version(); });
  plugin.init_script([] { return os::init_script(version); });

  plugin.command("platform", [] { return std::string(os::platform()); });
  plugin.command("os_type", [] { return std::string(os::os_type()); });
  plugin.command("family", [] { return std::string(os::family()); });
  plugin.command("arch", [] { return std::string(os::arch()); });
  plugin.command("exe_extension", [] { return std::string(os::exe_extension()); });
  plugin.command("version", [] { return version; });
  // null when no locale is set (as the package documents).
  plugin.command("locale", []() -> boost::json::value {
    if (auto l = os::locale()) return boost::json::string(*l);
    return nullptr;
  });
  plugin.command("hostname", [] { return os::hostname(); });
}
