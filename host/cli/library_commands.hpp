#pragma once
// The adapters between a loaded library's commands and the runtime's command table: each
// command of a plugin is registered as "plugin:<name>|<command>", each command of the app
// library (app.library, docs/app-commands.md) under its bare name; a call reaches the library
// with its own environment (channels to the page that made it, its sibling commands' scopes)
// and its result, or the scope refusal it reports, goes back to the page.
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "acl/authority.hpp"
#include "plugin/call_environment.hpp"
#include "plugin/plugin_library.hpp"
#include "runtime/callback_delivery.hpp"
#include "runtime/command_table.hpp"
#include "runtime/main_thread_queue.hpp"

namespace warden::cli {

// Opens a page Channel for a call of page `page` of `webview`; null when `reference` names none.
using PageChannelOpener = std::function<std::unique_ptr<plugin::ChannelSink>(
    std::string_view reference, const std::string& webview, uint64_t page)>;

// The opener of runtime channels; `main_thread` and `deliver` must outlive it.
PageChannelOpener runtime_channel_opener(runtime::MainThreadQueue& main_thread, const runtime::CallbackDelivery& deliver);

// How a library's commands are named in the command table and the ACL.
enum class CommandNaming {
  plugin,  // "plugin:<library name>|<command>"
  app,     // "<command>": the app's own, governed by the app's permissions/
};

// Registers every command of `library`. `library`, `environment`, `open_channel` must outlive the table.
void add_library_commands(runtime::CommandTable& commands, plugin::PluginLibrary& library, CommandNaming naming,
                          const plugin::CallEnvironment& environment, const PageChannelOpener& open_channel,
                          std::shared_ptr<acl::Authority> authority);

}  // namespace warden::cli
