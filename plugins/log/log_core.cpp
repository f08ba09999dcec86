#include "log_core.hpp"

#include <algorithm>
#include <ctime>
#include <stdexcept>

#include <spdlog/logger.h>
#include <spdlog/sinks/rotating_file_sink.h>

#include "warden/ascii.hpp"

namespace warden::log_plugin {
namespace json = boost::json;

std::optional<Level> parse_level(std::string_view name) {
  std::string n = warden::ascii_lower(name);  // "INFO" in any locale (Turkish lowers 'I' to 0xfd)
  if (n == "trace") return Level::trace;
  if (n == "debug") return Level::debug;
  if (n == "info") return Level::info;
  if (n == "warn" || n == "warning") return Level::warn;
  if (n == "error") return Level::error;
  if (n == "off") return Level::off;
  return std::nullopt;
}

std::optional<Level> level_from_number(std::int64_t n) {
  if (n < 1 || n > 5) return std::nullopt;
  return static_cast<Level>(n);
}

std::string_view level_name(Level level) {
  switch (level) {
    case Level::trace: return "TRACE";
    case Level::debug: return "DEBUG";
    case Level::info: return "INFO";
    case Level::warn: return "WARN";
    case Level::error: return "ERROR";
    case Level::off: return "OFF";
  }
  return "?";
}

bool glob_match(std::string_view p, std::string_view t) {
  // Iterative matcher with one backtrack point for the last '*': linear in practice.
  std::size_t pi = 0, ti = 0, star = std::string_view::npos, mark = 0;
  while (ti < t.size()) {
    if (pi < p.size() && (p[pi] == '?' || p[pi] == t[ti])) {
      ++pi;
      ++ti;
    } else if (pi < p.size() && p[pi] == '*') {
      star = pi++;
      mark = ti;
    } else if (star != std::string_view::npos) {
      pi = star + 1;
      ti = ++mark;
    } else {
      return false;
    }
  }
  while (pi < p.size() && p[pi] == '*') ++pi;
  return pi == p.size();
}

namespace {

std::optional<std::string> optional_string(const json::object& args, std::string_view key) {
  auto* v = args.if_contains(key);
  if (!v || v->is_null()) return std::nullopt;
  if (!v->is_string()) throw std::invalid_argument("'" + std::string(key) + "' must be a string");
  return std::string(v->get_string());
}

// Appends `text` escaped, at most `limit` bytes of it as escaped (an escape may double a byte).
void escape_into(std::string& out, std::string_view text, std::size_t limit) {
  const std::size_t start = out.size();
  for (char ch : text) {
    if (out.size() - start >= limit) {
      out += "...(truncated)";
      return;
    }
    auto c = static_cast<unsigned char>(ch);
    if (c == '\n') out += "\\n";
    else if (c == '\r') out += "\\r";
    else if (c == '\t') out += ' ';
    else if (c < 0x20 || c == 0x7f) out += '?';
    else out += ch;
  }
}

std::vector<std::string> string_list(const json::value& v, const std::string& key) {
  if (!v.is_array()) throw std::invalid_argument("plugins.log: '" + key + "' must be an array of strings");
  std::vector<std::string> out;
  for (auto& e : v.get_array()) {
    if (!e.is_string()) throw std::invalid_argument("plugins.log: '" + key + "' must be an array of strings");
    out.emplace_back(e.get_string());
  }
  return out;
}

Level level_value(const json::value& v, const std::string& key) {
  auto l = v.is_string() ? parse_level(v.get_string()) : std::nullopt;
  if (!l) throw std::invalid_argument("plugins.log: '" + key + "' must be trace, debug, info, warn, error or off");
  return *l;
}

Target parse_target(const json::value& v, std::size_t index) {
  std::string where = "targets[" + std::to_string(index) + "]";
  if (!v.is_object()) throw std::invalid_argument("plugins.log: '" + where + "' must be an object");
  Target t;
  const auto& o = v.get_object();
  auto* kind = o.if_contains("kind");
  if (!kind || !kind->is_string())
    throw std::invalid_argument("plugins.log: '" + where + ".kind' must be console, logDir, folder or webview");
  std::string_view k = kind->get_string();
  if (k == "console") t.kind = TargetKind::console;
  else if (k == "logDir") t.kind = TargetKind::log_dir;
  else if (k == "folder") t.kind = TargetKind::folder;
  else if (k == "webview") t.kind = TargetKind::webview;
  else throw std::invalid_argument("plugins.log: '" + where + ".kind' must be console, logDir, folder or webview");
  bool file = t.kind == TargetKind::log_dir || t.kind == TargetKind::folder;
  for (auto& [key, value] : o) {
    std::string field = where + "." + std::string(key);
    if (key == "kind") continue;
    if (key == "level") t.level = level_value(value, field);
    else if (key == "include") t.include = string_list(value, field);
    else if (key == "exclude") t.exclude = string_list(value, field);
    else if (key == "fileName" && file) {
      if (!value.is_string() || value.get_string().empty())
        throw std::invalid_argument("plugins.log: '" + field + "' must be a non-empty string");
      t.file_name = value.get_string();
      if (t.file_name.find('/') != std::string::npos || t.file_name == "." || t.file_name == "..")
        throw std::invalid_argument("plugins.log: '" + field + "' must be a file name, not a path");
    } else if (key == "path" && t.kind == TargetKind::folder) {
      if (!value.is_string() || value.get_string().empty())
        throw std::invalid_argument("plugins.log: '" + field + "' must be a non-empty string");
      t.path = value.get_string();
    } else {
      throw std::invalid_argument("plugins.log: unknown key '" + field + "'");
    }
  }
  if (t.kind == TargetKind::folder && t.path.empty())
    throw std::invalid_argument("plugins.log: '" + where + "' (folder) needs a 'path'");
  return t;
}

}  // namespace

Record parse_log_args(const json::value& args, std::string_view window) {
  if (!args.is_object()) throw std::invalid_argument("the arguments must be an object");
  const auto& o = args.get_object();
  Record r;
  r.target = "webview:" + std::string(window);
  auto* level = o.if_contains("level");
  std::optional<Level> l;
  if (level && level->is_int64()) l = level_from_number(level->get_int64());
  else if (level && level->is_uint64() && level->get_uint64() <= 5) l = level_from_number(static_cast<std::int64_t>(level->get_uint64()));
  if (!l) throw std::invalid_argument("'level' must be 1 (trace) .. 5 (error)");
  r.level = *l;
  auto* message = o.if_contains("message");
  if (!message || !message->is_string()) throw std::invalid_argument("'message' must be a string");
  r.message = message->get_string();
  r.location = optional_string(o, "location");
  r.file = optional_string(o, "file");
  if (auto* line = o.if_contains("line"); line && !line->is_null()) {
    if (line->is_int64() && line->get_int64() >= 0 && line->get_int64() <= UINT32_MAX)
      r.line = static_cast<std::uint32_t>(line->get_int64());
    else if (line->is_uint64() && line->get_uint64() <= UINT32_MAX)
      r.line = static_cast<std::uint32_t>(line->get_uint64());
    else
      throw std::invalid_argument("'line' must be an unsigned 32-bit integer");
  }
  if (auto* kv = o.if_contains("keyValues"); kv && !kv->is_null()) {
    if (!kv->is_object()) throw std::invalid_argument("'keyValues' must be an object of strings");
    for (auto& [k, v] : kv->get_object()) {
      if (!v.is_string()) throw std::invalid_argument("'keyValues' must be an object of strings");
      r.key_values.emplace_back(std::string(k), std::string(v.get_string()));
    }
    std::sort(r.key_values.begin(), r.key_values.end());
  }
  return r;
}

std::string format_line(const Record& r, std::size_t message_limit) {
  std::string out = "[";
  escape_into(out, r.target, 256);
  out += "] ";
  escape_into(out, r.message, message_limit);
  for (auto& [k, v] : r.key_values) {
    out += ' ';
    escape_into(out, k, 256);
    out += '=';
    escape_into(out, v, 1024);
  }
  if (r.location) {
    out += " (at ";
    escape_into(out, *r.location, 1024);
    out += ')';
  }
  if (r.file) {
    out += " (";
    escape_into(out, *r.file, 1024);
    if (r.line) out += ":" + std::to_string(*r.line);
    out += ')';
  }
  return out;
}

bool Target::accepts(const Record& r) const {
  if (r.level < level) return false;
  if (!include.empty() &&
      std::none_of(include.begin(), include.end(), [&](const std::string& p) { return glob_match(p, r.target); }))
    return false;
  return std::none_of(exclude.begin(), exclude.end(), [&](const std::string& p) { return glob_match(p, r.target); });
}

Level Config::level_for(std::string_view target) const {
  const std::pair<std::string, Level>* best = nullptr;
  for (auto& entry : levels)
    if (glob_match(entry.first, target) && (!best || entry.first.size() > best->first.size())) best = &entry;
  return best ? best->second : level;
}

bool Config::accepts(const Record& r) const {
  Level min = level_for(r.target);
  return min != Level::off && r.level >= min;
}

void Config::check_limits(const Record& r) const {
  if (r.key_values.size() > max_key_values)
    throw std::invalid_argument("'keyValues' has " + std::to_string(r.key_values.size()) +
                                " entries, more than plugins.log.maxKeyValues (" + std::to_string(max_key_values) + ")");
  std::size_t bytes = 0;
  for (const auto& [k, v] : r.key_values) bytes += k.size() + v.size();
  if (bytes > max_key_value_bytes)
    throw std::invalid_argument("'keyValues' hold " + std::to_string(bytes) +
                                " bytes of keys and values, more than plugins.log.maxKeyValueBytes (" +
                                std::to_string(max_key_value_bytes) + ")");
}

namespace {

std::size_t size_field(const json::value& v, const std::string& key, std::int64_t at_least, std::int64_t at_most) {
  if (!v.is_int64() || v.get_int64() < at_least || v.get_int64() > at_most)
    throw std::invalid_argument("plugins.log: '" + key + "' must be an integer " + std::to_string(at_least) + ".." +
                                std::to_string(at_most));
  return static_cast<std::size_t>(v.get_int64());
}

}  // namespace

Config parse_config(json::value v) {
  Config c;
  if (v.is_null()) v = json::object{};
  if (!v.is_object()) throw std::invalid_argument("plugins.log must be an object");
  bool has_targets = false;
  for (auto& [key, value] : v.get_object()) {
    std::string k(key);
    if (k == "level") {
      c.level = level_value(value, k);
    } else if (k == "levels") {
      if (!value.is_object()) throw std::invalid_argument("plugins.log: 'levels' must be an object of target globs to levels");
      for (auto& [pattern, l] : value.get_object())
        c.levels.emplace_back(std::string(pattern), level_value(l, "levels." + std::string(pattern)));
    } else if (k == "targets") {
      if (!value.is_array()) throw std::invalid_argument("plugins.log: 'targets' must be an array");
      has_targets = true;
      std::size_t i = 0;
      for (auto& t : value.get_array()) c.targets.push_back(parse_target(t, i++));
    } else if (k == "maxFileSize") {
      if (!value.is_int64() || value.get_int64() < 1024)
        throw std::invalid_argument("plugins.log: 'maxFileSize' must be an integer of at least 1024 (bytes)");
      c.max_file_size = static_cast<std::uint64_t>(value.get_int64());
    } else if (k == "maxFiles") {
      if (!value.is_int64() || value.get_int64() < 0 || value.get_int64() > 100)
        throw std::invalid_argument("plugins.log: 'maxFiles' must be an integer 0..100");
      c.max_files = static_cast<std::size_t>(value.get_int64());
    } else if (k == "maxMessageBytes") {
      c.max_message_bytes = size_field(value, k, 256, 1 << 20);
    } else if (k == "maxKeyValues") {
      c.max_key_values = size_field(value, k, 0, 4096);
    } else if (k == "maxKeyValueBytes") {
      c.max_key_value_bytes = size_field(value, k, 0, 1 << 20);
    } else {
      throw std::invalid_argument("plugins.log: unknown key '" + k + "'");
    }
  }
  if (!has_targets) {
    c.targets.push_back(Target{TargetKind::console});
    c.targets.push_back(Target{TargetKind::log_dir});
  }
  return c;
}

std::string timestamp_utc() {
  std::time_t now = std::time(nullptr);
  std::tm tm{};
  ::gmtime_r(&now, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "[%Y-%m-%d][%H:%M:%S]", &tm);
  return buf;
}

LogFile::LogFile(const std::filesystem::path& dir, const std::string& name, std::uint64_t max_size,
                 std::size_t max_files)
    : path_(dir / (name + ".log")) {
  std::filesystem::create_directories(dir);
  auto sink = std::make_shared<spdlog::sinks::rotating_file_sink_mt>(path_.string(), max_size, max_files);
  // Not registered in spdlog's registry: this logger is the plugin's own, the host's are untouched.
  logger_ = std::make_shared<spdlog::logger>("plugin-log:" + path_.string(), std::move(sink));
  logger_->set_pattern("%v");
  logger_->set_level(spdlog::level::trace);
  logger_->flush_on(spdlog::level::trace);
}

LogFile::~LogFile() = default;

void LogFile::write(Level level, const std::string& line) {
  logger_->info("{}[{}] {}", timestamp_utc(), level_name(level), line);
}

}  // namespace warden::log_plugin
