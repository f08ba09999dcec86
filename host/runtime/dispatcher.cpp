#include "runtime/dispatcher.hpp"

#include <memory>
#include <utility>

#include <spdlog/spdlog.h>

#include "log/log.hpp"

namespace warden::runtime {

std::string webview_error(std::string_view generic, std::string_view detail) {
#ifdef NDEBUG
  (void)detail;
  return std::string(generic);
#else
  return std::string(generic) + ": " + std::string(detail);
#endif
}

Dispatcher::Dispatcher(AccessCheck access, const CommandTable& commands, BlockingPool& pool,
                       MainThreadQueue& main_thread)
    : access_(std::move(access)), commands_(commands), pool_(pool), main_thread_(main_thread) {}

void Dispatcher::dispatch(ipc::InvokeRequest request, Caller caller,
                          std::function<void(ipc::InvokeResponse)> respond) {
  // The response always reaches `respond` on the main thread: directly when the call settles
  // there (a quick command), through the main-thread queue from any other thread.
  auto completion = std::make_shared<Completion>(
      [q = &main_thread_, respond = std::move(respond)](ipc::InvokeResponse response) mutable {
        q->run_or_post([respond = std::move(respond), response = std::move(response)]() mutable {
          respond(std::move(response));
        });
      });

  // Lookup and access check are lock-free and allocation-light: done here, on the main thread.
  const Command* command = commands_.find(request.command);
  if (!command) {
    log::denial({request.command, caller.window, caller.webview, caller.origin, 404, "unknown command"});
    completion->settle(ipc::InvokeResponse::error(404, webview_error("unknown command", request.command)));
    return;
  }
  AccessDecision decision;
  try {
    decision = access_(request.command, caller);
  } catch (const std::exception& e) {
    decision = {false, {}, std::string("access check failed: ") + e.what()};
  }
  if (!decision.allowed) {
    log::denial({request.command, caller.window, caller.webview, caller.origin, 403, decision.reason});
    completion->settle(
        ipc::InvokeResponse::error(403, webview_error("not allowed", request.command + ": " + decision.reason)));
    return;
  }
  auto call = std::make_shared<Invocation>();
  call->command = std::move(request.command);
  call->args_json = std::move(request.args_json);
  call->body = std::move(request.body);
  call->binary = request.binary;
  call->scopes_json = std::move(decision.scopes_json);
  call->caller = std::move(caller);
  call->completion = std::move(completion);
  auto run = [command, call] {
    try {
      command->run(*call);
    } catch (const std::exception& e) {
      spdlog::error("ipc: command '{}' threw: {}", call->command, e.what());
      call->completion->settle(ipc::InvokeResponse::error(500, webview_error("command failed", e.what())));
    }
  };
  // Quick commands run right here, as Tauri runs its synchronous commands on the main thread:
  // no thread hop each way. Blocking ones go to the pool so the UI never waits for them, counted
  // against the calling webview's share so that one page's slow calls cannot hold every thread.
  if (command->blocking)
    pool_.run(call->caller.webview, std::move(run));
  else
    run();
}

}  // namespace warden::runtime
