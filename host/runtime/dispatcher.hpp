#pragma once
// Runs one IPC call: finds the command, asks the access check, runs it on the main thread when it
// is quick (or on the blocking pool, within the calling webview's share, when it may block) and
// hands the one response back on the main thread.
#include <functional>

#include "ipc/invoke_request.hpp"
#include "ipc/invoke_response.hpp"
#include "runtime/access_check.hpp"
#include "runtime/caller.hpp"
#include "runtime/command_table.hpp"
#include "runtime/main_thread_queue.hpp"
#include "runtime/blocking_pool.hpp"

namespace warden::runtime {

class Dispatcher {
 public:
  // All references must outlive the dispatcher. `commands` must not change once calls start.
  Dispatcher(AccessCheck access, const CommandTable& commands, BlockingPool& pool,
             MainThreadQueue& main_thread);

  // [main-thread] Starts a call; `respond` runs exactly once, later, on the main thread.
  void dispatch(ipc::InvokeRequest request, Caller caller,
                std::function<void(ipc::InvokeResponse)> respond);

 private:
  AccessCheck access_;
  const CommandTable& commands_;
  BlockingPool& pool_;
  MainThreadQueue& main_thread_;
};

// The message a rejection shows to the WebView: `generic` in release builds, with `detail`
// appended in debug builds. The detail always goes to the log.
std::string webview_error(std::string_view generic, std::string_view detail);

}  // namespace warden::runtime
