#include "cookie_jar.hpp"

#include <memory>
#include <sstream>
#include <system_error>

#include <warden/curl_transfer.hpp>
#include <warden/scoped_file.hpp>

namespace warden::http_plugin {
namespace {

constexpr std::uint64_t kMostFileBytes = 4 * 1024 * 1024;

}  // namespace

std::string persistent_cookie_lines(const std::string& netscape_lines) {
  std::istringstream in(netscape_lines);
  std::string line, out;
  while (std::getline(in, line)) {
    if (line.empty() || (line[0] == '#' && !line.starts_with("#HttpOnly_"))) continue;
    std::size_t field = 0, start = 0;
    std::string expiry;
    for (std::size_t i = 0; i <= line.size(); ++i) {
      if (i == line.size() || line[i] == '\t') {
        if (field == 4) expiry = line.substr(start, i - start);
        ++field;
        start = i + 1;
      }
    }
    if (field != 7 || expiry.empty() || expiry == "0") continue;
    out += line + "\n";
  }
  return out;
}

CookieJar::CookieJar(std::optional<std::string> file, Log warn)
    : share_(curl_share_init()), file_(std::move(file)), warn_(std::move(warn)) {
  if (!share_) return;
  // The transfers run on threads of their own: libcurl takes these locks around the shared data.
  curl_share_setopt(share_, CURLSHOPT_LOCKFUNC, &CookieJar::lock);
  curl_share_setopt(share_, CURLSHOPT_UNLOCKFUNC, &CookieJar::unlock);
  curl_share_setopt(share_, CURLSHOPT_USERDATA, this);
  curl_share_setopt(share_, CURLSHOPT_SHARE, CURL_LOCK_DATA_COOKIE);
  if (file_) load();
}

CookieJar::~CookieJar() {
  if (share_) curl_share_cleanup(share_);
}

void CookieJar::load() {
  std::string text;
  try {
    text = read_scoped_file(*file_, kMostFileBytes);
  } catch (const std::system_error& e) {
    if (e.code() != std::errc::no_such_file_or_directory) warn_("the saved cookies are not read: " + std::string(e.what()));
    return;
  }
  CurlEasy easy(curl_easy_init());
  if (!easy) return;
  curl_easy_setopt(easy.get(), CURLOPT_SHARE, share_);
  curl_easy_setopt(easy.get(), CURLOPT_COOKIEFILE, "");
  // Only well-formed lines with an expiry, whatever else the file holds.
  std::istringstream in(persistent_cookie_lines(text));
  for (std::string line; std::getline(in, line);) curl_easy_setopt(easy.get(), CURLOPT_COOKIELIST, line.c_str());
}

void CookieJar::save() {
  if (!file_ || !share_) return;
  std::lock_guard guard(save_mutex_);
  CurlEasy easy(curl_easy_init());
  if (!easy) return;
  curl_easy_setopt(easy.get(), CURLOPT_SHARE, share_);
  curl_slist* list = nullptr;
  if (curl_easy_getinfo(easy.get(), CURLINFO_COOKIELIST, &list) != CURLE_OK) return;
  std::string all;
  for (curl_slist* l = list; l; l = l->next) all += std::string(l->data) + "\n";
  curl_slist_free_all(list);
  std::string text = "# Netscape HTTP Cookie File (the http plugin's, for this app only)\n" + persistent_cookie_lines(all);
  try {
    auto slash = file_->rfind('/');
    make_scoped_folders(file_->substr(0, slash));
    replace_scoped_file(*file_, {reinterpret_cast<const std::uint8_t*>(text.data()), text.size()}, 0600);
  } catch (const std::exception& e) {
    warn_("the cookies are not saved: " + std::string(e.what()));
  }
}

void CookieJar::lock(CURL*, curl_lock_data data, curl_lock_access, void* self) {
  static_cast<CookieJar*>(self)->locks_[static_cast<std::size_t>(data)].lock();
}

void CookieJar::unlock(CURL*, curl_lock_data data, void* self) {
  static_cast<CookieJar*>(self)->locks_[static_cast<std::size_t>(data)].unlock();
}

}  // namespace warden::http_plugin
