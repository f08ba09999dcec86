#include "link_arguments.hpp"

#include <stdexcept>

#include <boost/json.hpp>
#include <warden/url_scheme.hpp>

namespace json = boost::json;

namespace warden::deep_link_plugin {
namespace {

// A URL never holds a raw space or control character (a browser or the desktop sends them
// percent-encoded); one that does is not a link the desktop handed over.
bool has_raw_space_or_control(std::string_view text) {
  for (char c : text)
    if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7f) return true;
  return false;
}

// Judges one argument; true when it became a link.
bool judge(std::string_view argument, std::size_t index, const DeepLinkConfig& config, LinkArguments& out) {
  const std::string which = "argument " + std::to_string(index);
  auto scheme = warden::url_scheme(argument);
  if (!scheme) {
    out.ignored.push_back(which + ": not a URL");
    return false;
  }
  if (!config.handles(*scheme)) {
    out.ignored.push_back(which + ": scheme '" + scheme->substr(0, max_scheme_bytes) + "' is not configured");
    return false;
  }
  if (argument.size() > max_link_bytes) {
    out.ignored.push_back(which + ": " + std::to_string(argument.size()) + " bytes, more than " +
                          std::to_string(max_link_bytes));
    return false;
  }
  if (has_raw_space_or_control(argument)) {
    out.ignored.push_back(which + ": holds a space or a control character");
    return false;
  }
  if (out.links.size() == max_links) {
    out.ignored.push_back(which + ": more than " + std::to_string(max_links) + " links");
    return false;
  }
  out.links.push_back(*scheme + std::string(argument.substr(scheme->size())));
  return true;
}

}  // namespace

LinkArguments links_among(const std::vector<std::string>& arguments, const DeepLinkConfig& config) {
  LinkArguments out;
  for (std::size_t i = 0; i < arguments.size(); ++i) judge(arguments[i], i, config, out);
  return out;
}

LinkArguments links_among_json(std::string_view text, const DeepLinkConfig& config) {
  boost::system::error_code ec;
  json::value parsed = json::parse(text, ec);
  if (ec || !parsed.is_array()) throw std::invalid_argument("the arguments are not a JSON array");
  LinkArguments out;
  const json::array& arguments = parsed.get_array();
  for (std::size_t i = 0; i < arguments.size(); ++i) {
    if (arguments[i].is_string())
      judge(arguments[i].get_string(), i, config, out);
    else
      out.ignored.push_back("argument " + std::to_string(i) + ": not a string");
  }
  return out;
}

}  // namespace warden::deep_link_plugin
