#include "transfer.hpp"

#include <cstdlib>
#include <cstring>
#include <stdexcept>
#include <string_view>

#include <boost/json.hpp>

#include "header_text.hpp"
#include "redirect_rules.hpp"
#include "status_text.hpp"

namespace json = boost::json;

namespace warden::http_plugin {
namespace {

// A raw header line without its surrounding blanks and line end.
std::string_view trim(std::string_view s) { return trim_blanks(s, /*line_ends=*/true); }

// The message the page gets for a failed transfer: what failed, where, and libcurl's detail.
std::string describe_failure(CURLcode code, const char* detail, const HttpUrl& url, long timeout_ms,
                             const TlsTrust& trust) {
  std::string why = detail && *detail ? detail : curl_easy_strerror(code);
  switch (code) {
    case CURLE_PEER_FAILED_VERIFICATION:
      return "TLS certificate verification failed for " + url.origin() + ": " + why +
             " (the certificate is not trusted, expired or names another host)";
    case CURLE_SSL_CONNECT_ERROR:
      return "the TLS handshake with " + url.origin() + " failed: " + why;
    case CURLE_SSL_CACERT_BADFILE:
      return trust.unreadable_message(why);
    case CURLE_OPERATION_TIMEDOUT:
      return "connecting to " + url.origin() + " timed out after " + std::to_string(timeout_ms) + " ms";
    case CURLE_COULDNT_RESOLVE_HOST:
      return "the host of " + url.origin() + " could not be resolved: " + why;
    case CURLE_COULDNT_CONNECT:
      return "could not connect to " + url.origin() + ": " + why;
    default:
      return "the request to " + url.origin() + " failed: " + why;
  }
}

}  // namespace

// One exchange: the easy handle and what its callbacks learn.
struct Transfer::Hop {
  Transfer* self = nullptr;
  const HttpUrl* url = nullptr;
  bool may_follow = false;  // a redirect ends the hop instead of being the response
  long status = 0;
  HeaderList headers;
  bool redirected = false;
  std::string location;
  bool published = false;
  std::size_t header_bytes = 0;
  std::string refusal;  // why a callback stopped the hop (libcurl's error buffer says only that it did)
  char error[CURL_ERROR_SIZE] = {};

  // A status line starts a new header block (1xx responses come before the final one).
  void header_line(std::string_view line) {
    if (line.starts_with("HTTP/")) {
      headers.clear();
      auto space = line.find(' ');
      status = space == std::string_view::npos ? 0 : std::strtol(std::string(line.substr(space + 1, 3)).c_str(), nullptr, 10);
      return;
    }
    std::string_view text = trim(line);
    if (!text.empty() && (line.front() == ' ' || line.front() == '\t') && !headers.empty()) {
      headers.back().second += " " + std::string(text);  // an obsolete folded continuation
      return;
    }
    auto colon = text.find(':');
    if (colon == std::string_view::npos || colon == 0) return;
    headers.emplace_back(ascii_lower(text.substr(0, colon)), std::string(trim(text.substr(colon + 1))));
  }

  // The blank line after a header block. false: stop the transfer (a redirect to follow).
  bool headers_end() {
    if (status >= 100 && status < 200) return true;  // 100 Continue and the like: the real one follows
    if (may_follow && is_redirect_status(status))
      if (auto where = find_header(headers, "location")) {
        redirected = true;
        location = *where;
        return false;
      }
    self->publish_head(status, headers, url->text);
    published = true;
    return true;
  }

  static std::size_t on_header(char* data, std::size_t size, std::size_t count, void* user) {
    auto* hop = static_cast<Hop*>(user);
    std::string_view line(data, size * count);
    if (hop->self->cancelled_) return 0;
    hop->header_bytes += line.size();
    if (hop->header_bytes > kHeaderBytes) {
      hop->refusal = "the response headers from " + hop->url->origin() + " exceed " + std::to_string(kHeaderBytes) + " bytes";
      return 0;
    }
    if (trim(line).empty()) return hop->headers_end() ? line.size() : 0;
    hop->header_line(line);
    return line.size();
  }

  static std::size_t on_body(char* data, std::size_t size, std::size_t count, void* user) {
    auto* hop = static_cast<Hop*>(user);
    if (!hop->published) return 0;
    return hop->self->push_body(data, size * count) ? size * count : 0;
  }

