#pragma once
// The app's cookies: one libcurl cookie engine shared by every request of the host process, which
// runs one app, so no other app identifier ever sees them. In memory for the run, unless the app
// config sets plugins.http.persistCookies (Tauri's `cookies` feature, which keeps them in the
// app's cache folder): then the cookies that outlive the session (an expiry date) are read from
// $APPCACHE/.cookies at load and written back atomically (0600) after every finished request.
#include <array>
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
};

// The lines of a Netscape cookie file (libcurl's CURLINFO_COOKIELIST) that outlive the session:
// those whose expiry field (the fifth) is not 0. Other lines, comments and malformed ones dropped.
std::string persistent_cookie_lines(const std::string& netscape_lines);

}  // namespace warden::http_plugin
