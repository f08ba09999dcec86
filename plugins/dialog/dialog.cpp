// The dialog plugin: @tauri-apps/plugin-dialog's open, save and message (ask and confirm are
// message with other buttons) on GTK's dialogs (docs/plugins/dialog.md). Each command is quick:
// it checks the page's arguments, takes the window's dialog slot, ties the call to the page
// (a resource the host closes when the page goes away) and hands the dialog to the main thread;
// the user's answer completes the call later.
#include <memory>
#include <stdexcept>
#include <string>

#include <boost/json/value.hpp>
#include <warden/ext/grants.h>
#include <warden/ext/resources.h>
#include <warden/ext/windows.h>
#include <warden/main_thread.hpp>
#include <warden/plugin.hpp>

#include "dialog_call.hpp"
#include "dialog_options.hpp"
#include "native_dialogs.hpp"

namespace {
namespace json = boost::json;
using namespace warden::dialog_plugin;

// Set by init, read by the commands (init returns before any command runs).
DialogHost dialog_host;
const std::shared_ptr<OpenDialogs> open_dialogs = std::make_shared<OpenDialogs>();

using Show = std::function<void(const std::shared_ptr<DialogCall>&)>;

// [any-thread] Starts the dialog `show` makes for the calling window; the call completes when the
// user answers, or when the page goes away first.
void start(warden::Context& ctx, Show show) {
  std::string window(ctx.window());
  if (!open_dialogs->claim(window))
    throw std::runtime_error("a dialog is already open for this window: wait for its answer before asking for another");
  auto call = std::make_shared<DialogCall>(ctx.host().raw(), ctx.request()->call, window, open_dialogs);
  // The completion first: once the page link exists, the page's end may finish the call.
  call->set_completion(ctx.defer());
  call->set_resources(ctx.host().extension<warden_host_resources>(WARDEN_EXT_RESOURCES));
  try {
    call->set_page_link(ctx.add_resource(std::make_shared<PageLink>(call)));
  } catch (const std::exception& e) {
    return call->abandon(std::string("the dialog was not shown: ") + e.what());  // the page is already gone
  }
  bool posted = warden::MainThread(ctx.host()).post([call, show = std::move(show)] {
    if (call->finished()) return;  // the page went before its turn came
    try {
      show(call);
    } catch (const std::exception& e) {
      call->finish([&](warden_call*, warden::Completion& done) { done.reject(e.what()); });
    }
  });
  if (!posted) call->abandon(no_main_loop);
}

}  // namespace

WARDEN_PLUGIN(plugin) {
  plugin.on_init([](const warden::Host& host, const json::value& config) {
    // The host takes its own key (plugins.dialog.grants) out before init: anything left is a
    // mistake in the app config.
    if (!config.is_object()) throw std::invalid_argument("plugins.dialog must be an object");
    for (const auto& [key, value] : config.get_object())
      throw std::invalid_argument("plugins.dialog has no setting '" + std::string(key) +
                                  "' (the dialog plugin has none of its own; the host reads plugins.dialog.grants)");
    warden::MainThread main(host);  // throws, naming warden.main-thread/1, on a host without it
    (void)main;
    dialog_host.windows = host.extension<warden_host_windows>(WARDEN_EXT_WINDOWS);
    dialog_host.grants = host.extension<warden_host_grants>(WARDEN_EXT_GRANTS);
    if (!dialog_host.windows) host.warn("this host has no " WARDEN_EXT_WINDOWS ": dialogs will have no parent window");
  });

  plugin.command("open", [](const json::value& args, warden::Context& ctx) {
    FileDialogOptions options = open_options(args);
    start(ctx, [options](const auto& call) { show_file_chooser(call, options, dialog_host); });
  });
  plugin.command("save", [](const json::value& args, warden::Context& ctx) {
    FileDialogOptions options = save_options(args);
    start(ctx, [options](const auto& call) { show_file_chooser(call, options, dialog_host); });
  });
  plugin.command("message", [](const json::value& args, warden::Context& ctx) {
    MessageOptions options = message_options(args);
    start(ctx, [options](const auto& call) { show_message_box(call, options, dialog_host); });
  });
}
