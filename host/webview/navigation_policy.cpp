#include "webview/navigation_policy.hpp"

#include <algorithm>
#include <stdexcept>

#include <boost/json.hpp>
#include <spdlog/spdlog.h>
#include <webkit2/webkit2.h>

#include "acl/origin.hpp"
#include "webview/app_scheme.hpp"

namespace warden::webview {
namespace json = boost::json;

namespace {

[[noreturn]] void fail(const std::string& file, const std::string& field, const std::string& expected) {
  throw std::invalid_argument(file + ": " + field + ": expected " + expected);
}

// {"allow": ["pattern", ...]} at `field`.
std::vector<acl::UrlPattern> allow_patterns(const json::value& v, const std::string& file, const std::string& field) {
  if (!v.is_object()) fail(file, field, "an object {\"allow\": [URL patterns]}");
  const auto& o = v.as_object();
  for (const auto& [key, _] : o)
    if (key != "allow") fail(file, field + "." + std::string(key), "no such field (only \"allow\")");
  const json::value* allow = o.if_contains("allow");
  if (!allow || !allow->is_array()) fail(file, field + ".allow", "a list of URL patterns");
  std::vector<acl::UrlPattern> out;
  size_t i = 0;
  for (const auto& e : allow->as_array()) {
    std::string where = field + ".allow[" + std::to_string(i++) + "]";
    if (!e.is_string() || e.as_string().empty()) fail(file, where, "a URL pattern string");
    try {
      out.push_back(acl::UrlPattern::parse(std::string_view(e.as_string())));
    } catch (const std::exception& ex) {
      fail(file, where, std::string("a URL pattern (") + ex.what() + ")");
    }
  }
  return out;
}

bool is_app_page(std::string_view url) {
  std::string prefix = std::string(AppScheme::scheme) + "://" + AppScheme::host;
  return url.starts_with(prefix) && (url.size() == prefix.size() || url[prefix.size()] == '/' ||
                                     url[prefix.size()] == '?' || url[prefix.size()] == '#');
}

bool any_matches(const std::vector<acl::UrlPattern>& patterns, std::string_view url) {
  return std::any_of(patterns.begin(), patterns.end(), [&](const acl::UrlPattern& p) { return p.matches(url); });
}

}  // namespace

NavigationConfig parse_navigation_config(const std::string& config_text, const std::string& file) {
  json::parse_options opts;
  opts.allow_comments = true;
  opts.allow_trailing_commas = true;
  json::value root = json::parse(config_text, {}, opts);
  NavigationConfig out;
  const json::value* app = root.is_object() ? root.as_object().if_contains("app") : nullptr;
  if (!app || !app->is_object()) return out;
  const json::value* security = app->as_object().if_contains("security");
  if (security && security->is_object())
    if (const json::value* nav = security->as_object().if_contains("navigation"); nav && !nav->is_null())
      out.app_allow = allow_patterns(*nav, file, "app.security.navigation");
  const json::value* windows = app->as_object().if_contains("windows");
  if (!windows || !windows->is_array()) return out;
  size_t i = 0;
  for (const auto& w : windows->as_array()) {
    std::string field = "app.windows[" + std::to_string(i++) + "].navigation";
    if (!w.is_object()) continue;  // the window list's own reader reports it
    const json::value* nav = w.as_object().if_contains("navigation");
    if (!nav || nav->is_null()) continue;
    const json::value* label = w.as_object().if_contains("label");
    std::string name = label && label->is_string() ? std::string(label->as_string()) : "main";
    out.window_allow[name] = allow_patterns(*nav, file, field);
  }
  return out;
}

namespace {

// The pattern of every page of `origin`. URLPattern syntax reads ':' as a named group, so an IPv6
// host's colons are escaped: "http://[::1]:8080" -> "http://[\:\:1]:8080/*".
std::string every_page_of(const std::string& origin) {
  std::string out;
  bool in_brackets = false;
  for (char c : origin) {
    in_brackets = c == '[' || (in_brackets && c != ']');
    if (in_brackets && c == ':') out += '\\';
    out += c;
  }
  return out + "/*";
}

}  // namespace

NavigationPolicy::NavigationPolicy(NavigationConfig config, const std::vector<WindowConfig>& windows,
                                   std::vector<acl::UrlPattern> granted_remote)
    : config_(std::move(config)), default_allow_(std::move(granted_remote)) {
  for (const auto& w : windows) {
    std::string start = window_start_url(w);
    if (is_app_page(start)) continue;
    if (auto origin = acl::origin_of_url(start); origin != acl::kOpaqueOrigin) {
      start_origins_[w.label] = origin;
      // By default every window may show what the app's windows start at.
      if (!config_.configured()) default_allow_.push_back(acl::UrlPattern::parse(every_page_of(origin)));
    }
  }
}

const std::vector<acl::UrlPattern>& NavigationPolicy::allow_list(const std::string& window) const {
  if (auto it = config_.window_allow.find(window); it != config_.window_allow.end()) return it->second;
  if (config_.app_allow) return *config_.app_allow;
  return default_allow_;
}

NavigationVerdict NavigationPolicy::decide(const std::string& window, std::string_view from,
                                           std::string_view to) const {
  if (to.starts_with("about:")) return {true, "about: page"};
  const auto& allow = allow_list(window);
  if (is_app_page(to)) {
    if (from.empty() || is_app_page(from)) return {true, "the app's page"};
    return {false, "a page of another origin may not navigate to the app's pages"};
  }
  if (auto it = start_origins_.find(window); it != start_origins_.end() && acl::url_has_origin(to, it->second))
    return {true, "the origin the window starts at"};
  if (any_matches(allow, to)) return {true, "matches a navigation allow pattern"};
  if (config_.configured()) return {false, "not in the window's navigation allow list (app.security.navigation)"};
  return {false, "not allowed by default (no app.security.navigation: only the app's pages, the origins its "
                 "windows start at and the capabilities' remote.urls)"};
}

namespace {

// One view's enforcement: the policy, and the URL of the document the main frame shows.
struct NavigationGuard {
  std::string window;
  std::shared_ptr<const NavigationPolicy> policy;
  std::string committed;  // "" until the first document commits

