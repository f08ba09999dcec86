#include "http_transfer.hpp"

#include <curl/curl.h>

#include <exception>
#include <stdexcept>

#include <warden/curl_transfer.hpp>

namespace warden::updater {
namespace {

constexpr long kMaxRedirects = 5;
constexpr long kConnectTimeoutSeconds = 30;
constexpr long kStalledSeconds = 60;  // below 1 byte/s for this long: the transfer is dead

// The config's headers (checked at load) and the page's (already through the Fetch standard's
// filter, updater.cpp); checked once more here, since a line break would split the request.
warden::CurlHeaders header_list(const HeaderList& headers, bool want_json) {
  curl_slist* list = nullptr;
  if (want_json) list = curl_slist_append(list, "Accept: application/json");
  for (const auto& [name, value] : headers) {
    if (auto problem = header_problem(name, value)) {
      curl_slist_free_all(list);
      throw std::runtime_error(*problem);
    }
    // "Name;" is libcurl's way to send a header with an empty value.
    std::string line = value.empty() ? name + ";" : name + ": " + value;
    list = curl_slist_append(list, line.c_str());
  }
  return warden::CurlHeaders(list);
}

// The common settings of both requests. The SDK's secure settings (only the allowed protocols, also after redirects; verification on;
// SSL_CERT_FILE / SSL_CERT_DIR trusted, which libcurl ignores; no signals), then the updater's own.
warden::CurlEasy easy_for(const std::string& url, const TransferOptions& o, const warden::TlsTrust& trust,
                          curl_slist* headers, char* error_buffer) {
  warden::curl_global_init_once();
  if (!url_scheme_allowed(url, o.insecure_transport))
    throw std::runtime_error("refused URL '" + url + "': only https" +
                             std::string(o.insecure_transport ? " or http" : "") + " is allowed");
  warden::CurlEasy easy = warden::make_curl_easy();
  CURL* c = easy.get();
  warden::set_secure_options(c, trust, o.insecure_transport ? warden::CurlProtocols::http_and_https
                                                            : warden::CurlProtocols::https_only);
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, error_buffer);
  curl_easy_setopt(c, CURLOPT_URL, url.c_str());
  curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 1L);
  curl_easy_setopt(c, CURLOPT_MAXREDIRS, kMaxRedirects);
  curl_easy_setopt(c, CURLOPT_USERAGENT, "warden-updater/1");
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, kConnectTimeoutSeconds);
  curl_easy_setopt(c, CURLOPT_LOW_SPEED_LIMIT, 1L);
  curl_easy_setopt(c, CURLOPT_LOW_SPEED_TIME, kStalledSeconds);
  if (o.timeout_ms) curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, static_cast<long>(*o.timeout_ms));
  if (o.proxy) curl_easy_setopt(c, CURLOPT_PROXY, o.proxy->c_str());
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers);
  return easy;
}

std::string failure_text(CURLcode code, const char* error_buffer, const std::string& url,
                         const warden::TlsTrust& trust) {
  std::string detail = error_buffer[0] ? error_buffer : curl_easy_strerror(code);
  if (code == CURLE_SSL_CACERT_BADFILE) return trust.unreadable_message(detail) + " (" + url + ")";
  if (code == CURLE_PEER_FAILED_VERIFICATION)
    return "TLS certificate verification failed for " + url + ": " + detail;
  if (code == CURLE_PARTIAL_FILE) return "the connection to " + url + " ended before the whole body came: " + detail;
  return "request to " + url + " failed: " + detail;
}

struct JsonState {
  std::string body;
  uint64_t max_bytes;
  bool too_large = false;
};

size_t collect_json(char* data, size_t size, size_t count, void* user) {
  auto* s = static_cast<JsonState*>(user);
  size_t n = size * count;
  if (s->body.size() + n > s->max_bytes) {
    s->too_large = true;
    return CURL_WRITEFUNC_ERROR;
  }
  s->body.append(data, n);
  return n;
}

struct DownloadState {
  CURL* curl;
  const DownloadSink* sink;
  uint64_t max_bytes;
  uint64_t received = 0;
  bool started = false;
  std::string refusal;               // why the write callback stopped the transfer
  std::exception_ptr sink_failure;   // a sink function's own exception
};

