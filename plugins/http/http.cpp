// The http plugin: @tauri-apps/plugin-http 2.7.0's fetch (docs/plugins/http.md). `fetch` checks
// the page's request (fetch_request.hpp) and judges its URL by the call's http scope through the
// host's warden.url-patterns/1 (url_scope.hpp), before anything touches the network; the request
// becomes a resource of the calling page. `fetch_send` starts the transfer on a thread of its own
// (transfer.hpp) and completes when the response's head arrives; `fetch_read_body` hands the body
// over one chunk per call; `fetch_cancel` and `fetch_cancel_body` stop it. Requests and bodies are
// the page's resources: another page, window or frame origin cannot name them, and they end
// (cancelling their transfer) when the page goes away.
#include <curl/curl.h>

#include <warden/ext/url_patterns.h>
#include <warden/plugin.hpp>

#include <boost/json.hpp>

#include <memory>
#include <mutex>

#include "cookie_jar.hpp"
#include "fetch_arguments.hpp"
#include "fetch_request.hpp"
#include "http_settings.hpp"
#include "transfer.hpp"
#include "transfer_threads.hpp"
#include "url_scope.hpp"

namespace json = boost::json;
namespace hp = warden::http_plugin;

namespace {

struct RidArgs {
  std::uint32_t rid = 0;
};
BOOST_DESCRIBE_STRUCT(RidArgs, (), (rid))

// What init sets up and shutdown ends.
struct HttpState {
  HttpState(hp::HttpSettings s, const warden_host_url_patterns* p, std::optional<std::string> cookie_file,
            const warden::Host& host)
      : settings(s), patterns(p), cookies(std::move(cookie_file), [host](const std::string& m) { host.warn(m); }) {}
  hp::HttpSettings settings;
  const warden_host_url_patterns* patterns = nullptr;
  hp::CookieJar cookies;
  warden::TlsTrust trust = warden::TlsTrust::from_environment();
  hp::TransferThreads threads;
};
std::unique_ptr<HttpState> g_state;

HttpState& state() {
  if (!g_state) throw std::runtime_error("the http plugin is not initialized");
  return *g_state;
}

// A request (fetch's rid) and a response body (fetch_send's rid): two types, so that one cannot
// be passed for the other. Either one going away (closed, or its page gone) stops the transfer.
template <int Kind>
struct TransferResource {
  explicit TransferResource(std::shared_ptr<hp::Transfer> t) : transfer(std::move(t)) {}
  TransferResource(const TransferResource&) = delete;
  TransferResource& operator=(const TransferResource&) = delete;
  ~TransferResource() { transfer->cancel(); }
  std::shared_ptr<hp::Transfer> transfer;
};
using RequestResource = TransferResource<0>;
using ResponseResource = TransferResource<1>;

// warden.url-patterns/1 as the scope's matcher.
hp::UrlMatcher host_matcher(const warden_host* host, const warden_host_url_patterns* patterns) {
  return [host, patterns](const std::string& pattern, const std::string& url, std::string& error) {
    char* why = nullptr;
    int m = patterns->matches(host, pattern.c_str(), url.c_str(), &why);
    if (why) {
      error = why;
      host->free_string(host, why);
    }
    return m;
  };
}

// Takes only the Context: the SDK then parses nothing, and read_fetch_arguments reads the body's
// numbers straight into bytes.
std::uint32_t fetch(warden::Context& ctx) {
  HttpState& s = state();
  // Each body byte takes at most four characters ("255,"): arguments far beyond that are refused
  // before they are read at all.
  if (ctx.args_json().size() / 4 > s.settings.max_request_body_bytes + (1u << 20))
    throw std::invalid_argument(hp::body_too_large_message(s.settings));
  // Checked again, atomically, when the transfer is made; here it spares the parsing.
  if (hp::Transfer::open_count() >= hp::Transfer::kMostOpen)
    throw std::runtime_error("too many requests open (" + std::to_string(hp::Transfer::kMostOpen) +
                             "): read or cancel earlier responses first");
  hp::FetchArguments args = hp::read_fetch_arguments(ctx.args_json(), s.settings.max_request_body_bytes,
                                                     hp::body_too_large_message(s.settings));
  hp::FetchRequest request = hp::parse_fetch_request(args.client_config, s.settings, ctx.origin(),
                                                     "warden-http/" WARDEN_PLUGIN_VERSION, &args.body);
  if (!request.dropped_headers.empty()) {
    std::string names;
    for (const auto& n : request.dropped_headers) names += (names.empty() ? "" : ", ") + n;
    ctx.host().log(WARDEN_LOG_DEBUG, "fetch: forbidden headers left out (plugins.http.allowUnsafeHeaders): " + names);
  }

  hp::UrlScope scope = hp::parse_url_scope(ctx.scopes());
  hp::UrlMatcher matcher = host_matcher(ctx.host().raw(), s.patterns);
  auto judge = [scope, matcher](const std::string& url) { return hp::judge_url(scope, url, matcher); };
  // The page's text and libcurl's reading of it (http_url.hpp): both must be allowed.
  for (const std::string& url : {request.page_url, request.url.text}) {
    hp::ScopeJudgment verdict = judge(url);
    if (!verdict.allowed) throw warden::ScopeRefused("fetch " + verdict.reason);
  }

  warden::Host host = ctx.host();
  hp::CookieJar* cookies = &s.cookies;  // outlives every transfer: shutdown joins them first
  hp::TransferContext context{s.cookies.share(), s.trust, judge,
                              [host](warden_log_level level, const std::string& m) { host.log(level, m); },
                              [cookies] { cookies->save(); }};
  if (!hp::Transfer::reserve_place())
    throw std::runtime_error("too many requests open (" + std::to_string(hp::Transfer::kMostOpen) +
                             "): read or cancel earlier responses first");
  std::shared_ptr<hp::Transfer> transfer;
  try {
    transfer = std::make_shared<hp::Transfer>(std::move(request), std::move(context));
  } catch (...) {
    hp::Transfer::release_place();
    throw;
  }
  return ctx.add_resource(std::make_shared<RequestResource>(transfer));
}

void fetch_send(const RidArgs& args, warden::Context& ctx) {
  HttpState& s = state();
  auto request = ctx.resource<RequestResource>(args.rid);
  if (!request) throw std::invalid_argument("no request " + std::to_string(args.rid) + " of this page");
  auto& transfer = request->transfer;
  if (transfer->cancelled()) throw std::runtime_error("Request cancelled");
  std::uint32_t response_rid = ctx.add_resource(std::make_shared<ResponseResource>(transfer));
  warden::Completion done = ctx.defer();
  if (!transfer->claim_send(done, response_rid)) {
    ctx.close_resource(response_rid);
    return done.reject(transfer->cancelled() ? "Request cancelled" : "this request was already sent");
  }
  if (!s.threads.start(transfer)) transfer->abandon("the http plugin is shutting down");
}

void fetch_read_body(const RidArgs& args, warden::Context& ctx) {
  auto response = ctx.resource<ResponseResource>(args.rid);
  if (!response) throw std::invalid_argument("no response body " + std::to_string(args.rid) + " of this page");
  response->transfer->read_body(ctx.defer());
}

void fetch_cancel(const RidArgs& args, warden::Context& ctx) {
  auto request = ctx.resource<RequestResource>(args.rid);
  if (!request) throw std::invalid_argument("no request " + std::to_string(args.rid) + " of this page");
  request->transfer->cancel();
}

void fetch_cancel_body(const RidArgs& args, warden::Context& ctx) {
  auto response = ctx.resource<ResponseResource>(args.rid);
  if (!response) throw std::invalid_argument("no response body " + std::to_string(args.rid) + " of this page");
  response->transfer->cancel();
  ctx.close_resource(args.rid);
}

}  // namespace

