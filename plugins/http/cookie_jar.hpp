#pragma once
// The app's cookies: one libcurl cookie engine shared by every request of the host process, which
// runs one app, so no other app identifier ever sees them. In memory for the run, unless the app
// config sets plugins.http.persistCookies (Tauri's `cookies` feature, which keeps them in the
// app's cache folder): then the cookies that outlive the session (an expiry date) are read from
// $APPCACHE/.cookies at load and written back atomically (0600) after every finished request,
// within browsers' limits (bound_cookie_lines) so that the next start can read the file.
#include <array>
#include <cstddef>
#include <functional>
#include <mutex>
#include <optional>
#include <string>

#include <curl/curl.h>

namespace warden::http_plugin {

class CookieJar {
 public:
  using Log = std::function<void(const std::string&)>;
  // `file`: where the cookies persist (absolute), or nullopt to keep them in memory only.
  CookieJar(std::optional<std::string> file, Log warn);
  ~CookieJar();
  CookieJar(const CookieJar&) = delete;
  CookieJar& operator=(const CookieJar&) = delete;

  // For CURLOPT_SHARE; null when libcurl could not make the share (cookies then stay per request).
  CURLSH* share() const { return share_; }
  // [any-thread] Writes the persistent cookies to the file, when there is one; a failure is
  // logged, never thrown (a request does not fail because its cookies could not be kept).
  void save();

 private:
  static void lock(CURL*, curl_lock_data data, curl_lock_access, void* self);
  static void unlock(CURL*, curl_lock_data data, void* self);
  void load();

  CURLSH* share_ = nullptr;
  std::array<std::mutex, CURL_LOCK_DATA_LAST> locks_;
  std::optional<std::string> file_;
  Log warn_;
  std::mutex save_mutex_;
  std::size_t last_over_limits_ = 0;  // so that the same drop is logged once, not after every request
};

// The lines of a Netscape cookie file (libcurl's CURLINFO_COOKIELIST) that outlive the session:
// those whose expiry field (the fifth) is not 0. Other lines, comments and malformed ones dropped.
std::string persistent_cookie_lines(const std::string& netscape_lines);

// How much of the cookie store the file keeps: browsers' own limits (Firefox keeps 3000 cookies
// and 180 per host), and the bytes the next start reads (a larger file would be refused whole,
// losing every cookie).
struct CookieFileLimits {
  std::size_t most_cookies = 3000;
  std::size_t most_per_domain = 180;
  std::size_t most_bytes = 4 * 1024 * 1024 - 1024;  // the read limit, less room for the file's header
};

struct BoundedCookies {
  std::string lines;            // what the file keeps, in the order given
  std::size_t expired = 0;      // dropped: their expiry has passed
  std::size_t over_limits = 0;  // dropped: past a limit, those that expire soonest first
};

// Persistent cookie lines (persistent_cookie_lines' output) within `limits` at time `now` (Unix
// seconds): expired ones go first; then, when still too many for a domain, in all or in bytes,
// the cookies that expire soonest are dropped (a Netscape line has no creation time: the one
// closest to its end is the one the site needs least).
BoundedCookies bound_cookie_lines(const std::string& persistent_lines, long long now,
                                  const CookieFileLimits& limits = {});

}  // namespace warden::http_plugin
