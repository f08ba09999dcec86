#include "open_config.hpp"

#include <cctype>
#include <stdexcept>

#include <boost/json.hpp>

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

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// One round of percent-decoding; a '%' not followed by two hex digits stays as it is.
std::string percent_decoded(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    int hi = 0, lo = 0;
    if (s[i] == '%' && i + 2 < s.size() && (hi = hex_value(s[i + 1])) >= 0 && (lo = hex_value(s[i + 2])) >= 0) {
      out.push_back(static_cast<char>(hi * 16 + lo));
      i += 2;
    } else {
      out.push_back(s[i]);
    }
  }
  return out;
}

bool is_blank_or_control(char c) {
  auto u = static_cast<unsigned char>(c);
  return u <= 0x20 || u == 0x7f;
}

}  // namespace

std::optional<std::string> mailto_attachment_field(std::string_view path) {
  std::size_t start = 0;
  while (start < path.size() && is_blank_or_control(path[start])) ++start;
  std::string_view url = path.substr(start);
  constexpr std::string_view scheme = "mailto:";
  if (url.size() < scheme.size()) return std::nullopt;
  for (std::size_t i = 0; i < scheme.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(url[i])) != scheme[i]) return std::nullopt;
  std::string text(url.substr(scheme.size()));
  // A client may decode once, or again (a page can encode "attach" twice): decode to the end.
  for (int round = 0;; ++round) {
    std::string next = percent_decoded(text);
    if (next == text) break;
    if (round == 32) return std::string("(a URL encoded more than 32 times)");
    text = std::move(next);
  }
  std::size_t pos = 0;
  while (pos <= text.size()) {
    std::size_t end = text.find_first_of("?&;", pos);
    if (end == std::string::npos) end = text.size();
    std::string_view field(text.data() + pos, end - pos);
    if (std::size_t eq = field.find('='); eq != std::string_view::npos) {
      std::string name;
      for (char c : field.substr(0, eq))
        if (!is_blank_or_control(c)) name.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
      if (name.find("attach") != std::string::npos) return std::string(field.substr(0, eq));
    }
    pos = end + 1;
  }
  return std::nullopt;
}

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
  if (auto field = mailto_attachment_field(path))
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
