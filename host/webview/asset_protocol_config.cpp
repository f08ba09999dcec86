#include "webview/asset_protocol_config.hpp"

#include <stdexcept>

#include <boost/json.hpp>

namespace warden::webview {
namespace json = boost::json;

namespace {

[[noreturn]] void fail(const std::string& file, const std::string& field, const std::string& expected) {
  throw std::invalid_argument(file + ": app.security.assetProtocol." + field + ": expected " + expected);
}

json::array patterns(const json::value* v, const std::string& file, const std::string& field) {
  json::array out;
  if (!v) return out;
  if (!v->is_array()) fail(file, field, "a list of path patterns");
  for (auto& e : v->as_array()) {
    if (!e.is_string() || e.as_string().empty()) fail(file, field, "non-empty path pattern strings");
    out.push_back(e);
  }
  return out;
}

}  // namespace

AssetProtocolConfig parse_asset_protocol_config(const std::string& config_text, const std::string& file) {
  json::parse_options opts;
  opts.allow_comments = true;
  opts.allow_trailing_commas = true;
  json::value root = json::parse(config_text, {}, opts);
  AssetProtocolConfig out;
  const json::value* v = root.is_object() ? root.as_object().if_contains("app") : nullptr;
  v = v && v->is_object() ? v->as_object().if_contains("security") : nullptr;
  v = v && v->is_object() ? v->as_object().if_contains("assetProtocol") : nullptr;
  if (!v || v->is_null()) return out;
  if (!v->is_object()) fail(file, "", "an object {enable, scope}");
  const auto& o = v->as_object();
  if (auto* e = o.if_contains("enable")) {
    if (!e->is_bool()) fail(file, "enable", "true or false");
    out.enabled = e->as_bool();
  }
  json::array allow, deny;
  if (auto* s = o.if_contains("scope")) {
    if (s->is_array()) {
      allow = patterns(s, file, "scope");
    } else if (s->is_object()) {
      allow = patterns(s->as_object().if_contains("allow"), file, "scope.allow");
      deny = patterns(s->as_object().if_contains("deny"), file, "scope.deny");
      if (auto* dot = s->as_object().if_contains("requireLiteralLeadingDot")) {
        if (!dot->is_bool()) fail(file, "scope.requireLiteralLeadingDot", "true or false");
        out.require_literal_leading_dot = dot->as_bool();
      }
    } else {
      fail(file, "scope", "a list of path patterns or {allow, deny}");
    }
  }
  out.scope = json::object{{"allow", std::move(allow)}, {"deny", std::move(deny)}};
  return out;
}

}  // namespace warden::webview
