#pragma once
// Logging for the host: spdlog to stderr (stdout carries only command results).
// Two formats: "text" (one human-readable line per message) and "json" (one JSON object per
// line, for machines: {"time", "level", "msg"}; audit records carry their fields instead of "msg").
#include <optional>
#include <string>
#include <string_view>

#include <spdlog/spdlog.h>

namespace warden::log {

enum class Format { text, json };

// Sets up the stderr logger. The level comes from `cli_level` when given, else from the
// WARDEN_LOG environment variable, else "warn". Throws std::invalid_argument for a level
// name spdlog does not know or a format other than "text" and "json".
void init(const std::optional<std::string>& cli_level, const std::string& format = "text");

// Parses "trace|debug|info|warn|error|critical|off"; nullopt for anything else.
std::optional<spdlog::level::level_enum> parse_level(std::string_view name);
std::optional<Format> parse_format(std::string_view name);

// One refused IPC call, whatever refused it (the transport or the authority).
struct Denial {
  std::string_view command;  // "" when the request did not get as far as naming one
  std::string_view window;   // "" when unknown
  std::string_view webview;
  std::string_view origin;
  int status = 403;          // the HTTP status the WebView got
  std::string_view reason;   // the full reason: the log is where the detail goes
};

// Logs a denial at warn level as one line:
//   text: ipc denied: command="c" window="w" webview="v" origin="o" status=403 reason="r"
//   json: {"time":..., "level":"warning", "event":"ipc.denied", "command":..., ...}
// Values are escaped so that a name or reason with newlines or quotes stays on its line.
void denial(const Denial& d);

// The text and JSON renderings of a denial (what denial() writes after the time and level).
std::string denial_text(const Denial& d);
std::string denial_json_fields(const Denial& d);  // a JSON object

// One grant of warden.grants/1, made or refused (docs/grants.md): an audit line like a denial's.
struct Grant {
  std::string_view plugin;   // the granting plugin
  std::string_view window;
  std::string_view webview;
  std::string_view origin;
  std::string_view scope;    // "fs", "asset" (or what the plugin named)
  std::string_view path;     // canonical when it could be made so, else as the plugin gave it
  bool recursive = false;
  bool granted = false;
  std::string_view reason;   // why not, when refused
};

// Logs it at warn level (a widened scope is worth seeing at the default level), as one line:
//   text: scope granted: plugin="p" window="w" webview="v" origin="o" scope="fs" path="/x"
//         recursive=true outcome="granted" reason=""
//   json: {"time":..., "level":"warning", "event":"scope.grant", "plugin":..., "outcome":...}
void grant(const Grant& g);
std::string grant_text(const Grant& g);
std::string grant_json_fields(const Grant& g);

// `s` as a JSON string literal, quotes included.
std::string json_string(std::string_view s);

}  // namespace warden::log
