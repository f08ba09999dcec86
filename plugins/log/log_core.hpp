#pragma once
// The log plugin's logic, without a host (unit-tested in tests/unit/plugins/log): its
// configuration (the app config's plugins.log), the records the frontend sends, level and target
// filtering, the line format and the rotating log file.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <boost/json.hpp>

namespace spdlog {
class logger;
}

namespace warden::log_plugin {

// The levels of @tauri-apps/plugin-log's LogLevel (Trace = 1 ... Error = 5), plus off.
enum class Level { trace = 1, debug = 2, info = 3, warn = 4, error = 5, off = 6 };

// "trace" | "debug" | "info" | "warn" | "error" | "off" (case-insensitive); nullopt otherwise.
std::optional<Level> parse_level(std::string_view name);
// 1..5 as the package sends it; nullopt otherwise.
std::optional<Level> level_from_number(std::int64_t n);
std::string_view level_name(Level level);  // "TRACE" ... "ERROR"

// `*` any run of characters, `?` one; everything else literal. Whole-string match.
bool glob_match(std::string_view pattern, std::string_view text);

// One frontend log call. `target` is "webview:<window label>", from the host's own caller state.
struct Record {
  Level level = Level::info;
  std::string target;
  std::string message;
  std::optional<std::string> location;  // the package's caller location ("fn@url:line:col")
  std::optional<std::string> file;
  std::optional<std::uint32_t> line;
  std::vector<std::pair<std::string, std::string>> key_values;
};

// The arguments of plugin:log|log ({level, message, location?, file?, line?, keyValues?}, as the
// package sends them; null and absent are the same) into a record for `window`. Throws
// std::invalid_argument naming the bad field.
Record parse_log_args(const boost::json::value& args, std::string_view window);

// The record as one line without time or level: "[webview:main] message k=v (at location) (file:line)".
// Control characters are escaped ("\n" as \\n, others as '?') and the escaped message is cut at
// `message_limit` bytes (plugins.log.maxMessageBytes), so a caller can neither forge other lines
// nor write one of any size.
inline constexpr std::size_t max_message_bytes = 16384;
std::string format_line(const Record& record, std::size_t message_limit = max_message_bytes);

// What one call may carry beyond its message (issue 13, finding 9): a call with any number of
// key-values wrote a line of any size to every output. 32 key-values of 4 KiB in all are far
// more than structured logging uses (a request id, a user, an action); with the message's 16 KiB
// a line stays below ~26 KiB after escaping.
inline constexpr std::size_t max_key_values = 32;
inline constexpr std::size_t max_key_value_bytes = 4096;

enum class TargetKind { console, log_dir, folder, webview };

// One output of the plugin. `include`/`exclude` are globs over the record's target; a record
// goes to the output when its level is at least `level`, some include matches (or there is
// none) and no exclude matches.
struct Target {
  TargetKind kind = TargetKind::console;
  std::string file_name;  // log_dir/folder: "<file_name>.log"; empty: the plugin's default
  std::string path;       // folder: the folder, absolute or starting with a path variable
  Level level = Level::trace;
  std::vector<std::string> include, exclude;

  bool accepts(const Record& record) const;
};

struct Config {
  Level level = Level::trace;                               // the global minimum level
  std::vector<std::pair<std::string, Level>> levels;        // per target glob; the longest match wins
  std::vector<Target> targets;                              // default: console and logDir
  std::uint64_t max_file_size = 40000;                      // bytes, then the file rotates
  std::size_t max_files = 1;                                // rotated files kept beside the current
  std::size_t max_message_bytes = log_plugin::max_message_bytes;      // the message is cut here
  std::size_t max_key_values = log_plugin::max_key_values;            // more: the call is refused
  std::size_t max_key_value_bytes = log_plugin::max_key_value_bytes;  // keys and values together

  // The minimum level for `target`: the longest matching pattern of `levels`, else `level`.
  Level level_for(std::string_view target) const;
  // Whether the record passes the global filters (level_for).
  bool accepts(const Record& record) const;
  // Throws std::invalid_argument naming the setting when the record's key-values are more than
  // max_key_values or max_key_value_bytes allow.
  void check_limits(const Record& record) const;
};

// plugins.log of the app config. Unknown keys and bad values throw std::invalid_argument naming
// the key (the plugin then refuses to load, with that message).
Config parse_config(boost::json::value config);

// The current time as "[YYYY-MM-DD][HH:MM:SS]" in UTC.
std::string timestamp_utc();

// A log file that rotates at `max_size` bytes: <dir>/<name>.log, then <name>.1.log ... up to
// <name>.<max_files>.log (max_files 0: the file is truncated instead). Creates the folder.
// Thread-safe; every line is flushed.
class LogFile {
 public:
  LogFile(const std::filesystem::path& dir, const std::string& name, std::uint64_t max_size, std::size_t max_files);
  ~LogFile();
  // Appends "[YYYY-MM-DD][HH:MM:SS][LEVEL] <line>" (UTC).
  void write(Level level, const std::string& line);
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
  std::shared_ptr<spdlog::logger> logger_;
};

}  // namespace warden::log_plugin
