#pragma once
// One allowed call, as a command implementation receives it.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "runtime/caller.hpp"
#include "runtime/completion.hpp"

namespace warden::runtime {

struct Invocation {
  std::string command;        // full name: "plugin:<plugin>|<command>" or a bare app command
  std::string args_json;      // a JSON object ("{}" when binary)
  std::string body;           // raw bytes when `binary`
  bool binary = false;
  std::string scopes_json;    // the scopes this call was granted
  Caller caller;
  std::shared_ptr<Completion> completion;  // settle exactly once, from any thread
};

}  // namespace warden::runtime
