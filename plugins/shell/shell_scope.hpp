#pragma once
// The shell plugin's scope: which programs a page may run, with which arguments, environment
// variables and working directory. Entries come from the permission files and capabilities in
// Tauri's shell scope shape, plus two fields of Warden's (docs/plugins/shell.md):
//   {"name": "...", "cmd": "...", "args": true | false | [ "fixed" | {"validator": "regex", "raw": false} ],
//    "sidecar": false,
//    "env": [ "NAME" | {"name": "NAME", "validator": "regex"} ],   // variables the page may set
//    "cwd": [ "$APPDATA/**", "/srv/repo" ]}                         // folders the page may choose
// A page names an entry (`Command.create(name, args)`), never a path: only the entry's `cmd` runs.
// What a page may set in options.env and options.cwd is what the entry names, nothing else: a
// program's environment and folder steer it as much as its arguments do.
#include <functional>
#include <memory>
#include <optional>
#include <regex>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/value.hpp>

#include "command_options.hpp"

namespace warden::shell_plugin {

// A refusal by the scope, or a malformed scope. The message is the detail for the audit log;
// shell.cpp hands it to the SDK's scope refusal, so release builds show the page a generic error.
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

// A variable the page may set: any value, or one the validator matches whole.
struct EnvRule {
  std::string name;
  std::string validator;                    // empty: any value
  std::shared_ptr<const std::regex> regex;  // null: any value
};

struct ScopeEntry {
  std::string name;
  std::string cmd;
  bool any_args = false;      // args: true
  std::vector<ArgRule> args;  // otherwise exactly these (none for args: false)
  bool sidecar = false;
  std::vector<EnvRule> env;  // the only variables options.env may hold
  std::optional<std::vector<std::string>> cwd;  // path patterns options.cwd may name; absent: none
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

// The page's `args`: absent/null (none), one string, or an array of strings. Throws
// std::invalid_argument otherwise.
std::vector<std::string> parse_page_args(const boost::json::value* args);

struct AuthorizedCommand {
  std::string entry;              // the scope entry's name
  std::string cmd;                // its cmd, unresolved
  std::vector<std::string> args;  // the arguments to pass (argv[1..])
  std::string cwd;                // canonical folder the page chose; empty: the host's
};

// The canonical form of the page's `cwd` when it is an existing folder that `patterns` (path
// scope entries, "$VAR/**" allowed) cover; nullopt otherwise. shell.cpp asks the host's
// path_in_scope; tests pass their own.
using CwdCheck = std::function<std::optional<std::string>(const std::string& cwd,
                                                          const std::vector<std::string>& patterns)>;

// Whether the page may run entry `program` with `args` and `options` (its env and cwd); throws
// ScopeError saying why not, std::invalid_argument for a NUL byte or an empty program.
// Deny entries beat allow entries; among allow entries with the name, the first whose rules
// accept the arguments, every variable of options.env and options.cwd wins. The argument count
// must match the entry exactly.
AuthorizedCommand authorize(const ShellScope& scope, std::string_view program, const std::vector<std::string>& args,
                            const CommandOptions& options, const CwdCheck& cwd_in_scope, bool sidecar = false);
// The same for a call without env or cwd options.
AuthorizedCommand authorize(const ShellScope& scope, std::string_view program, const std::vector<std::string>& args,
                            bool sidecar = false);

// A page value quoted for an error message: at most 60 characters, control characters escaped.
std::string quoted(std::string_view value);

}  // namespace warden::shell_plugin
