#pragma once
// std::regex (libstdc++) recurses once or more per character of the subject: a 4096-byte page
// argument against a validator such as "(a|b)*" needs megabytes of stack, more than a worker
// thread may have. The match runs on a short-lived thread with a stack sized for the longest
// argument a validator ever sees (kMaxValidatedArgument), so the host's threads never overflow.
#include <regex>
#include <string>

namespace warden::shell_plugin {

// std::regex_match (whole) or std::regex_search (anywhere) of `subject` against `re`.
// Throws std::runtime_error when the thread cannot be started.
bool regex_on_large_stack(const std::regex& re, const std::string& subject, bool whole);

}  // namespace warden::shell_plugin
