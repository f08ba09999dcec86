#include "cookie_jar.hpp"

#include <algorithm>
#include <charconv>
#include <ctime>
#include <map>
#include <memory>
#include <string_view>
#include <vector>
#include <sstream>
#include <system_error>

#include <warden/curl_transfer.hpp>
#include <warden/fetch_headers.hpp>
#include <warden/scoped_file.hpp>

namespace warden::http_plugin {
namespace {

constexpr std::uint64_t kMostFileBytes = 4 * 1024 * 1024;

// The fields of a Netscape cookie line: domain (with #HttpOnly_ and a leading dot removed, so that
// a site's host-only and domain cookies count together) and expiry.
struct CookieLine {
  std::string_view text;
  std::string domain;
  long long expiry = 0;
};

CookieLine read_cookie_line(std::string_view line) {
  CookieLine c{line, {}, 0};
  std::string_view domain = line.substr(0, line.find('\t'));
  if (domain.starts_with("#HttpOnly_")) domain.remove_prefix(10);
  if (domain.starts_with('.')) domain.remove_prefix(1);
  c.domain = ascii_lower(domain);
  std::size_t start = 0;
  for (int field = 0; field < 4 && start != std::string_view::npos; ++field) {
    start = line.find('\t', start);
    if (start != std::string_view::npos) ++start;
  }
  if (start != std::string_view::npos) {
    std::string_view expiry = line.substr(start, line.find('\t', start) - start);
    std::from_chars(expiry.data(), expiry.data() + expiry.size(), c.expiry);
  }
  return c;
}

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

BoundedCookies bound_cookie_lines(const std::string& persistent_lines, long long now, const CookieFileLimits& limits) {
  std::vector<CookieLine> cookies;
  BoundedCookies out;
  std::string_view rest = persistent_lines;
  while (!rest.empty()) {
    std::size_t end = rest.find('\n');
    std::string_view line = rest.substr(0, end);
    rest.remove_prefix(end == std::string_view::npos ? rest.size() : end + 1);
    if (line.empty()) continue;
    CookieLine c = read_cookie_line(line);
    if (c.expiry <= now) ++out.expired;
    else cookies.push_back(std::move(c));
  }
  // Latest expiry first: those are kept while the limits allow.
  std::vector<std::size_t> order(cookies.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](auto a, auto b) { return cookies[a].expiry > cookies[b].expiry; });
  std::vector<bool> keep(cookies.size(), false);
  std::map<std::string, std::size_t> per_domain;
  std::size_t kept = 0, bytes = 0;
  for (std::size_t i : order) {
    const CookieLine& c = cookies[i];
    std::size_t& mine = per_domain[c.domain];
    if (kept >= limits.most_cookies || mine >= limits.most_per_domain || bytes + c.text.size() + 1 > limits.most_bytes) {
      ++out.over_limits;
      continue;
    }
    keep[i] = true;
    ++kept;
    ++mine;
    bytes += c.text.size() + 1;
  }
  for (std::size_t i = 0; i < cookies.size(); ++i)
    if (keep[i]) out.lines.append(cookies[i].text).push_back('\n');
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
  std::istringstream in(bound_cookie_lines(persistent_cookie_lines(text), static_cast<long long>(std::time(nullptr))).lines);
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
  CookieFileLimits limits;
  BoundedCookies kept = bound_cookie_lines(persistent_cookie_lines(all), static_cast<long long>(std::time(nullptr)), limits);
  if (kept.over_limits != last_over_limits_ && kept.over_limits > 0)
    warn_(std::to_string(kept.over_limits) + " cookies are not saved: the file keeps at most " +
          std::to_string(limits.most_cookies) + " cookies, " + std::to_string(limits.most_per_domain) +
          " per site and " + std::to_string(limits.most_bytes) + " bytes (those that expire soonest were left out)");
  last_over_limits_ = kept.over_limits;
  std::string text = "# Netscape HTTP Cookie File (the http plugin's, for this app only)\n" + kept.lines;
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
