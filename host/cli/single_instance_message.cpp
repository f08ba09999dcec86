#include "cli/single_instance_message.hpp"

#include <glib.h>

#include <boost/json.hpp>
#include <spdlog/spdlog.h>

namespace warden::cli {
namespace json = boost::json;

namespace {

std::string utf8_of(const std::string& argument) {
  if (g_utf8_validate(argument.data(), static_cast<gssize>(argument.size()), nullptr)) return argument;
  gchar* valid = g_utf8_make_valid(argument.data(), static_cast<gssize>(argument.size()));
  std::string out(valid);
  g_free(valid);
  // Its size only: an argument may be a link carrying a login token.
  spdlog::warn("an app argument ({} bytes) is not UTF-8: its invalid bytes read as U+FFFD", argument.size());
  return out;
}

json::array arguments_array(const std::vector<std::string>& arguments) {
  json::array out;
  for (const std::string& argument : arguments) out.emplace_back(utf8_of(argument));
  return out;
}

}  // namespace

std::string arguments_json(const std::vector<std::string>& arguments) {
  return json::serialize(arguments_array(arguments));
}

std::string handover_message(const std::vector<std::string>& arguments, const std::string& cwd) {
  return json::serialize(json::object{{"arguments", arguments_array(arguments)}, {"cwd", utf8_of(cwd)}});
}

std::optional<Handover> parse_handover(std::string_view message, std::string& error) {
  if (message.size() > kMaxHandoverBytes) {
    error = "longer than " + std::to_string(kMaxHandoverBytes) + " bytes";
    return std::nullopt;
  }
  std::error_code ec;
  json::value root = json::parse(message, ec);
  if (ec) {
    error = "not JSON: " + ec.message();
    return std::nullopt;
  }
  const json::object* o = root.if_object();
  const json::value* arguments = o ? o->if_contains("arguments") : nullptr;
  const json::value* cwd = o ? o->if_contains("cwd") : nullptr;
  if (!arguments || !cwd || o->size() != 2) {
    error = "expected an object of exactly \"arguments\" and \"cwd\"";
    return std::nullopt;
  }
  if (!arguments->is_array()) {
    error = "\"arguments\" must be an array of strings";
    return std::nullopt;
  }
  for (const json::value& a : arguments->as_array())
    if (!a.is_string()) {
      error = "\"arguments\" must be an array of strings";
      return std::nullopt;
    }
  // A NUL would cut the path short where subscribers read it as a C string.
  if (!cwd->is_string() || cwd->as_string().empty() || cwd->as_string()[0] != '/' ||
      std::string_view(cwd->as_string()).find('\0') != std::string_view::npos) {
    error = "\"cwd\" must be an absolute path";
    return std::nullopt;
  }
  return Handover{json::serialize(*arguments), arguments->as_array().size(), std::string(cwd->as_string())};
}

}  // namespace warden::cli
