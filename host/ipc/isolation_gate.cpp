#include "ipc/isolation_gate.hpp"

#include <chrono>

namespace warden::ipc {
namespace {

// The media type without parameters, lowercased.
std::string media_type(std::string_view content_type) {
  auto t = content_type.substr(0, content_type.find(';'));
  while (!t.empty() && t.back() == ' ') t.remove_suffix(1);
  while (!t.empty() && t.front() == ' ') t.remove_prefix(1);
  std::string out(t);
  for (char& c : out) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  return out;
}

}  // namespace

std::variant<OpenedCall, IsolationError> IsolationGate::admit(std::string_view content_type,
                                                              std::span<const uint8_t> body,
                                                              std::string_view url_command, std::string_view origin,
                                                              int64_t now_ms) {
  if (media_type(content_type) != kIsolationContentType)
    return IsolationError{"plain request under the isolation pattern (Content-Type '" + std::string(content_type) +
                          "', expected " + kIsolationContentType + ")"};
  auto opened = open_isolation_message(key_, body);
  if (auto* error = std::get_if<IsolationError>(&opened)) return *error;
  auto& message = std::get<IsolationMessage>(opened);
  // Remembered before the other checks: an authentic message is used up even when refused.
  if (auto stale = freshness_.admit(message.nonce, message.time_ms, now_ms)) return IsolationError{*stale};
  if (message.command != url_command)
    return IsolationError{"isolation message is for command '" + message.command + "', the URL names another"};
  if (message.origin != origin)
    return IsolationError{"isolation message was sealed for origin '" + message.origin + "', sent from another"};
  return OpenedCall{std::move(message.content_type), std::move(message.payload), std::move(message.headers)};
}

int64_t isolation_clock_now_ms() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

}  // namespace warden::ipc
