#include "cli/library_commands.hpp"

#include "cli/authority_access_check.hpp"
#include "ipc/invoke_response.hpp"
#include "log/log.hpp"
#include "runtime/channel.hpp"
#include "runtime/completion.hpp"
#include "runtime/dispatcher.hpp"

namespace warden::cli {
namespace {

// A plugin's end of a page Channel: the runtime's channel to that webview.
class RuntimeChannelSink : public plugin::ChannelSink {
 public:
  RuntimeChannelSink(uint32_t id, std::string webview, uint64_t page, runtime::MainThreadQueue& main_thread,
                     runtime::CallbackDelivery deliver)
      : channel_(id, std::move(webview), page, main_thread, std::move(deliver)) {}
  void send(std::string message_json) override { channel_.send(message_json); }
  void close() override { channel_.close(); }

 private:
  runtime::Channel channel_;
};

// Who made a call that a plugin refused by scope, for the audit line.
struct ScopeRefusalCaller {
  std::string command;  // as the page named it
  runtime::Caller caller;
};

// A plugin's scope refusal is a denial like the authority's: one audit line with the detail,
// and the page learns only that a scope refused it (the detail too in debug builds).
void refuse_by_scope(runtime::Completion& completion, const ScopeRefusalCaller& who, const std::string& detail) {
  std::string reason = "refused by the plugin's scope: " + detail;
  log::denial({who.command, who.caller.window, who.caller.webview, who.caller.origin, 403, reason});
  completion.settle(ipc::InvokeResponse::error(403, runtime::webview_error("refused by scope", detail)));
}

}  // namespace

PageChannelOpener runtime_channel_opener(runtime::MainThreadQueue& main_thread, const runtime::CallbackDelivery& deliver) {
  return [&main_thread, &deliver](std::string_view reference, const std::string& webview,
                                  uint64_t page) -> std::unique_ptr<plugin::ChannelSink> {
    auto id = runtime::Channel::parse_reference(reference);
    if (!id) return nullptr;
    return std::make_unique<RuntimeChannelSink>(*id, webview, page, main_thread, deliver);
  };
}

void add_library_commands(runtime::CommandTable& commands, plugin::PluginLibrary& library, CommandNaming naming,
                          const plugin::CallEnvironment& environment, const PageChannelOpener& open_channel,
                          std::shared_ptr<acl::Authority> authority) {
  std::string prefix = naming == CommandNaming::plugin ? "plugin:" + library.name() + "|" : "";
  for (const auto& name : library.manifest().commands) {
    // WARDEN_COMMAND_BLOCKING commands run on the blocking pool, the others on the main thread.
    bool blocking = library.command_flags(name).value_or(WARDEN_COMMAND_BLOCKING) & WARDEN_COMMAND_BLOCKING;
    commands.add(prefix + name,
                 {[lib = &library, name, prefix, base = &environment, open = &open_channel, authority](runtime::Invocation& call) {
                    // The call's own environment: its channels deliver only to the page that made
                    // the call. It lives until the call's result, the last time the plugin may use it.
                    auto env = std::make_shared<plugin::CallEnvironment>(*base);
                    env->open_channel = [open, page = call.caller.page](std::string_view reference,
                                                                        const std::string& webview) {
                      return (*open)(reference, webview, page);
                    };
                    // What this caller would get for a sibling command: asked of the authority as
                    // the dispatcher asks it, for the same window, webview and origin.
                    env->command_scopes = [authority, prefix,
                                           caller = call.caller](std::string_view sibling) -> std::optional<std::string> {
                      acl::Decision d = authority->check(prefix + std::string(sibling), caller.window,
                                                         caller.webview, origin_of(caller));
                      if (!d.allowed()) return std::nullopt;
                      return scopes_document(d);
                    };
                    plugin::CallRequest request;
                    request.command = name;
                    request.environment = env.get();
                    request.args_json = std::move(call.args_json);
                    if (call.binary) request.body = std::move(call.body);
                    request.scopes_json = std::move(call.scopes_json);
                    request.caller = {call.caller.window, call.caller.webview, call.caller.origin, call.caller.page};
                    lib->invoke(std::move(request), [completion = call.completion, env,
                                                     who = ScopeRefusalCaller{prefix + name, call.caller}](
                                                        plugin::CallResult r) {
                      switch (r.kind) {
                        case plugin::CallResult::Kind::json: completion->resolve_json(std::move(r.json)); break;
                        case plugin::CallResult::Kind::bytes: completion->resolve_bytes(std::move(r.bytes)); break;
                        case plugin::CallResult::Kind::error:
                          if (r.scope_refused) refuse_by_scope(*completion, who, r.error);
                          else completion->reject(r.error);
                          break;
                      }
                    });
                  },
                  blocking});
  }
}


}  // namespace warden::cli
