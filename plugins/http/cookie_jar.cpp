#include "cookie_jar.hpp"

namespace warden::http_plugin {

CookieJar::CookieJar() : share_(curl_share_init()) {
  if (!share_) return;
  // The transfers run on threads of their own: libcurl takes these locks around the shared data.
  curl_share_setopt(share_, CURLSHOPT_LOCKFUNC, &CookieJar::lock);
  curl_share_setopt(share_, CURLSHOPT_UNLOCKFUNC, &CookieJar::unlock);
  curl_share_setopt(share_, CURLSHOPT_USERDATA, this);
  curl_share_setopt(share_, CURLSHOPT_SHARE, CURL_LOCK_DATA_COOKIE);
}

CookieJar::~CookieJar() {
  if (share_) curl_share_cleanup(share_);
}

void CookieJar::lock(CURL*, curl_lock_data data, curl_lock_access, void* self) {
  static_cast<CookieJar*>(self)->locks_[static_cast<std::size_t>(data)].lock();
}

void CookieJar::unlock(CURL*, curl_lock_data data, void* self) {
  static_cast<CookieJar*>(self)->locks_[static_cast<std::size_t>(data)].unlock();
}

}  // namespace warden::http_plugin
