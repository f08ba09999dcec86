#include "ipc/isolation_message.hpp"

#include <algorithm>
#include <cmath>

#include <boost/json.hpp>

namespace warden::ipc {
namespace json = boost::json;

std::variant<IsolationMessage, IsolationError> open_isolation_message(const IsolationKey& key,
                                                                      std::span<const uint8_t> body) {
  if (body.size() < kAesGcmNonceSize + kAesGcmTagSize)
    return IsolationError{"isolation message too short (" + std::to_string(body.size()) + " bytes)"};
  IsolationMessage message;
  std::copy_n(body.begin(), kAesGcmNonceSize, message.nonce.begin());
  auto plain = aes256gcm_open(key, std::span<const uint8_t, kAesGcmNonceSize>(message.nonce),
                              body.subspan(kAesGcmNonceSize));
  if (!plain) return IsolationError{"isolation message does not decrypt (not sealed with this run's key, or altered)"};

  auto newline = std::find(plain->begin(), plain->end(), uint8_t{'\n'});
  if (newline == plain->end()) return IsolationError{"isolation plaintext has no envelope line"};
  std::string_view envelope_text(reinterpret_cast<const char*>(plain->data()),
                                 static_cast<size_t>(newline - plain->begin()));
  boost::system::error_code ec;
  json::value envelope = json::parse(envelope_text, ec);
  if (ec || !envelope.is_object()) return IsolationError{"isolation envelope is not a JSON object"};
  const auto& o = envelope.as_object();
  auto text = [&o](const char* name) -> const json::string* {
    auto* v = o.if_contains(name);
    return v && v->is_string() ? &v->as_string() : nullptr;
  };
  auto* cmd = text("cmd");
  auto* origin = text("origin");
  auto* type = text("contentType");
  auto* time = o.if_contains("time");
  if (!cmd || !origin || !type || !time || !time->is_number())
    return IsolationError{"isolation envelope needs cmd, origin, contentType (strings) and time (a number)"};
  double ms = time->to_number<double>();
  if (!std::isfinite(ms) || ms < 0 || ms > 1e15) return IsolationError{"isolation envelope time is out of range"};
  if (*type != "application/json" && *type != "application/octet-stream")
    return IsolationError{"isolation envelope contentType must be application/json or application/octet-stream"};
  message.command.assign(cmd->begin(), cmd->end());
  message.origin.assign(origin->begin(), origin->end());
  message.content_type.assign(type->begin(), type->end());
  message.time_ms = static_cast<int64_t>(ms);
  if (auto* headers = o.if_contains("headers")) {
    if (!headers->is_object()) return IsolationError{"isolation envelope headers must be an object of strings"};
    if (headers->as_object().size() > kMaxCallerHeaders)
      return IsolationError{"isolation envelope has more than " + std::to_string(kMaxCallerHeaders) + " headers"};
    for (const auto& [name, value] : headers->as_object()) {
      if (!value.is_string()) return IsolationError{"isolation envelope header '" + std::string(name) + "' is not a string"};
      if (auto problem = caller_header_problem(name, value.as_string())) return IsolationError{"isolation envelope: " + *problem};
      std::string lower(name);
      for (char& c : lower) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
      for (const auto& seen : message.headers)
        if (seen.first == lower) return IsolationError{"isolation envelope names header '" + lower + "' twice"};
      message.headers.emplace_back(std::move(lower), std::string(value.as_string()));
    }
  }
  message.payload.assign(newline + 1, plain->end());
  return message;
}

std::vector<uint8_t> seal_isolation_message(const IsolationKey& key, const IsolationNonce& nonce,
                                            const IsolationMessage& message) {
  json::object envelope{{"cmd", message.command},
                        {"origin", message.origin},
                        {"time", message.time_ms},
                        {"contentType", message.content_type}};
  if (!message.headers.empty()) {
    json::object headers;
    for (const auto& [name, value] : message.headers) headers[name] = value;
    envelope["headers"] = std::move(headers);
  }
  std::string head = json::serialize(envelope) + "\n";
  std::vector<uint8_t> plain(head.begin(), head.end());
  plain.insert(plain.end(), message.payload.begin(), message.payload.end());
  std::vector<uint8_t> body(nonce.begin(), nonce.end());
  auto sealed = aes256gcm_seal(key, std::span<const uint8_t, kAesGcmNonceSize>(nonce), plain);
  body.insert(body.end(), sealed.begin(), sealed.end());
  return body;
}

}  // namespace warden::ipc