WARDEN_PLUGIN(plugin) {
  plugin.on_init([](const warden::Host& host, const json::value& config) {
    hp::HttpSettings settings = hp::parse_http_settings(config);
    const auto* patterns = host.extension<warden_host_url_patterns>(WARDEN_EXT_URL_PATTERNS);
    if (!patterns)
      throw std::runtime_error("the http plugin judges URLs with the host's " WARDEN_EXT_URL_PATTERNS
                               ", which this host lacks");
    std::optional<std::string> cookie_file;
    if (settings.persist_cookies) {
      cookie_file = host.resolve_path("$APPCACHE/.cookies");
      if (!cookie_file) throw std::runtime_error("plugins.http.persistCookies: this host names no $APPCACHE folder");
    }
    if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) throw std::runtime_error("libcurl did not initialize");
    g_state = std::make_unique<HttpState>(settings, patterns, cookie_file, host);
    // Said now rather than at the first https request, whose error is libcurl's terser one.
    if (auto problem = g_state->trust.problem()) host.warn("https requests will fail: " + *problem);
  });
  plugin.on_shutdown([] {
    if (!g_state) return;
    g_state->threads.stop_all();
    g_state->cookies.save();
    g_state.reset();
    curl_global_cleanup();
  });
  // fetch reads a body of up to maxRequestBodyBytes from its arguments: on the worker pool. The
  // others only hand work to the transfer's thread or take what it buffered, and complete later.
  plugin.command("fetch", fetch, WARDEN_COMMAND_BLOCKING);
  plugin.command("fetch_send", fetch_send);
  plugin.command("fetch_read_body", fetch_read_body);
  plugin.command("fetch_cancel", fetch_cancel);
  plugin.command("fetch_cancel_body", fetch_cancel_body);
}
