/*
 * Warden plugin SDK, C++ helper (header-only, no host header): the libcurl settings every plugin
 * that makes HTTP requests needs (the http plugin, the updater). The SDK does not link libcurl:
 * a plugin that includes this header links it itself (pkg-config libcurl).
 *
 * - CurlEasy / CurlHeaders: libcurl handles that clean up after themselves.
 * - TlsTrust: the certificates to trust. libcurl does not read SSL_CERT_FILE / SSL_CERT_DIR (as
 *   OpenSSL's own tools do), so a private CA named there would be ignored without it.
 * - set_secure_options: only http/https (also after a redirect: no file://, no smtp://, ...),
 *   certificate and host name verification on, the trust above, no signals (worker threads).
 *
 *   warden::curl_global_init_once();                    // in the plugin's init
 *   warden::CurlEasy easy = warden::make_curl_easy();  // throws when libcurl cannot make one
 *   warden::set_secure_options(easy.get(), trust, warden::CurlProtocols::http_and_https);
 *   ...
 *   if (code == CURLE_SSL_CACERT_BADFILE) message = trust.unreadable_message(error_buffer);
 */
#ifndef WARDEN_CURL_TRANSFER_HPP
#define WARDEN_CURL_TRANSFER_HPP

#include <curl/curl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace warden {

struct CurlEasyDelete {
  void operator()(CURL* c) const { curl_easy_cleanup(c); }
};
struct CurlHeadersDelete {
  void operator()(curl_slist* l) const { curl_slist_free_all(l); }
};
using CurlEasy = std::unique_ptr<CURL, CurlEasyDelete>;
using CurlHeaders = std::unique_ptr<curl_slist, CurlHeadersDelete>;

// curl_global_init once per plugin, before its first handle (its init, or here): libcurl's own
// lazy initialization in curl_easy_init is not thread-safe on older versions, and transfers start
// on many threads. (libcurl counts its init calls; a plugin that also calls curl_global_init
// itself is fine.)
inline void curl_global_init_once() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

// A new easy handle; throws std::runtime_error when libcurl cannot make one (out of memory). Call
// curl_global_init (or curl_global_init_once) first.
inline CurlEasy make_curl_easy() {
  CurlEasy easy(curl_easy_init());
  if (!easy) throw std::runtime_error("libcurl could not start a transfer");
  return easy;
}

// Where libcurl finds the certificates it trusts: the process's SSL_CERT_FILE / SSL_CERT_DIR when
// set (non-empty), else libcurl's built-in bundle.
struct TlsTrust {
  std::string ca_file, ca_dir;

  static TlsTrust from_environment() {
    TlsTrust trust;
    if (const char* f = std::getenv("SSL_CERT_FILE"); f && *f) trust.ca_file = f;
    if (const char* d = std::getenv("SSL_CERT_DIR"); d && *d) trust.ca_dir = d;
    return trust;
  }

  // Why the named certificates cannot be used (naming the variable, the path and the reason), or
  // nullopt when they can or none is named. Checked when a plugin starts, so that the log says
  // it before the first request fails with libcurl's terser "error setting certificate file".
  std::optional<std::string> problem() const {
    if (!ca_file.empty()) {
      struct stat st {};
      if (::stat(ca_file.c_str(), &st) != 0) return unusable("SSL_CERT_FILE", ca_file, errno);
      if (!S_ISREG(st.st_mode)) return "SSL_CERT_FILE names '" + ca_file + "', which is not a file";
      if (::access(ca_file.c_str(), R_OK) != 0) return unusable("SSL_CERT_FILE", ca_file, errno);
    }
    if (!ca_dir.empty()) {
      struct stat st {};
      if (::stat(ca_dir.c_str(), &st) != 0) return unusable("SSL_CERT_DIR", ca_dir, errno);
      if (!S_ISDIR(st.st_mode)) return "SSL_CERT_DIR names '" + ca_dir + "', which is not a folder";
      if (::access(ca_dir.c_str(), R_OK | X_OK) != 0) return unusable("SSL_CERT_DIR", ca_dir, errno);
    }
    return std::nullopt;
  }

  // errno is taken by value before any string is built (an allocation could change it).
  static std::string unusable(const char* variable, const std::string& path, int error) {
    return std::string(variable) + " names '" + path + "', which cannot be read: " + std::strerror(error);
  }

  // The message for CURLE_SSL_CACERT_BADFILE: which certificates could not be read, and libcurl's
  // `detail`.
  std::string unreadable_message(std::string_view detail) const {
    std::string where = problem().value_or(
        ca_file.empty() && ca_dir.empty()
            ? std::string("libcurl's built-in certificate bundle cannot be read (set SSL_CERT_FILE or SSL_CERT_DIR)")
            : "the certificates named by SSL_CERT_FILE / SSL_CERT_DIR cannot be used");
    return "the trusted certificates cannot be read: " + where + (detail.empty() ? "" : " (" + std::string(detail) + ")");
  }
};

enum class CurlProtocols { https_only, http_and_https };

// The settings every request of a plugin starts from: `protocols` for the URL and every redirect,
// TLS verification of the peer and its host name, `trust`, and no signals (libcurl's DNS timeout
// would otherwise raise SIGALRM on whatever thread runs the transfer). A plugin may loosen
// verification afterwards only where its app config says so.
inline void set_secure_options(CURL* c, const TlsTrust& trust, CurlProtocols protocols) {
  const char* allowed = protocols == CurlProtocols::https_only ? "https" : "http,https";
  curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, allowed);
  curl_easy_setopt(c, CURLOPT_REDIR_PROTOCOLS_STR, allowed);
  curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 1L);
  curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 2L);
  if (!trust.ca_file.empty()) curl_easy_setopt(c, CURLOPT_CAINFO, trust.ca_file.c_str());
  if (!trust.ca_dir.empty()) curl_easy_setopt(c, CURLOPT_CAPATH, trust.ca_dir.c_str());
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
}

}  // namespace warden

#endif
