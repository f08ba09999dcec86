#pragma once
// Runs a program as a child process and captures what it printed: the tests use real
// processes, exactly as a user or a script would run `warden`.
#include <string>
#include <vector>

namespace warden::test {

struct ProcessResult {
  int exit_code = -1;  // -1 when the process was killed by a signal
  int signal = 0;
  std::string out;     // stdout
  std::string err;     // stderr
};

// Runs argv[0] (searched in PATH when it has no '/') with the given arguments, optional
// extra environment entries ("NAME=value") and standard input. Blocks until it exits.
ProcessResult run_process(const std::vector<std::string>& argv,
                          const std::vector<std::string>& extra_env = {},
                          const std::string& stdin_text = {});

// The `warden` executable the test target was built against: its WARDEN_BIN definition, or
// the WARDEN_BIN environment variable; throws when neither says.
std::string warden_binary();

// Runs that `warden` with ARGS, as a user would.
ProcessResult run_warden(std::vector<std::string> args, const std::vector<std::string>& extra_env = {},
                         const std::string& stdin_text = {});

}  // namespace warden::test

#include "process_impl.hpp"