// The first chunk: the final response's status (after redirects) and its announced length.
bool start_download(DownloadState* s) {
  long status = 0;
  curl_easy_getinfo(s->curl, CURLINFO_RESPONSE_CODE, &status);
  if (status < 200 || status > 299) {
    s->refusal = "the archive's server answered HTTP " + std::to_string(status);
    return false;
  }
  curl_off_t length = -1;
  curl_easy_getinfo(s->curl, CURLINFO_CONTENT_LENGTH_DOWNLOAD_T, &length);
  if (length >= 0 && static_cast<uint64_t>(length) > s->max_bytes) {
    s->refusal = "the archive is " + std::to_string(length) + " bytes, over plugins.updater.maxArchiveBytes (" +
                 std::to_string(s->max_bytes) + ")";
    return false;
  }
  s->started = true;
  if (s->sink->started) s->sink->started(length >= 0 ? std::optional<uint64_t>(length) : std::nullopt);
  return true;
}

size_t write_archive(char* data, size_t size, size_t count, void* user) {
  auto* s = static_cast<DownloadState*>(user);
  size_t n = size * count;
  try {
    if (!s->started && !start_download(s)) return CURL_WRITEFUNC_ERROR;
    if (s->received + n > s->max_bytes) {
      s->refusal = "the archive passed plugins.updater.maxArchiveBytes (" + std::to_string(s->max_bytes) + " bytes)";
      return CURL_WRITEFUNC_ERROR;
    }
    s->received += n;
    s->sink->chunk(std::string_view(data, n));
  } catch (...) {
    s->sink_failure = std::current_exception();
    return CURL_WRITEFUNC_ERROR;
  }
  return n;
}

}  // namespace

JsonAnswer get_json(const std::string& url, const TransferOptions& options, uint64_t max_bytes) {
  char error_buffer[CURL_ERROR_SIZE] = {0};
  warden::CurlHeaders headers = header_list(options.headers, true);
  warden::TlsTrust trust = warden::TlsTrust::from_environment();
  warden::CurlEasy easy = easy_for(url, options, trust, headers.get(), error_buffer);
  JsonState state{{}, max_bytes};
  curl_easy_setopt(easy.get(), CURLOPT_WRITEFUNCTION, collect_json);
  curl_easy_setopt(easy.get(), CURLOPT_WRITEDATA, &state);
  CURLcode code = curl_easy_perform(easy.get());
  if (state.too_large)
    throw std::runtime_error("the answer of " + url + " is over " + std::to_string(max_bytes) + " bytes");
  if (code != CURLE_OK) throw std::runtime_error(failure_text(code, error_buffer, url, trust));
  JsonAnswer answer;
  curl_easy_getinfo(easy.get(), CURLINFO_RESPONSE_CODE, &answer.status);
  answer.body = std::move(state.body);
  return answer;
}

void download(const std::string& url, const TransferOptions& options, uint64_t max_bytes, const DownloadSink& sink) {
  char error_buffer[CURL_ERROR_SIZE] = {0};
  warden::CurlHeaders headers = header_list(options.headers, false);
  warden::TlsTrust trust = warden::TlsTrust::from_environment();
  warden::CurlEasy easy = easy_for(url, options, trust, headers.get(), error_buffer);
  DownloadState state{easy.get(), &sink, max_bytes, 0, false, {}, nullptr};
  curl_easy_setopt(easy.get(), CURLOPT_WRITEFUNCTION, write_archive);
  curl_easy_setopt(easy.get(), CURLOPT_WRITEDATA, &state);
  CURLcode code = curl_easy_perform(easy.get());
  if (state.sink_failure) std::rethrow_exception(state.sink_failure);
  if (!state.refusal.empty()) throw std::runtime_error(state.refusal);
  if (code != CURLE_OK) throw std::runtime_error(failure_text(code, error_buffer, url, trust));
  if (!state.started) {
    // An empty body never reaches the write callback: still check the status.
    if (!start_download(&state)) throw std::runtime_error(state.refusal);
  }
}

}  // namespace warden::updater
