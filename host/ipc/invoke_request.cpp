#include "ipc/invoke_request.hpp"

#include <boost/json.hpp>

#include "warden/ascii.hpp"

#include "ipc/json_check.hpp"
#include "ipc/percent_decoding.hpp"

namespace warden::ipc {
namespace {

bool is_plugin_name(std::string_view s) {
  if (s.empty() || s.size() > 64 || s.front() == '-' || s.back() == '-') return false;
  for (char c : s)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
  return true;
}

bool is_command_name(std::string_view s, bool allow_dash) {
  if (s.empty() || s.size() > 128) return false;
  for (char c : s)
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
          (allow_dash && c == '-')))
      return false;
  return true;
}

std::string_view media_type(std::string_view content_type) {
  auto semi = content_type.find(';');
  auto t = content_type.substr(0, semi);
  while (!t.empty() && t.back() == ' ') t.remove_suffix(1);
  while (!t.empty() && t.front() == ' ') t.remove_prefix(1);
  return t;
}

// RFC 9110 token characters.
bool is_header_token(std::string_view s) {
  if (s.empty() || s.size() > 64) return false;
  for (char c : s) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
    if (!ok) return false;
  }
  return true;
}

}  // namespace

std::variant<CommandName, DecodeError> parse_command_name(std::string_view name) {
  constexpr std::string_view prefix = "plugin:";
  if (name.substr(0, prefix.size()) == prefix) {
    auto rest = name.substr(prefix.size());
    auto bar = rest.find('|');
    if (bar == std::string_view::npos) return DecodeError{"invalid command name"};
    auto plugin = rest.substr(0, bar), command = rest.substr(bar + 1);
    if (!is_plugin_name(plugin) || !is_command_name(command, true))
      return DecodeError{"invalid command name"};
    return CommandName{std::string(plugin), std::string(command)};
  }
  if (!is_command_name(name, true)) return DecodeError{"invalid command name"};
  return CommandName{"", std::string(name)};
}

std::optional<std::vector<std::string>> parse_caller_header_names(std::string_view value) {
  std::vector<std::string> names;
  size_t i = 0;
  while (i <= value.size()) {
    size_t j = value.find(',', i);
    if (j == std::string_view::npos) j = value.size();
    std::string_view name = value.substr(i, j - i);
    while (!name.empty() && name.front() == ' ') name.remove_prefix(1);
    while (!name.empty() && name.back() == ' ') name.remove_suffix(1);
    if (!is_header_token(name) || names.size() == kMaxCallerHeaders) return std::nullopt;
    std::string lower = warden::ascii_lower(name);
    for (const auto& n : names)
      if (n == lower) return std::nullopt;
    names.push_back(std::move(lower));
    i = j + 1;
  }
  return names;
}

std::optional<std::string> caller_header_problem(std::string_view name, std::string_view value) {
  if (!is_header_token(name)) return "caller header name '" + std::string(name.substr(0, 64)) + "' is not an HTTP token";
  for (char c : value) {
    auto u = static_cast<unsigned char>(c);
    if (u >= 0x80 || u == 0x7f || (u < 0x20 && u != '\t'))
      return "caller header '" + std::string(name) + "' is not printable ASCII";
  }
  return std::nullopt;
}

std::variant<InvokeRequest, DecodeError> decode_invoke_request(std::string_view url_path,
                                                               std::string_view content_type,
                                                               std::string body,
                                                               const CallerHeaders& caller_headers) {
  if (url_path.empty() || url_path.front() != '/') return DecodeError{"invalid request path"};
  url_path.remove_prefix(1);
  if (url_path.find('/') != std::string_view::npos) return DecodeError{"invalid request path"};
  auto decoded = percent_decode(url_path);
  if (!decoded) return DecodeError{"invalid command name"};
  return decode_invoke_call(std::move(*decoded), content_type, std::move(body), caller_headers);
}

std::optional<std::string> caller_headers_problem(const CallerHeaders& headers) {
  if (headers.size() > kMaxCallerHeaders) return "more than " + std::to_string(kMaxCallerHeaders) + " caller headers";
  for (size_t i = 0; i < headers.size(); ++i) {
    const auto& [name, value] = headers[i];
    if (auto problem = caller_header_problem(name, value)) return problem;
    if (warden::ascii_lower(name) != name) return "caller header name '" + name + "' is not lowercase";
    for (size_t j = 0; j < i; ++j)
      if (headers[j].first == name) return "caller header '" + name + "' is given twice";
  }
  return std::nullopt;
}

std::variant<InvokeRequest, DecodeError> decode_invoke_call(std::string command, std::string_view content_type,
                                                            std::string body, const CallerHeaders& caller_headers) {
  auto name = parse_command_name(command);
  if (auto* e = std::get_if<DecodeError>(&name)) return *e;

  InvokeRequest request;
  request.command = std::move(command);
  auto type = media_type(content_type);
  if (warden::ascii_iequals(type, "application/octet-stream")) {
    request.binary = true;
    request.body = std::move(body);
    boost::json::object args;
    for (const auto& [name, value] : caller_headers) args[name] = value;
    request.args_json = boost::json::serialize(args);
    return request;
  }
  if (!warden::ascii_iequals(type, "application/json") && !(type.empty() && body.empty()))
    return DecodeError{"unsupported content type"};
  if (body.empty()) {
    request.args_json = "{}";
    return request;
  }
  switch (check_json(body)) {
    case JsonShape::invalid: return DecodeError{"arguments are not valid JSON"};
    case JsonShape::other: return DecodeError{"arguments must be a JSON object"};
    case JsonShape::object: break;
  }
  request.args_json = std::move(body);  // the text is the arguments: not copied
  return request;
}

}  // namespace warden::ipc