  bool allows(const char* kind, std::string_view to) const {
    NavigationVerdict v = policy->decide(window, committed, to);
    if (!v.allowed)
      spdlog::warn("navigation refused: window '{}' {} from {} to {}: {}", window, kind,
                   committed.empty() ? "(no page yet)" : committed, to, v.reason);
    return v.allowed;
  }
};

gboolean on_decide_policy(WebKitWebView*, WebKitPolicyDecision* decision, WebKitPolicyDecisionType type, gpointer data) {
  auto* guard = static_cast<NavigationGuard*>(data);
  const char* to = nullptr;
  const char* kind = nullptr;
  if (type == WEBKIT_POLICY_DECISION_TYPE_RESPONSE) {
    auto* response = WEBKIT_RESPONSE_POLICY_DECISION(decision);
    if (!webkit_response_policy_decision_is_main_frame_main_resource(response)) return FALSE;
    to = webkit_uri_request_get_uri(webkit_response_policy_decision_get_request(response));
    kind = "navigation";
  } else if (type == WEBKIT_POLICY_DECISION_TYPE_NEW_WINDOW_ACTION) {
    WebKitNavigationAction* action =
        webkit_navigation_policy_decision_get_navigation_action(WEBKIT_NAVIGATION_POLICY_DECISION(decision));
    to = webkit_uri_request_get_uri(webkit_navigation_action_get_request(action));
    kind = "new window";
  } else {
    return FALSE;  // subframe and main-frame actions alike: judged on the response
  }
  if (guard->allows(kind, to ? to : "")) return FALSE;  // WebKit's default decision
  webkit_policy_decision_ignore(decision);
  return TRUE;
}

void on_load_changed(WebKitWebView* view, WebKitLoadEvent event, gpointer data) {
  if (event != WEBKIT_LOAD_COMMITTED) return;
  const char* uri = webkit_web_view_get_uri(view);
  static_cast<NavigationGuard*>(data)->committed = uri ? uri : "";
}

}  // namespace

void enforce_navigation_policy(WebKitWebView* view, const std::string& window,
                               std::shared_ptr<const NavigationPolicy> policy) {
  if (!policy) return;
  auto* guard = new NavigationGuard{window, std::move(policy), {}};
  auto destroy = +[](gpointer data, GClosure*) { delete static_cast<NavigationGuard*>(data); };
  g_signal_connect_data(view, "decide-policy", G_CALLBACK(on_decide_policy), guard, destroy, GConnectFlags(0));
  g_signal_connect(view, "load-changed", G_CALLBACK(on_load_changed), guard);
}

}  // namespace warden::webview
