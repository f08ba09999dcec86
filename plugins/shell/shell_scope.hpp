#pragma once
// The shell plugin's scope: which programs a page may run and with which arguments. Entries come
// from the permission files and capabilities unchanged (Tauri's shell scope shape):
//   {"name": "...", "cmd": "...", "args": true | false | [ "fixed" | {"validator": "regex", "raw": false} ],
//    "sidecar": false}
// A page names an entry (`Command.create(name, args)`), never a path: only the entry's `cmd` runs.
#include <memory>
#include <regex>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/value.hpp>

namespace warden::shell_plugin {

// A refusal or a malformed scope: the message is what the page and the log see.
class ScopeError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Longest argument a validator is run on: std::regex recurses per character, so the match runs
// on a thread with a stack sized for this (regex_on_large_stack.hpp), and longer ones are refused.
inline constexpr std::size_t kMaxValidatedArgument = 4096;

struct ArgRule {
  bool fixed = true;
  std::string text;  // the fixed value, or the validator's source
  bool raw = false;  // validator only: may match part of the argument (Tauri's `raw`)
  std::shared_ptr<const std::regex> regex;
};

struct ScopeEntry {
  std::string name;
  std::string cmd;
  bool any_args = false;      // args: true
  std::vector<ArgRule> args;  // otherwise exactly these (none for args: false)
  bool sidecar = false;
};

struct ShellScope {
  std::vector<ScopeEntry> allow;
  std::vector<std::string> deny;  // names of denied entries
};

// One scope entry; `where` names it in errors ("allow[2]").
ScopeEntry parse_scope_entry(const boost::json::value& v, const std::string& where);

// The call's scopes as the host hands them: {"command": {"allow", "deny"} | null, "global": ...}.
// Command and global entries both count; any malformed entry fails the whole call.
ShellScope parse_shell_scope(const boost::json::value& scopes);

// The page's `args`: absent/null (none), one string, or an array of strings.
std::vector<std::string> parse_page_args(const boost::json::value* args);

struct AuthorizedCommand {
  std::string entry;              // the scope entry's name
  std::string cmd;                // its cmd, unresolved
  std::vector<std::string> args;  // the arguments to pass (argv[1..])
};

// Whether the page may run entry `program` with `args`; throws ScopeError saying why not.
// Deny entries beat allow entries; among allow entries with the name, the first whose rules
// accept the arguments wins. The argument count must match the entry exactly.
AuthorizedCommand authorize(const ShellScope& scope, std::string_view program, const std::vector<std::string>& args,
                            bool sidecar = false);

// A page value quoted for an error message: at most 60 characters, control characters escaped.
std::string quoted(std::string_view value);

}  // namespace warden::shell_plugin
