#pragma once
// Where the program of a scope entry's `cmd` is on disk. A page chooses the child's working
// directory and environment, so the executable is found before either applies: an absolute path,
// a "$VAR/..." path the host expands, or a bare name looked up in the host's own PATH (absolute
// folders only). A relative path with a '/' would depend on the page's cwd and is refused.
#include <functional>
#include <optional>
#include <string>

namespace warden::shell_plugin {

// Expands a leading path variable ("$HOME/bin/x"); nullopt when it is unknown.
using ExpandVariable = std::function<std::optional<std::string>(const std::string&)>;

// The absolute path of the executable `cmd` names. `search_path` is a PATH value. Throws
// std::runtime_error naming `cmd` and what was wrong.
std::string resolve_program(const std::string& cmd, const std::string& search_path, const ExpandVariable& expand);

// The host process's PATH, or the usual default when it has none.
std::string host_search_path();

}  // namespace warden::shell_plugin
