#include "log/log.hpp"

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <ctime>
#include <stdexcept>

#include <spdlog/pattern_formatter.h>
#include <spdlog/sinks/stdout_color_sinks.h>

namespace warden::log {
namespace {

constexpr const char* kAuditLogger = "warden.audit";

std::atomic<Format> g_format{Format::text};

// {"time":"2026-01-02T03:04:05.678Z","level":"warning","msg":"..."} per line. Records of the audit
// logger carry a JSON object as their payload: its members are spliced in instead of "msg".
class JsonFormatter final : public spdlog::formatter {
 public:
  void format(const spdlog::details::log_msg& msg, spdlog::memory_buf_t& dest) override {
    auto t = std::chrono::system_clock::to_time_t(msg.time);
    auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(msg.time.time_since_epoch()).count() % 1000;
    std::tm tm{};
    gmtime_r(&t, &tm);
    char stamp[40];
    size_t n = std::strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%S", &tm);
    std::snprintf(stamp + n, sizeof stamp - n, ".%03dZ", static_cast<int>(ms));
    std::string_view level_name(spdlog::level::to_string_view(msg.level).data(),
                                spdlog::level::to_string_view(msg.level).size());
    std::string out = "{\"time\":\"" + std::string(stamp) + "\",\"level\":" + json_string(level_name);
    std::string_view payload(msg.payload.data(), msg.payload.size());
    std::string_view logger(msg.logger_name.data(), msg.logger_name.size());
    if (logger == kAuditLogger && payload.size() >= 2 && payload.front() == '{') {
      out += ",";
      out += payload.substr(1);  // the audit object's members and its closing brace
    } else {
      out += ",\"msg\":" + json_string(payload) + "}";
    }
    out += "\n";
    dest.append(out.data(), out.data() + out.size());
  }
  std::unique_ptr<spdlog::formatter> clone() const override { return std::make_unique<JsonFormatter>(); }
};

// A value for the text rendering: quoted, with quotes, backslashes and control characters escaped.
std::string quoted(std::string_view s) { return json_string(s); }

}  // namespace

std::optional<spdlog::level::level_enum> parse_level(std::string_view name) {
  static constexpr std::pair<std::string_view, spdlog::level::level_enum> kLevels[] = {
      {"trace", spdlog::level::trace}, {"debug", spdlog::level::debug},
      {"info", spdlog::level::info},   {"warn", spdlog::level::warn},
      {"warning", spdlog::level::warn}, {"error", spdlog::level::err},
      {"critical", spdlog::level::critical}, {"off", spdlog::level::off}};
  for (auto [key, level] : kLevels)
    if (key == name) return level;
  return std::nullopt;
}

std::optional<Format> parse_format(std::string_view name) {
  if (name == "text") return Format::text;
  if (name == "json") return Format::json;
  return std::nullopt;
}

void init(const std::optional<std::string>& cli_level, const std::string& format_name) {
  std::string name = "warn";
  const char* env = std::getenv("WARDEN_LOG");
  if (cli_level) name = *cli_level;
  else if (env && *env) name = env;
  auto level = parse_level(name);
  if (!level)
    throw std::invalid_argument("unknown log level '" + name +
                                "' (expected trace, debug, info, warn, error, critical or off)");
  auto format = parse_format(format_name);
  if (!format) throw std::invalid_argument("unknown log format '" + format_name + "' (expected text or json)");
  spdlog::drop("warden");
  spdlog::drop(kAuditLogger);
  auto logger = spdlog::stderr_color_mt("warden");
  // The audit logger writes through the same sink (same lock, same formatter).
  auto audit = std::make_shared<spdlog::logger>(kAuditLogger, logger->sinks().begin(), logger->sinks().end());
  if (*format == Format::json) {
    logger->set_formatter(std::make_unique<JsonFormatter>());
  } else {
    logger->set_pattern("[%Y-%m-%dT%H:%M:%S.%e] [%^%l%$] %v");
  }
  logger->set_level(*level);
  audit->set_level(*level);
  spdlog::register_logger(audit);
  g_format = *format;
  spdlog::set_default_logger(logger);
}

std::string json_string(std::string_view s) {
  std::string out = "\"";
  for (unsigned char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20 || c == 0x7f) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  return out + "\"";
}

std::string denial_text(const Denial& d) {
  return "ipc denied: command=" + quoted(d.command) + " window=" + quoted(d.window) + " webview=" +
         quoted(d.webview) + " origin=" + quoted(d.origin) + " status=" + std::to_string(d.status) +
         " reason=" + quoted(d.reason);
}

std::string denial_json_fields(const Denial& d) {
  return "{\"event\":\"ipc.denied\",\"command\":" + json_string(d.command) + ",\"window\":" +
         json_string(d.window) + ",\"webview\":" + json_string(d.webview) + ",\"origin\":" +
         json_string(d.origin) + ",\"status\":" + std::to_string(d.status) + ",\"reason\":" +
         json_string(d.reason) + "}";
}

std::string grant_text(const Grant& g) {
  return std::string(g.granted ? "scope granted" : "scope grant refused") + ": plugin=" + quoted(g.plugin) +
         " window=" + quoted(g.window) + " webview=" + quoted(g.webview) + " origin=" + quoted(g.origin) +
         " scope=" + quoted(g.scope) + " path=" + quoted(g.path) + " recursive=" + (g.recursive ? "true" : "false") +
         " outcome=" + quoted(g.granted ? "granted" : "refused") + " reason=" + quoted(g.reason);
}

std::string grant_json_fields(const Grant& g) {
  return "{\"event\":\"scope.grant\",\"plugin\":" + json_string(g.plugin) + ",\"window\":" + json_string(g.window) +
         ",\"webview\":" + json_string(g.webview) + ",\"origin\":" + json_string(g.origin) + ",\"scope\":" +
         json_string(g.scope) + ",\"path\":" + json_string(g.path) + ",\"recursive\":" + (g.recursive ? "true" : "false") +
         ",\"outcome\":" + json_string(g.granted ? "granted" : "refused") + ",\"reason\":" + json_string(g.reason) + "}";
}

void grant(const Grant& g) {
  auto audit = spdlog::get(kAuditLogger);
  if (audit && g_format.load() == Format::json)
    audit->warn("{}", grant_json_fields(g));
  else if (audit)
    audit->warn("{}", grant_text(g));
  else
    spdlog::warn("{}", grant_text(g));
}

void denial(const Denial& d) {
  auto audit = spdlog::get(kAuditLogger);
  if (audit && g_format.load() == Format::json)
    audit->warn("{}", denial_json_fields(d));
  else if (audit)
    audit->warn("{}", denial_text(d));
  else
    spdlog::warn("{}", denial_text(d));
}

}  // namespace warden::log
