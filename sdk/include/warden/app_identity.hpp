/*
 * Warden plugin SDK, C++ helper (header-only) over warden.app-lifecycle/1's app_identity
 * (ext/app_lifecycle.h): the running app's identifier, productName and version, which a plugin's
 * own config (plugins.<name>) does not show.
 *
 *   #include <warden/app_identity.hpp>
 *
 *   plugin.on_init([](const warden::Host& host, const json::value&) {
 *     warden::AppIdentity app = warden::app_identity(host);  // throws when there is no app
 *     // app.identifier names the plugin's files, app.product_name is what the user sees
 *   });
 *
 * - `app_identity(host)` throws std::runtime_error saying what is missing when the host lacks
 *   the extension (or offers an older one without app_identity) or runs no app (`warden plugin
 *   call`); `find_app_identity(host)` returns std::nullopt instead, for a plugin that works on
 *   without it.
 * - An answer that is not the documented object is refused as missing, never guessed from.
 */
#ifndef WARDEN_APP_IDENTITY_HPP
#define WARDEN_APP_IDENTITY_HPP

#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include <boost/json.hpp>

#include "warden/ext/app_lifecycle.h"
#include "warden/plugin.hpp"

namespace warden {

struct AppIdentity {
  std::string identifier;
  std::string product_name;  // the identifier when the app's config gives none
  std::string version;
};

namespace detail {

// The host's answer read strictly: an object whose three fields are strings, the identifier not empty.
inline std::optional<AppIdentity> app_identity_from_json(const std::string& text) {
  boost::system::error_code ec;
  boost::json::value v = boost::json::parse(text, ec);
  const boost::json::object* o = ec ? nullptr : v.if_object();
  if (!o) return std::nullopt;
  auto field = [o](const char* key) -> const boost::json::string* {
    const boost::json::value* f = o->if_contains(key);
    return f ? f->if_string() : nullptr;
  };
  const boost::json::string* id = field("identifier");
  const boost::json::string* name = field("productName");
  const boost::json::string* version = field("version");
  if (!id || id->empty() || !name || !version) return std::nullopt;
  return AppIdentity{std::string(*id), name->empty() ? std::string(*id) : std::string(*name), std::string(*version)};
}

// The host's launch_command answer read strictly: a JSON array of strings only, the first an
// absolute path (the host binary).
inline std::optional<std::vector<std::string>> launch_command_from_json(const std::string& text) {
  boost::system::error_code ec;
  boost::json::value v = boost::json::parse(text, ec);
  const boost::json::array* a = ec ? nullptr : v.if_array();
  if (!a || a->empty()) return std::nullopt;
  std::vector<std::string> command;
  for (const boost::json::value& arg : *a) {
    const boost::json::string* str = arg.if_string();
    if (!str) return std::nullopt;
    command.emplace_back(*str);
  }
  if (command.front().empty() || command.front().front() != '/') return std::nullopt;
  return command;
}

}  // namespace detail

// [any-thread] nullopt when the host lacks warden.app-lifecycle/1's app_identity or runs no app.
inline std::optional<AppIdentity> find_app_identity(const Host& host) {
  const auto* lifecycle = host.extension<warden_host_app_lifecycle>(WARDEN_EXT_APP_LIFECYCLE);
  if (!lifecycle || !lifecycle->app_identity) return std::nullopt;
  auto text = host.take_string(lifecycle->app_identity(host.raw()));
  return text ? detail::app_identity_from_json(*text) : std::nullopt;
}

// [any-thread] The same, or throws saying what is missing.
inline AppIdentity app_identity(const Host& host) {
  if (auto app = find_app_identity(host)) return *app;
  throw std::runtime_error(
      "the host names no running app (warden.app-lifecycle/1 app_identity): this plugin needs "
      "`warden run`, a host that knows the app's identifier");
}

// [any-thread] The command line that starts this app as a user would (warden.app-lifecycle/1
// launch_command: the absolute host binary, "run", the app folder, its plugin folders), for an
// entry the desktop starts (autostart, a URL handler). nullopt when the host lacks it, runs no app
// or answers anything but that array; `answer`, when given, receives what the host answered.
inline std::optional<std::vector<std::string>> find_launch_command(const Host& host, std::string* answer = nullptr) {
  const auto* lifecycle = host.extension<warden_host_app_lifecycle>(WARDEN_EXT_APP_LIFECYCLE);
  if (!lifecycle || !lifecycle->launch_command) return std::nullopt;
  auto text = host.take_string(lifecycle->launch_command(host.raw()));
  if (!text) return std::nullopt;
  if (answer) *answer = *text;
  return detail::launch_command_from_json(*text);
}

}  // namespace warden

#endif /* WARDEN_APP_IDENTITY_HPP */
