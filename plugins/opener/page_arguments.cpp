#include "page_arguments.hpp"

#include <stdexcept>

#include <boost/json.hpp>
#include <warden/url_scheme.hpp>


namespace json = boost::json;

namespace warden::opener_plugin {
namespace {

const json::object& object_of(const json::value& args) {
  if (!args.is_object()) throw std::invalid_argument("the arguments must be an object");
  return args.get_object();
}

std::string required_string(const json::object& o, const char* key) {
  const json::value* v = o.if_contains(key);
  if (!v || !v->is_string()) throw std::invalid_argument(std::string("'") + key + "' must be a string");
  return std::string(v->get_string());
}

std::optional<std::string> optional_with(const json::object& o) {
  const json::value* v = o.if_contains("with");
  if (!v || v->is_null()) return std::nullopt;
  if (!v->is_string() || v->get_string().empty())
    throw std::invalid_argument("'with' must be the name of an application, or absent for the default one");
  return std::string(v->get_string());
}

std::string absolute_path(std::string path, const char* what) {
  std::string name = std::string("'") + what + "'";
  if (path.empty() || path.front() != '/') throw std::invalid_argument(name + " must be an absolute path");
  if (path.find('\0') != std::string::npos) throw std::invalid_argument(name + " contains a NUL byte");
  return path;
}

}  // namespace

OpenUrlArgs open_url_args(const json::value& args) {
  const auto& o = object_of(args);
  OpenUrlArgs a{required_string(o, "url"), optional_with(o)};
  if (a.url.size() > kMaxUrlBytes)
    throw std::invalid_argument("'url' is longer than " + std::to_string(kMaxUrlBytes) + " bytes");
  for (char c : a.url) {
    auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u == 0x7f)
      throw std::invalid_argument("'url' contains a blank or control character (percent-encode it)");
  }
  if (!warden::url_scheme(a.url)) throw std::invalid_argument("'url' must start with a scheme, such as https:");
  return a;
}

OpenPathArgs open_path_args(const json::value& args) {
  const auto& o = object_of(args);
  return {absolute_path(required_string(o, "path"), "path"), optional_with(o)};
}

std::vector<std::string> reveal_args(const json::value& args) {
  const auto& o = object_of(args);
  const json::value* paths = o.if_contains("paths");
  if (!paths && o.contains("path")) return {absolute_path(required_string(o, "path"), "path")};
  if (!paths || !paths->is_array()) throw std::invalid_argument("'paths' must be a list of absolute paths");
  if (paths->get_array().size() > kMaxRevealedItems)
    throw std::invalid_argument("'paths' lists more than " + std::to_string(kMaxRevealedItems) + " items");
  std::vector<std::string> out;
  for (const auto& p : paths->get_array()) {
    if (!p.is_string()) throw std::invalid_argument("'paths' must be a list of absolute paths");
    out.push_back(absolute_path(std::string(p.get_string()), "paths"));
  }
  return out;
}

}  // namespace warden::opener_plugin
