#pragma once
// The app's cookies: one libcurl cookie engine shared by every request of the host process, which
// runs one app, so no other app identifier ever sees them. Kept in memory for the run: Tauri's
// plugin keeps no cookies unless built with its `cookies` feature (docs/plugins/http.md).
#include <array>
#include <mutex>

#include <curl/curl.h>

namespace warden::http_plugin {

class CookieJar {
 public:
  CookieJar();
  ~CookieJar();
  CookieJar(const CookieJar&) = delete;
  CookieJar& operator=(const CookieJar&) = delete;

  // For CURLOPT_SHARE; null when libcurl could not make the share (cookies then stay per request).
  CURLSH* share() const { return share_; }

 private:
  static void lock(CURL*, curl_lock_data data, curl_lock_access, void* self);
  static void unlock(CURL*, curl_lock_data data, void* self);

  CURLSH* share_ = nullptr;
  std::array<std::mutex, CURL_LOCK_DATA_LAST> locks_;
};

}  // namespace warden::http_plugin