  static int on_progress(void* user, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
    return static_cast<Hop*>(user)->self->cancelled_ ? 1 : 0;
  }
};

Transfer::Transfer(FetchRequest request, TransferContext context)
    : request_(std::move(request)), context_(std::move(context)) {}

Transfer::~Transfer() {
  if (!finished_) --open_;  // never sent
}

bool Transfer::claim_send(warden::Completion& done, std::uint32_t response_rid) {
  std::lock_guard lock(mutex_);
  if (sent_ || cancelled_) return false;
  sent_ = true;
  response_rid_ = response_rid;
  pending_send_.emplace(std::move(done));
  return true;
}

void Transfer::cancel() {
  cancelled_ = true;
  std::lock_guard lock(mutex_);
  room_.notify_all();
  if (!sent_) {  // it will never run: no longer open, and its body is not needed
    request_.body = {};
    if (!finished_.exchange(true)) --open_;
  }
}

// What one hop asks: the first is the page's request, each redirect makes the next.
struct Transfer::HopRequest {
  HttpUrl url;
  std::string method;
  bool send_body = false;
  HeaderList headers;
};

void Transfer::configure(CURL* c, Hop& hop, const HopRequest& r, curl_slist*& header_list) const {
  set_secure_options(c, context_.trust, CurlProtocols::http_and_https);
  curl_easy_setopt(c, CURLOPT_URL, r.url.text.c_str());
  curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(c, CURLOPT_SUPPRESS_CONNECT_HEADERS, 1L);
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, hop.error);
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, request_.connect_timeout_ms);
  curl_easy_setopt(c, CURLOPT_SHARE, context_.cookies);
  curl_easy_setopt(c, CURLOPT_COOKIEFILE, "");  // the cookie engine on, reading no file
  if (request_.accept_invalid_certs) curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 0L);
  if (request_.accept_invalid_hostnames) curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 0L);
  const PageProxy& proxy = r.url.scheme == "https" ? request_.https_proxy : request_.http_proxy;
  if (proxy.set) {
    curl_easy_setopt(c, CURLOPT_PROXY, proxy.url.c_str());
    if (!proxy.username.empty()) {
      curl_easy_setopt(c, CURLOPT_PROXYUSERNAME, proxy.username.c_str());
      curl_easy_setopt(c, CURLOPT_PROXYPASSWORD, proxy.password.c_str());
    }
    if (!proxy.no_proxy.empty()) curl_easy_setopt(c, CURLOPT_NOPROXY, proxy.no_proxy.c_str());
  }

  if (r.method == "HEAD") {
    curl_easy_setopt(c, CURLOPT_NOBODY, 1L);
  } else if (r.method == "GET" && !r.send_body) {
    curl_easy_setopt(c, CURLOPT_HTTPGET, 1L);
  } else {
    if (r.send_body || r.method == "POST" || r.method == "PUT") {
      // POST and PUT without a body still say Content-Length: 0 (the Fetch standard).
      static const char empty = 0;
      bool bytes = r.send_body && !request_.body.empty();
      curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(bytes ? request_.body.size() : 0));
      curl_easy_setopt(c, CURLOPT_POSTFIELDS, bytes ? static_cast<const void*>(request_.body.data()) : &empty);
    }
    curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, r.method.c_str());
  }

  // An empty value is sent as "name;" (libcurl's "name:" would remove the header); libcurl's own
  // Expect: 100-continue and form Content-Type are switched off.
  for (const auto& [name, value] : r.headers)
    header_list = curl_slist_append(header_list, (value.empty() ? name + ";" : name + ": " + value).c_str());
  header_list = curl_slist_append(header_list, "Expect:");
  if (!find_header(r.headers, "content-type")) header_list = curl_slist_append(header_list, "Content-Type:");
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, header_list);

  curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, &Hop::on_header);
  curl_easy_setopt(c, CURLOPT_HEADERDATA, &hop);
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, &Hop::on_body);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &hop);
  curl_easy_setopt(c, CURLOPT_XFERINFOFUNCTION, &Hop::on_progress);
  curl_easy_setopt(c, CURLOPT_XFERINFODATA, &hop);
  curl_easy_setopt(c, CURLOPT_NOPROGRESS, 0L);
}

bool Transfer::perform(Hop& hop, const HopRequest& r) {
  CurlEasy easy;
  try {
    easy = make_curl_easy();
  } catch (const std::runtime_error& e) {
    finish(e.what());
    return false;
  }
  curl_slist* header_list = nullptr;
  configure(easy.get(), hop, r, header_list);
  CurlHeaders list(header_list);
  CURLcode code = curl_easy_perform(easy.get());
  if (cancelled_) finish("Request cancelled");
  else if (hop.redirected) return true;
  else if (!hop.refusal.empty()) finish(hop.refusal);
  else if (code != CURLE_OK) finish(describe_failure(code, hop.error, r.url, request_.connect_timeout_ms, context_.trust));
  else if (!hop.published) finish("the server at " + r.url.origin() + " sent no HTTP response");
  else finish(std::nullopt);
  return false;
}

bool Transfer::follow(const Hop& hop, HopRequest& r) {
  std::string problem;
  auto next = resolve_location(r.url, hop.location, problem);
  if (!next) {
    finish("the redirect from " + r.url.text + " cannot be followed: " + problem);
    return false;
  }
  // Judged like the first URL, before anything connects to it.
  ScopeJudgment verdict = context_.judge(next->text);
  if (!verdict.allowed) {
    finish("redirect from " + r.url.text + " refused: " + verdict.reason, /*scope_refusal=*/true);
    return false;
  }
  RedirectedRequest redirected = redirected_request(r.method, hop.status);
  headers_for_redirect(r.headers, !redirected.keeps_body, !r.url.same_origin(*next));
  r.method = redirected.method;
  r.send_body = r.send_body && redirected.keeps_body;
  r.url = *next;
  return true;
}

