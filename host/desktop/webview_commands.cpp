#include "desktop/webview_commands.hpp"

#include <stdexcept>

#include <spdlog/spdlog.h>

#include "desktop/window_events.hpp"

namespace warden::desktop {
namespace {

WindowFactory& factory_of(DesktopContext& context) {
  if (!context.factory) throw std::logic_error("this host cannot open windows yet");
  return *context.factory;
}

// A start URL the app's navigation policy refuses is refused here, before anything opens (the
// policy would stop the load anyway, leaving an empty webview behind).
void require_start_allowed(const WindowFactory& factory, const std::string& label, const std::string& url) {
  if (!factory.setup.navigation) return;
  std::string start = webview::webview_start_url(url);
  auto verdict = factory.setup.navigation->decide(label, "", start);
  if (!verdict.allowed)
    throw std::invalid_argument("the start URL " + start + " of '" + label + "' is refused: " + verdict.reason);
}

void require_free(const DesktopContext& context, const std::string& label) {
  if (!webview::valid_label(label))
    throw std::invalid_argument("label '" + label + "' is invalid: expected 1 to 256 of a-z A-Z 0-9 - / : _");
  if (context.windows.label_in_use(label)) throw std::invalid_argument("label '" + label + "' is already in use");
}

webview::AppWebview& place_webview(DesktopContext& context, webview::AppWindow& window,
                                   const webview::WebviewOptions& options,
                                   std::optional<webview::WebviewBounds> bounds) {
  WindowFactory& factory = factory_of(context);
  auto webview = std::make_unique<webview::AppWebview>(factory.setup, options, window.label(),
                                                       factory.webview_events(options.label));
  webview::AppWebview& placed = context.windows.add_webview(window, std::move(webview), bounds);
  if (placed.drag_drop()) watch_drag_drop(placed.view(), window.label(), placed.label(), context);
  return placed;
}

}  // namespace

webview::AppWindow& open_window(DesktopContext& context, const webview::WindowConfig& config, bool with_webview) {
  WindowFactory& factory = factory_of(context);
  require_free(context, config.label);
  if (with_webview) require_start_allowed(factory, config.label, config.url);
  webview::AppWindow& window =
      context.windows.add(std::make_unique<webview::AppWindow>(config, factory.window_events(config.label)));
  watch_window_events(window, context);
  if (with_webview) {
    webview::WebviewOptions options;
    options.label = config.label;
    options.url = config.url;
    place_webview(context, window, options, std::nullopt);
  }
  window.show();
  return window;
}

webview::AppWebview& open_child_webview(DesktopContext& context, webview::AppWindow& window,
                                        const webview::WebviewOptions& options, const webview::WebviewBounds& bounds) {
  WindowFactory& factory = factory_of(context);
  if (!window.open()) throw std::invalid_argument("window '" + window.label() + "' is closed");
  require_free(context, options.label);
  require_start_allowed(factory, options.label, options.url);
  return place_webview(context, window, options, bounds);
}

void add_webview_commands(runtime::CommandTable&, DesktopContext&) {}

}  // namespace warden::desktop
