#include "runtime/ipc_limits.hpp"

#include <stdexcept>

#include <boost/json.hpp>

namespace warden::runtime {
namespace json = boost::json;
namespace {

[[noreturn]] void fail(const std::string& source, std::string_view key, std::string_view what) {
  throw std::runtime_error(source + ": app.ipc." + std::string(key) + ": " + std::string(what));
}

// The integer at `key`, within [low, high]; `fallback` when absent.
size_t count_at(const json::object& ipc, std::string_view key, size_t low, size_t high, size_t fallback,
                const std::string& source) {
  const json::value* v = ipc.if_contains(key);
  if (!v) return fallback;
  std::string range = "must be an integer from " + std::to_string(low) + " to " + std::to_string(high);
  if (!v->is_int64() && !v->is_uint64()) fail(source, key, range);
  if (v->is_int64() && v->as_int64() < 0) fail(source, key, range);
  uint64_t n = v->is_int64() ? static_cast<uint64_t>(v->as_int64()) : v->as_uint64();
  if (n < low || n > high) fail(source, key, range);
  return static_cast<size_t>(n);
}

}  // namespace

IpcLimits parse_ipc_limits(std::string_view json_text, const std::string& source) {
  json::parse_options opts;
  opts.allow_comments = true;
  opts.allow_trailing_commas = true;
  std::error_code ec;
  json::value root = json::parse(json_text, ec, {}, opts);
  if (ec) throw std::runtime_error(source + ": not valid JSON: " + ec.message());
  IpcLimits limits;
  const json::value* app = root.is_object() ? root.as_object().if_contains("app") : nullptr;
  const json::value* ipc = app && app->is_object() ? app->as_object().if_contains("ipc") : nullptr;
  if (!ipc) return limits;
  if (!ipc->is_object()) throw std::runtime_error(source + ": app.ipc: must be an object");
  const auto& o = ipc->as_object();
  for (const auto& [key, value] : o) {
    if (key != "maxCallsInFlight" && key != "blockingThreads" && key != "blockingThreadsPerWebview")
      fail(source, key, "unknown key (expected maxCallsInFlight, blockingThreads or blockingThreadsPerWebview)");
  }
  limits.calls_in_flight = count_at(o, "maxCallsInFlight", 1, 65536, kDefaultCallsInFlight, source);
  limits.pool.threads = count_at(o, "blockingThreads", 1, 256, 0, source);
  size_t threads = limits.pool.threads ? limits.pool.threads : default_threads();
  limits.pool.per_webview = count_at(o, "blockingThreadsPerWebview", 1, threads, 0, source);
  return limits;
}

}  // namespace warden::runtime
