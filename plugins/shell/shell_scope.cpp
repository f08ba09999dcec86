#include "shell_scope.hpp"

#include <algorithm>
#include <array>

#include <boost/json.hpp>

#include "regex_on_large_stack.hpp"

namespace json = boost::json;

namespace warden::shell_plugin {
namespace {

bool has_nul(std::string_view s) { return s.find('\0') != std::string_view::npos; }

std::shared_ptr<const std::regex> compile(const std::string& source, const std::string& where) {
  try {
    return std::make_shared<const std::regex>(source, std::regex::ECMAScript);
  } catch (const std::regex_error& e) {
    throw ScopeError("shell scope " + where + ": invalid regular expression " + quoted(source) + ": " + e.what());
  }
}

ArgRule parse_arg_rule(const json::value& v, const std::string& where) {
  ArgRule rule;
  if (v.is_string()) {
    rule.text = std::string(v.as_string());
    return rule;
  }
  const json::object* o = v.if_object();
  if (!o) throw ScopeError("shell scope " + where + ": expected a fixed string or {\"validator\": \"regex\"}");
  for (const auto& field : *o)
    if (field.key() != "validator" && field.key() != "raw")
      throw ScopeError("shell scope " + where + ": unknown field '" + std::string(field.key()) +
                       "' (expected 'validator', 'raw')");
  const json::value* validator = o->if_contains("validator");
  if (!validator || !validator->is_string())
    throw ScopeError("shell scope " + where + ".validator: expected a regular expression string");
  rule.fixed = false;
  rule.text = std::string(validator->as_string());
  if (const json::value* raw = o->if_contains("raw")) {
    if (!raw->is_bool()) throw ScopeError("shell scope " + where + ".raw: expected true or false");
    rule.raw = raw->as_bool();
  }
  rule.regex = compile(rule.text, where + ".validator");
  return rule;
}

// Variables that make every dynamically linked program or every bash script run code they name,
// whatever the program is: an entry cannot hand them to a page. Not a complete list of what an
// environment can do (that is why the page gets only what an entry names); a guard against the
// entries that would be wrong for any program.
bool loads_code_in_any_program(std::string_view name) {
  static constexpr std::array<std::string_view, 8> names = {"BASH_ENV", "ENV",        "SHELLOPTS", "BASHOPTS",
                                                            "PS4",      "GCONV_PATH", "GLIBC_TUNABLES",
                                                            "PROMPT_COMMAND"};
  return name.starts_with("LD_") || name.starts_with("BASH_FUNC_") ||
         std::find(names.begin(), names.end(), name) != names.end();
}

bool is_variable_name(std::string_view name) {
  return !name.empty() && name.find('=') == std::string_view::npos && !has_nul(name);
}

EnvRule parse_env_rule(const json::value& v, const std::string& where) {
  EnvRule rule;
  if (v.is_string()) {
    rule.name = std::string(v.as_string());
  } else if (const json::object* o = v.if_object()) {
    for (const auto& field : *o)
      if (field.key() != "name" && field.key() != "validator")
        throw ScopeError("shell scope " + where + ": unknown field '" + std::string(field.key()) +
                         "' (expected 'name', 'validator')");
    const json::value* name = o->if_contains("name");
    if (!name || !name->is_string()) throw ScopeError("shell scope " + where + ".name: expected a variable name");
    rule.name = std::string(name->as_string());
    if (const json::value* validator = o->if_contains("validator")) {
      if (!validator->is_string())
        throw ScopeError("shell scope " + where + ".validator: expected a regular expression string");
      rule.validator = std::string(validator->as_string());
      rule.regex = compile(rule.validator, where + ".validator");
    }
  } else {
    throw ScopeError("shell scope " + where + ": expected a variable name or {\"name\": ..., \"validator\": ...}");
  }
  if (!is_variable_name(rule.name))
    throw ScopeError("shell scope " + where + ": " + quoted(rule.name) + " is not a variable name");
  if (loads_code_in_any_program(rule.name))
    throw ScopeError("shell scope " + where + ": " + quoted(rule.name) +
                     " makes programs load or run code it names, so no entry may let a page set it");
  return rule;
}

const json::string& required_string(const json::object& o, const char* key, const std::string& where) {
  const json::value* v = o.if_contains(key);
  if (!v || !v->is_string() || v->as_string().empty())
    throw ScopeError("shell scope " + where + "." + key + ": expected a non-empty string");
  return v->as_string();
}

void add_entries(const json::value* scope, ShellScope& out) {
  if (!scope || scope->is_null()) return;
  const json::object* o = scope->if_object();
  if (!o) throw ScopeError("shell scope: expected {\"allow\": [...], \"deny\": [...]}");
  if (const json::value* allow = o->if_contains("allow"); allow && !allow->is_null()) {
    if (!allow->is_array()) throw ScopeError("shell scope allow: expected an array of entries");
    std::size_t i = 0;
    for (const json::value& e : allow->as_array())
      out.allow.push_back(parse_scope_entry(e, "allow[" + std::to_string(i++) + "]"));
  }
  if (const json::value* deny = o->if_contains("deny"); deny && !deny->is_null()) {
    if (!deny->is_array()) throw ScopeError("shell scope deny: expected an array of entries");
    std::size_t i = 0;
    for (const json::value& e : deny->as_array()) {
      std::string where = "deny[" + std::to_string(i++) + "]";
      // A deny entry needs only its name: everything under that name is refused.
      const json::object* d = e.if_object();
      if (!d) throw ScopeError("shell scope " + where + ": expected an object with a 'name'");
      out.deny.emplace_back(required_string(*d, "name", where));
    }
  }
}

// The arguments entry `e` runs with, or the reason it refuses `args`.
bool match_args(const ScopeEntry& e, const std::vector<std::string>& args, std::vector<std::string>& out,
                std::string& why) {
  if (e.any_args) {
    out = args;
    return true;
  }
  bool all_fixed = std::all_of(e.args.begin(), e.args.end(), [](const ArgRule& r) { return r.fixed; });
  if (args.empty() && all_fixed) {  // as in Tauri: no arguments given means the fixed ones
    for (const ArgRule& r : e.args) out.push_back(r.text);
    return true;
  }
  if (args.size() != e.args.size()) {
    why = "program '" + e.name + "' takes exactly " + std::to_string(e.args.size()) + " argument" +
          (e.args.size() == 1 ? "" : "s") + ", got " + std::to_string(args.size());
    return false;
  }
  for (std::size_t i = 0; i < args.size(); ++i) {
    const ArgRule& r = e.args[i];
    const std::string& a = args[i];
    std::string position = "argument " + std::to_string(i) + " of program '" + e.name + "'";
    if (r.fixed) {
      if (a != r.text) {
        why = position + " must be " + quoted(r.text) + ", got " + quoted(a);
        return false;
      }
    } else if (a.size() > kMaxValidatedArgument) {
      why = position + " is longer than " + std::to_string(kMaxValidatedArgument) + " bytes";
      return false;
    } else {
      // Whole-argument match unless the entry asked for a raw (partial) validator.
      bool ok = false;
      try {
        ok = regex_on_large_stack(*r.regex, a, !r.raw);
      } catch (const std::exception& e) {
        why = position + ": " + e.what();
        return false;
      }
      if (!ok) {
        why = position + " " + quoted(a) + " does not match the validator " + quoted(r.text);
        return false;
      }
    }
    out.push_back(a);
  }
  return true;
}

// Whether entry `e` accepts the page's options.env and options.cwd; `c.cwd` gets the canonical
// folder. Every variable must be one the entry names, with a value its validator accepts.
bool match_options(const ScopeEntry& e, const CommandOptions& o, const CwdCheck& cwd_in_scope, AuthorizedCommand& c,
                   std::string& why) {
  for (const auto& [name, value] : o.env) {
    auto rule = std::find_if(e.env.begin(), e.env.end(), [&n = name](const EnvRule& r) { return r.name == n; });
    if (rule == e.env.end()) {
      why = "options.env." + name + " is not a variable that entry '" + e.name + "' lets a page set" +
            (e.env.empty() ? " (it names none)" : "");
      return false;
    }
    if (!rule->regex) continue;
    bool ok = false;
    if (value.size() <= kMaxValidatedArgument) {
      try {
        ok = regex_on_large_stack(*rule->regex, value, true);
      } catch (const std::exception& ex) {
        why = "options.env." + name + ": " + ex.what();
        return false;
      }
    }
    if (!ok) {
      why = "options.env." + name + " " + quoted(value) + " does not match the validator " + quoted(rule->validator) +
            " of entry '" + e.name + "'";
      return false;
    }
  }
  if (o.cwd.empty()) return true;
  if (!e.cwd) {
    why = "options.cwd: entry '" + e.name + "' names no folder a page may choose";
    return false;
  }
  std::optional<std::string> folder = cwd_in_scope ? cwd_in_scope(o.cwd, *e.cwd) : std::nullopt;
  if (!folder) {
    why = "options.cwd " + quoted(o.cwd) + " is not an existing folder in the cwd scope of entry '" + e.name + "'";
    return false;
  }
  c.cwd = *folder;
  return true;
}

}  // namespace

std::string quoted(std::string_view value) {
  std::string out = "'";
  std::size_t n = 0;
  for (char c : value) {
    if (++n > 60) {
      out += "...";
      break;
    }
    auto u = static_cast<unsigned char>(c);
    if (c == '\n') out += "\\n";
    else if (c == '\r') out += "\\r";
    else if (c == '\t') out += "\\t";
    else if (u < 0x20 || u == 0x7f) {
      static const char* hex = "0123456789abcdef";
      out += "\\x";
      out += hex[u >> 4];
      out += hex[u & 15];
    } else out += c;
  }
  return out + "'";
}

ScopeEntry parse_scope_entry(const json::value& v, const std::string& where) {
  const json::object* o = v.if_object();
  if (!o) throw ScopeError("shell scope " + where + ": expected an object {name, cmd, args, sidecar}");
  for (const auto& field : *o) {
    std::string_view k = field.key();
    if (k != "name" && k != "cmd" && k != "args" && k != "sidecar" && k != "env" && k != "cwd")
      throw ScopeError("shell scope " + where + ": unknown field '" + std::string(k) +
                       "' (expected name, cmd, args, sidecar, env, cwd)");
  }
  ScopeEntry e;
  e.name = std::string(required_string(*o, "name", where));
  if (const json::value* s = o->if_contains("sidecar")) {
    if (!s->is_bool()) throw ScopeError("shell scope " + where + ".sidecar: expected true or false");
    e.sidecar = s->as_bool();
  }
  if (!e.sidecar || o->contains("cmd")) e.cmd = std::string(required_string(*o, "cmd", where));
  if (has_nul(e.name) || has_nul(e.cmd)) throw ScopeError("shell scope " + where + ": NUL byte in name or cmd");
  if (const json::value* env = o->if_contains("env"); env && !env->is_null()) {
    if (!env->is_array())
      throw ScopeError("shell scope " + where + ".env: expected an array of variable names or {name, validator}");
    std::size_t i = 0;
    for (const json::value& v : env->as_array())
      e.env.push_back(parse_env_rule(v, where + ".env[" + std::to_string(i++) + "]"));
  }
  if (const json::value* cwd = o->if_contains("cwd"); cwd && !cwd->is_null()) {
    if (!cwd->is_array()) throw ScopeError("shell scope " + where + ".cwd: expected an array of path patterns");
    e.cwd.emplace();
    std::size_t i = 0;
    for (const json::value& v : cwd->as_array()) {
      std::string at = where + ".cwd[" + std::to_string(i++) + "]";
      if (!v.is_string() || v.as_string().empty() || has_nul(v.as_string()))
        throw ScopeError("shell scope " + at + ": expected a path pattern such as \"$APPDATA/**\"");
      e.cwd->emplace_back(v.as_string());
    }
  }
  const json::value* args = o->if_contains("args");
  if (!args || (args->is_bool() && !args->as_bool())) return e;  // no arguments
  if (args->is_bool()) {
    e.any_args = true;
    return e;
  }
  if (!args->is_array())
    throw ScopeError("shell scope " + where + ".args: expected true, false or an array of strings and validators");
  std::size_t i = 0;
  for (const json::value& a : args->as_array()) {
    e.args.push_back(parse_arg_rule(a, where + ".args[" + std::to_string(i++) + "]"));
    if (e.args.back().fixed && has_nul(e.args.back().text))
      throw ScopeError("shell scope " + where + ".args: NUL byte in a fixed argument");
  }
  return e;
}

ShellScope parse_shell_scope(const json::value& scopes) {
  ShellScope out;
  const json::object* o = scopes.if_object();
  if (!o) throw ScopeError("shell scope: the host handed no scope object");
  add_entries(o->if_contains("command"), out);
  add_entries(o->if_contains("global"), out);
  return out;
}

std::vector<std::string> parse_page_args(const json::value* args) {
  std::vector<std::string> out;
  if (!args || args->is_null()) return out;
  if (args->is_string()) {
    out.emplace_back(args->as_string());
    return out;
  }
  if (!args->is_array()) throw std::invalid_argument("'args' must be a string or an array of strings");
  std::size_t i = 0;
  for (const json::value& a : args->as_array()) {
    if (!a.is_string()) throw std::invalid_argument("'args[" + std::to_string(i) + "]' must be a string");
    out.emplace_back(a.as_string());
    ++i;
  }
  return out;
}

AuthorizedCommand authorize(const ShellScope& scope, std::string_view program, const std::vector<std::string>& args,
                            bool sidecar) {
  return authorize(scope, program, args, CommandOptions{}, nullptr, sidecar);
}

AuthorizedCommand authorize(const ShellScope& scope, std::string_view program, const std::vector<std::string>& args,
                            const CommandOptions& options, const CwdCheck& cwd_in_scope, bool sidecar) {
  if (program.empty()) throw std::invalid_argument("'program' must name an entry of the shell scope");
  std::string name(program);
  if (has_nul(name)) throw std::invalid_argument("program " + quoted(name) + " contains a NUL byte");
  for (std::size_t i = 0; i < args.size(); ++i)
    if (has_nul(args[i]))
      throw std::invalid_argument("argument " + std::to_string(i) + " of program " + quoted(name) +
                                  " contains a NUL byte, which a program's argument cannot hold");
  if (std::find(scope.deny.begin(), scope.deny.end(), name) != scope.deny.end())
    throw ScopeError("program " + quoted(name) + " is refused by a deny entry of the shell scope");

  std::vector<std::string> reasons;
  for (const ScopeEntry& e : scope.allow) {
    if (e.name != name) continue;
    if (e.sidecar != sidecar) {
      reasons.push_back(e.sidecar ? "entry '" + e.name + "' is a sidecar, which Warden does not run"
                                  : "entry '" + e.name + "' is not a sidecar");
      continue;
    }
    AuthorizedCommand c{e.name, e.cmd, {}, {}};
    std::string why;
    if (match_args(e, args, c.args, why) && match_options(e, options, cwd_in_scope, c, why)) return c;
    reasons.push_back(why);
  }
  if (reasons.empty()) {
    std::string names;
    for (const ScopeEntry& e : scope.allow)
      if (names.find("'" + e.name + "'") == std::string::npos) names += (names.empty() ? "'" : ", '") + e.name + "'";
    throw ScopeError("program " + quoted(name) + " is not in the shell scope" +
                     (names.empty() ? std::string(" (the scope is empty)") : " (allowed: " + names + ")"));
  }
  std::string message = "program " + quoted(name) + " refused: ";
  for (std::size_t i = 0; i < reasons.size(); ++i) message += (i ? "; " : "") + reasons[i];
  throw ScopeError(message);
}

}  // namespace warden::shell_plugin
