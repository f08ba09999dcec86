#pragma once
// What a later `warden run` of a single-instance app hands the running one (docs/single-instance.md):
// its app arguments (what followed `--`) and its working directory, as one JSON object
//   {"arguments": ["a", "b"], "cwd": "/home/me"}
// of at most kMaxHandoverBytes. The same arguments, as a JSON array, are what
// warden.single-instance/1's arguments() answers for this run.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace warden::cli {

// 64 KiB: room for many URLs and paths, small enough that the running instance reads a message
// whole on its main thread without a noticeable pause. A longer one is refused by both ends.
inline constexpr std::size_t kMaxHandoverBytes = 64 * 1024;

// ["a","b"]. An argument that is not UTF-8 (a command line is bytes) has each bad sequence
// replaced by U+FFFD, since JSON text and the plugins that read it take UTF-8 only.
std::string arguments_json(const std::vector<std::string>& arguments);

struct Handover {
  std::string arguments_json;  // a JSON array of strings
  std::size_t argument_count = 0;
  std::string cwd;             // absolute
};

// The message for `arguments` and `cwd`.
std::string handover_message(const std::vector<std::string>& arguments, const std::string& cwd);

// The message read back; nullopt with `error` saying what is wrong (not JSON, not an object
// of exactly those two keys, an argument that is not a string, a cwd that is not absolute).
std::optional<Handover> parse_handover(std::string_view message, std::string& error);

}  // namespace warden::cli
