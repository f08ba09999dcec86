#include "open_config.hpp"

#include <cctype>
#include <stdexcept>

#include <boost/json.hpp>
#include <warden/mailto.hpp>

#include "regex_on_large_stack.hpp"
#include "shell_scope.hpp"

namespace json = boost::json;

namespace warden::shell_plugin {
namespace {

std::shared_ptr<const std::regex> compile(const std::string& source) {
  try {
    return std::make_shared<const std::regex>(source, std::regex::ECMAScript);
  } catch (const std::regex_error& e) {
    throw std::invalid_argument("plugins.shell.open: invalid regular expression '" + source + "': " + e.what());
  }
}

}  // namespace

OpenConfig parse_open_config(const json::value& config) {
  OpenConfig c;
  const json::object* o = config.if_object();
  if (!o && !config.is_null()) throw std::invalid_argument("plugins.shell must be an object");
  if (o)
    for (const auto& kv : *o) {
      std::string_view k = kv.key();
      const json::value& v = kv.value();
      if (k == "open") {
        if (v.is_bool()) {
          c.enabled = v.as_bool();
        } else if (v.is_string() && !v.as_string().empty()) {
          c.validator = std::string(v.as_string());
        } else {
          throw std::invalid_argument("plugins.shell.open must be true, false or a regular expression string");
        }
      } else if (k == "opener") {
        if (!v.is_string() || v.as_string().empty())
          throw std::invalid_argument("plugins.shell.opener must be a program name or path");
        c.opener = std::string(v.as_string());
      } else if (k != "maxChildrenPerPage" && k != "maxChildrenPerApp") {
        // The caps are parse_child_caps's (child_limits.hpp).
        throw std::invalid_argument("plugins.shell: unknown field '" + std::string(k) +
                                    "' (expected open, opener, maxChildrenPerPage, maxChildrenPerApp)");
      }
    }
  c.regex = compile(c.validator);
  return c;
}

void check_open_path(const OpenConfig& config, const std::string& path) {
  if (!config.enabled) throw ScopeError("open is disabled by plugins.shell.open = false");
  if (path.empty()) throw std::invalid_argument("'path' is empty");
  if (path.find('\0') != std::string::npos) throw std::invalid_argument("'path' contains a NUL byte");
  if (path.front() == '-')
    throw std::invalid_argument("'path' " + quoted(path) + " starts with '-', which the opener would read as an option");
  if (path.size() > kMaxValidatedArgument)
    throw std::invalid_argument("'path' is longer than " + std::to_string(kMaxValidatedArgument) + " bytes");
  // The whole path must match (a validator cannot be satisfied by a prefix).
  if (!regex_on_large_stack(*config.regex, path, true))
    throw ScopeError("'path' " + quoted(path) + " does not match the open validator " + quoted(config.validator));
  // Whatever the validator says: an app that allows mailto: means a message, never a file.
  if (auto field = warden::mailto_attachment_field(path))
    throw ScopeError("'path' " + quoted(path) + " is a mailto: URL with the field " + quoted(*field) +
                     ", which makes mail clients attach a local file");
}

std::vector<std::string> opener_command(const OpenConfig& config, const std::optional<std::string>& with) {
  if (!with) return {config.opener};
  const std::string& w = *with;
  if (w == "firefox" || w == "chromium" || w == "xdg-open" || w == "gnome-open" || w == "kde-open" || w == "wslview")
    return {w};
  if (w == "google chrome") return {"google-chrome"};
  if (w == "gio") return {"gio", "open"};
  if (w == "safari" || w == "open" || w == "start")
    throw std::runtime_error("'with' " + quoted(w) + " names a program of another operating system");
  throw std::runtime_error("'with' " + quoted(w) +
                           " is not one of firefox, google chrome, chromium, safari, open, start, xdg-open, gio, "
                           "gnome-open, kde-open, wslview");
}

}  // namespace warden::shell_plugin
