#include "command_options.hpp"

#include <algorithm>
#include <stdexcept>

#include <boost/json.hpp>

extern char** environ;

namespace json = boost::json;

namespace warden::shell_plugin {
namespace {

bool has_nul(std::string_view s) { return s.find('\0') != std::string_view::npos; }

void parse_env(const json::value& v, CommandOptions& o) {
  if (v.is_null()) {
    o.clear_env = true;
    return;
  }
  const json::object* env = v.if_object();
  if (!env) throw std::invalid_argument("options.env must be an object of strings, or null");
  for (const auto& kv : *env) {
    std::string name(kv.key());
    if (name.empty() || name.find('=') != std::string::npos || has_nul(name))
      throw std::invalid_argument("options.env: '" + name + "' is not a variable name");
    if (!kv.value().is_string()) throw std::invalid_argument("options.env." + name + " must be a string");
    std::string value(kv.value().as_string());
    if (has_nul(value)) throw std::invalid_argument("options.env." + name + " contains a NUL byte");
    o.env.emplace_back(std::move(name), std::move(value));
  }
}

}  // namespace

CommandOptions parse_command_options(const json::value* options) {
  CommandOptions o;
  if (!options || options->is_null()) return o;
  const json::object* obj = options->if_object();
  if (!obj) throw std::invalid_argument("'options' must be an object");
  for (const auto& kv : *obj) {
    std::string_view k = kv.key();
    const json::value& v = kv.value();
    if (k == "cwd") {
      if (v.is_null()) continue;
      if (!v.is_string() || v.as_string().empty() || v.as_string().front() != '/' || has_nul(v.as_string()))
        throw std::invalid_argument("options.cwd must be an absolute path");
      o.cwd = std::string(v.as_string());
    } else if (k == "env") {
      parse_env(v, o);
    } else if (k == "encoding") {
      if (v.is_null()) continue;
      if (!v.is_string()) throw std::invalid_argument("options.encoding must be a string");
      o.encoding = std::string(v.as_string());
    } else if (k == "sidecar") {
      if (!v.is_bool()) throw std::invalid_argument("options.sidecar must be true or false");
      o.sidecar = v.as_bool();
    } else {
      throw std::invalid_argument("options: unknown option '" + std::string(k) + "' (expected cwd, env, encoding, sidecar)");
    }
  }
  return o;
}

std::vector<std::string> child_environment(const CommandOptions& o, const std::vector<std::string>& base) {
  std::vector<std::string> out;
  auto overridden = [&o](std::string_view entry) {
    std::string_view name = entry.substr(0, entry.find('='));
    return std::any_of(o.env.begin(), o.env.end(), [name](const auto& kv) { return kv.first == name; });
  };
  if (!o.clear_env)
    for (const std::string& e : base)
      if (!overridden(e)) out.push_back(e);
  for (const auto& kv : o.env) out.push_back(kv.first + "=" + kv.second);
  return out;
}

std::vector<std::string> host_environment() {
  std::vector<std::string> out;
  for (char** e = environ; e && *e; ++e) out.emplace_back(*e);
  return out;
}

}  // namespace warden::shell_plugin
