#pragma once
// app.ipc of warden.conf.json (a Warden extension; Tauri has no such limits): how many calls a
// webview may have in flight, the blocking pool's size and each webview's share of it. (An app's
// own commands come from its app library, app.library: docs/app-commands.md.)
#include <cstddef>
#include <string>
#include <string_view>

#include "runtime/blocking_pool.hpp"

namespace warden::runtime {

// Why 1024: far above what a page awaits at once in practice (a Promise.all over a folder's
// files, a burst of log lines), and small enough that what the host and WebKit hold for the calls
// of one webview stays a few MiB for ordinary payloads (a flood of 100,000 calls made the host grow
// to 760 MB without a limit).
inline constexpr size_t kDefaultCallsInFlight = 1024;

struct IpcLimits {
  size_t calls_in_flight = kDefaultCallsInFlight;  // app.ipc.maxCallsInFlight, per webview
  PoolSize pool;                                   // app.ipc.blockingThreads, blockingThreadsPerWebview
};

// Reads app.ipc from the config text (defaults when absent). Throws std::runtime_error naming
// `source` and the key for a value of the wrong type or out of range.
IpcLimits parse_ipc_limits(std::string_view json_text, const std::string& source);

}  // namespace warden::runtime