void Transfer::run() {
  HopRequest r{request_.url, request_.method, request_.has_body, request_.headers};
  for (long followed = 0;; ++followed) {
    Hop hop;
    hop.self = this;
    hop.url = &r.url;
    hop.may_follow = request_.max_redirections > 0;
    if (!perform(hop, r)) return;  // finished: a response, an error or a cancel
    if (followed >= request_.max_redirections)
      return finish("too many redirects (more than " + std::to_string(request_.max_redirections) + ")");
    if (!follow(hop, r)) return;
  }
}

void Transfer::publish_head(long status, const HeaderList& headers, const std::string& url) {
  json::array pairs;
  for (const auto& [name, value] : headers)
    pairs.push_back(json::array{json::string(header_text(name)), json::string(header_text(value))});
  std::optional<warden::Completion> done;
  std::uint32_t rid;
  {
    std::lock_guard lock(mutex_);
    head_published_ = true;
    done = std::move(pending_send_);
    pending_send_.reset();
    rid = response_rid_;
  }
  if (done)
    done->resolve(json::object{{"status", status},
                               {"statusText", status_text(status)},
                               {"url", url},  // the hop that answered, after redirects
                               {"headers", std::move(pairs)},
                               {"rid", rid}});
}

std::vector<std::uint8_t> Transfer::take_chunk() {
  std::size_t n = std::min(kChunkBytes, buffer_.size() - read_offset_);
  std::vector<std::uint8_t> chunk;
  chunk.reserve(n + 1);
  chunk.insert(chunk.end(), buffer_.begin() + static_cast<std::ptrdiff_t>(read_offset_),
               buffer_.begin() + static_cast<std::ptrdiff_t>(read_offset_ + n));
  chunk.push_back(0);  // the package's "more to come" marker
  read_offset_ += n;
  if (read_offset_ == buffer_.size()) {
    buffer_.clear();
    read_offset_ = 0;
  } else if (read_offset_ >= kBufferBytes / 2) {
    buffer_.erase(buffer_.begin(), buffer_.begin() + static_cast<std::ptrdiff_t>(read_offset_));
    read_offset_ = 0;
  }
  room_.notify_all();
  return chunk;
}

bool Transfer::push_body(const char* data, std::size_t size) {
  std::optional<warden::Completion> done;
  std::vector<std::uint8_t> chunk;
  {
    std::unique_lock lock(mutex_);
    room_.wait(lock, [&] { return cancelled_ || buffer_.size() - read_offset_ < kBufferBytes; });
    if (cancelled_) return false;
    buffer_.insert(buffer_.end(), data, data + size);
    if (pending_read_) {
      chunk = take_chunk();
      done = std::move(pending_read_);
      pending_read_.reset();
    }
  }
  if (done) done->resolve_bytes(chunk);
  return true;
}

void Transfer::finish(std::optional<std::string> error, bool scope_refusal) {
  std::optional<warden::Completion> send, read;
  {
    std::lock_guard lock(mutex_);
    body_ended_ = true;
    error_ = error;
    send = std::move(pending_send_);
    pending_send_.reset();
    read = std::move(pending_read_);
    pending_read_.reset();
  }
  // A scope refusal reaches the host's audit log through reject_scope; other errors go to the page,
  // and here only at debug level (their URLs may carry tokens).
  if (error && !scope_refusal && context_.log) context_.log(WARDEN_LOG_DEBUG, "fetch: " + *error);
  if (send) {
    if (!error) send->reject("the transfer ended without a response");
    else if (scope_refusal) send->reject_scope(*error);
    else send->reject(*error);
  }
  if (read) {
    if (error) read->reject(*error);
    else read->resolve_bytes(std::vector<std::uint8_t>{1});
  }
  {
    std::lock_guard lock(mutex_);
    request_.body = {};  // the request id may live on until the page goes away: not its body
  }
  if (!finished_.exchange(true)) --open_;
  if (context_.ended) context_.ended();
}

void Transfer::read_body(warden::Completion done) {
  std::unique_lock lock(mutex_);
  if (cancelled_) {
    lock.unlock();
    return done.reject("Request cancelled");
  }
  if (buffer_.size() > read_offset_) {
    std::vector<std::uint8_t> chunk = take_chunk();
    lock.unlock();
    return done.resolve_bytes(chunk);
  }
  if (body_ended_) {
    std::optional<std::string> error = error_;
    lock.unlock();
    if (error) return done.reject(*error);
    return done.resolve_bytes(std::vector<std::uint8_t>{1});
  }
  if (pending_read_) {
    lock.unlock();
    return done.reject("a read of this response body is already pending");
  }
  pending_read_.emplace(std::move(done));
}

}  // namespace warden::http_plugin
