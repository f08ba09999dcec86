#pragma once
// The commands the WebView can name: app commands (bare names), the built-in core plugins and
// loaded plugins' commands ("plugin:<plugin>|<command>"). Filled before the first window opens,
// read-only afterwards (so lookups need no lock).
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/invocation.hpp"

namespace warden::runtime {

using CommandFn = std::function<void(Invocation& call)>;

struct Command {
  CommandFn run;
  bool blocking = false;  // true: runs on the blocking pool (BlockingPool); false: on the main thread, must be quick
};

class CommandTable {
 public:
  // Throws std::invalid_argument when `name` is already registered.
  void add(std::string name, Command command);
  const Command* find(std::string_view name) const;
  std::vector<std::string> names() const;  // sorted

 private:
  std::map<std::string, Command, std::less<>> commands_;
};

}  // namespace warden::runtime
