#pragma once
// Where a window's top-level document may go (issue 13, finding 10). A page that navigates its
// window takes the window's grants somewhere else: a remote page could send the window to an app
// page with data of its choosing in the URL (the app page then runs with the app's local grants on
// it), and any page could take the window to a site the app never meant to show.
//
// warden.conf.json (Warden only; Tauri has on_navigation in Rust instead):
//   "app": {"security": {"navigation": {"allow": ["https://accounts.example.com/*"]}},
//           "windows": [{"label": "docs", "navigation": {"allow": ["https://docs.example.com/*"]}}]}
// `allow` holds URL patterns, the same as remote.urls (docs/url-patterns.md). A window's own
// list replaces the app's for that window. A top-level navigation is allowed when:
//   - it goes to about:blank (the page keeps its own origin; the host's error page is one);
//   - it goes to the app's pages (app://localhost/...) from the app's pages, or as the window's
//     first page; never from another origin's page (WebKit refuses that one before the policy
//     sees it too: the app scheme is display-isolated, webview/web_context.hpp);
//   - it stays in the origin the window starts at (its `url`, when remote);
//   - it matches an allow pattern. Without `navigation` anywhere in the config, the patterns are
//     the remote.urls of the capabilities and the origins the app's windows start at: what the app
//     already shows or grants. Anything else needs the config.
// Same-document changes (a hash, history.pushState) are not navigations: see docs/security.md on
// what remote URL patterns mean within one origin.
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "acl/url_pattern.hpp"
#include "webview/window_config.hpp"

typedef struct _WebKitWebView WebKitWebView;

namespace warden::webview {

struct NavigationConfig {
  std::optional<std::vector<acl::UrlPattern>> app_allow;        // app.security.navigation.allow
  std::map<std::string, std::vector<acl::UrlPattern>> window_allow;  // app.windows[].navigation.allow
  bool configured() const { return app_allow || !window_allow.empty(); }
};

// Reads both from the config file's text; throws std::invalid_argument naming `file` and the
// field when one is malformed (not an object {allow: [...]}, a pattern that does not parse).
NavigationConfig parse_navigation_config(const std::string& config_text, const std::string& file);

struct NavigationVerdict {
  bool allowed = false;
  std::string reason;  // why, for the log
};

class NavigationPolicy {
 public:
  // `windows`: the app's windows (their start URLs). `granted_remote`: the remote.urls patterns of
  // the capabilities, the default allow list when the config has none.
  NavigationPolicy(NavigationConfig config, const std::vector<WindowConfig>& windows,
                   std::vector<acl::UrlPattern> granted_remote);

  // May `window`'s top-level document go from `from` ("" before its first page) to `to`?
  NavigationVerdict decide(const std::string& window, std::string_view from, std::string_view to) const;

 private:
  const std::vector<acl::UrlPattern>& allow_list(const std::string& window) const;

  NavigationConfig config_;
  std::map<std::string, std::string> start_origins_;  // window label → origin of its remote start URL
  std::vector<acl::UrlPattern> default_allow_;
};

// [main-thread] Applies `policy` to `view` of window `window`: a refused top-level navigation or
// new-window request is ignored and logged ("navigation refused: window 'w' from ... to ...").
// Top-level navigations are judged on the main frame's response (WebKitGTK says which frame a
// navigation is for only there), so a refused one has sent its request but shows nothing.
void enforce_navigation_policy(WebKitWebView* view, const std::string& window,
                               std::shared_ptr<const NavigationPolicy> policy);

}  // namespace warden::webview
