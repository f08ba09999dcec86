#include "webview/app_webview.hpp"

#include <chrono>

#include <glib.h>
#include <spdlog/spdlog.h>
#include <webkit2/webkit2.h>

#include "ipc/bridge_script.hpp"
#include "webview/ipc_receiver.hpp"
#include "ipc/isolation_script.hpp"

namespace warden::webview {
namespace {

const char* termination_reason(WebKitWebProcessTerminationReason reason) {
  switch (reason) {
    case WEBKIT_WEB_PROCESS_CRASHED: return "crashed";
    case WEBKIT_WEB_PROCESS_EXCEEDED_MEMORY_LIMIT: return "exceeded its memory limit";
    case WEBKIT_WEB_PROCESS_TERMINATED_BY_API: return "was terminated";
  }
  return "ended";
}

// Shown instead of a second reload: static text, no script, and an about:blank origin, so the
// page can call nothing.
std::string error_page_html(const std::string& reason, long long window_seconds) {
  return "<!doctype html><html><head><meta charset=\"utf-8\"><title>This page stopped working</title></head>"
         "<body style=\"font-family: sans-serif; margin: 2em\"><h1>This page stopped working</h1>"
         "<p>The process that shows it " + reason + " twice within " + std::to_string(window_seconds) +
         " seconds, so it was not reloaded again.</p><p>Close this window, or restart the application.</p>"
         "</body></html>";
}

void add_script(WebKitUserContentManager* content, WebKitUserScript* script) {
  webkit_user_content_manager_add_script(content, script);
  webkit_user_script_unref(script);
}

}  // namespace

std::string webview_start_url(const std::string& url) {
  if (g_uri_is_valid(url.c_str(), G_URI_FLAGS_NONE, nullptr)) return url;
  std::string path = url;
  while (!path.empty() && path.front() == '/') path.erase(0, 1);
  return "app://localhost/" + path;
}

AppWebview::AppWebview(const WebviewSetup& setup, const WindowConfig& config, std::string window_label,
                       WebviewEvents events)
    : label_(config.label),
      window_label_(std::move(window_label)),
      start_url_(webview_start_url(config.url)),
      bridge_(setup.bridge),
      ipc_(setup.ipc),
      init_scripts_(setup.init_scripts),
      drag_drop_(config.drag_drop_enabled),
      events_(std::move(events)) {
  WebKitUserContentManager* content = webkit_user_content_manager_new();
  view_ = WEBKIT_WEB_VIEW(g_object_new(WEBKIT_TYPE_WEB_VIEW, "web-context", setup.context, "user-content-manager",
                                       content, "is-ephemeral", config.incognito ? TRUE : FALSE, nullptr));
  g_object_unref(content);
  add_scripts();
  WebKitSettings* settings = webkit_web_view_get_settings(view_);
  webkit_settings_set_enable_write_console_messages_to_stdout(settings, setup.console_to_stderr ? TRUE : FALSE);
  apply_webview_config(view_, config, setup.devtools_allowed);
  // The widget stays alive until this object goes, even when its window drops it (reparent).
  g_object_ref_sink(view_);
  connect_signals();
  enforce_navigation_policy(view_, label_, setup.navigation);
  spdlog::info("webview '{}' (window '{}'): loading {}", label_, window_label_, start_url_);
  webkit_web_view_load_uri(view_, start_url_.c_str());
}

// The bridge (__TAURI_INTERNALS__, with both labels) in the page's world; it calls the host through
// the native function of Warden's web extension, which holds no secret either (docs/ipc.md). Under
// the isolation pattern, isolation://localhost documents get the isolation runtime (and its key)
// and nothing else: not the bridge, not the plugins' scripts.
void AppWebview::add_scripts() {
  WebKitUserContentManager* content = webkit_web_view_get_user_content_manager(view_);
  webkit_user_content_manager_remove_all_scripts(content);
  const char* isolation_only[] = {ipc::kIsolationUrlPattern, nullptr};
  const char* const* not_isolation = bridge_.isolation_key ? isolation_only : nullptr;
  std::string bridge = ipc::bridge_script(window_label_, label_, bridge_);
  add_script(content, webkit_user_script_new(bridge.c_str(), WEBKIT_USER_CONTENT_INJECT_ALL_FRAMES,
                                             WEBKIT_USER_SCRIPT_INJECT_AT_DOCUMENT_START, nullptr, not_isolation));
  if (bridge_.isolation_key) {
    std::string runtime = ipc::isolation_script(*bridge_.isolation_key);
    add_script(content, webkit_user_script_new(runtime.c_str(), WEBKIT_USER_CONTENT_INJECT_ALL_FRAMES,
                                               WEBKIT_USER_SCRIPT_INJECT_AT_DOCUMENT_START, isolation_only, nullptr));
  }
  for (const std::string& js : init_scripts_)
    add_script(content, webkit_user_script_new(js.c_str(), WEBKIT_USER_CONTENT_INJECT_ALL_FRAMES,
                                               WEBKIT_USER_SCRIPT_INJECT_AT_DOCUMENT_START, nullptr, not_isolation));
}

void AppWebview::set_window_label(const std::string& label) {
  if (label == window_label_) return;
  window_label_ = label;
  if (view_) add_scripts();
}

void AppWebview::connect_signals() {
  g_signal_connect(view_, "destroy", G_CALLBACK(on_destroy), this);
  // Only Warden's web extension sends user messages: they are the pages' IPC calls.
  g_signal_connect(view_, "user-message-received",
                   G_CALLBACK(+[](WebKitWebView* view, WebKitUserMessage* message, gpointer self) -> gboolean {
                     auto* w = static_cast<AppWebview*>(self);
                     return w->ipc_ && w->ipc_->handle(view, message) ? TRUE : FALSE;
                   }),
                   this);
  g_signal_connect(view_, "notify::title", G_CALLBACK(+[](GObject* view, GParamSpec*, gpointer self) {
                     auto* w = static_cast<AppWebview*>(self);
                     const char* t = webkit_web_view_get_title(WEBKIT_WEB_VIEW(view));
                     if (w->events_.title_changed) w->events_.title_changed(t ? t : "");
                   }),
                   this);
  g_signal_connect(view_, "load-changed", G_CALLBACK(+[](WebKitWebView*, WebKitLoadEvent event, gpointer self) {
                     auto* w = static_cast<AppWebview*>(self);
                     if (event == WEBKIT_LOAD_COMMITTED) w->on_load_committed();
                     if (event == WEBKIT_LOAD_FINISHED && w->events_.load_finished) w->events_.load_finished();
                   }),
                   this);
  g_signal_connect(view_, "web-process-terminated",
                   G_CALLBACK(+[](WebKitWebView*, WebKitWebProcessTerminationReason reason, gpointer self) {
                     static_cast<AppWebview*>(self)->on_web_process_terminated(termination_reason(reason));
                   }),
                   this);
}

GtkWidget* AppWebview::widget() const { return view_ ? GTK_WIDGET(view_) : nullptr; }

void AppWebview::on_web_process_terminated(const std::string& reason) {
  ++page_;
  CrashResponse response = crash_policy_.on_termination(CrashPolicy::Clock::now());
  auto window_seconds = std::chrono::duration_cast<std::chrono::seconds>(crash_policy_.window()).count();
  if (response == CrashResponse::reload)
    spdlog::error("webview '{}': web process {}; reloading the page", label_, reason);
  else
    spdlog::error("webview '{}': web process {} again within {} s; showing an error page instead of reloading",
                  label_, reason, window_seconds);
  if (events_.web_process_terminated) events_.web_process_terminated(reason);
  if (!view_) return;  // the handler closed the webview
  if (response == CrashResponse::show_error_page) {
    webkit_web_view_load_html(view_, error_page_html(reason, window_seconds).c_str(), nullptr);
    return;
  }
  // The page the process died on (the app may have navigated), or the start page when none
  // had been committed yet.
  std::string url = current_url();
  webkit_web_view_load_uri(view_, (url.empty() ? start_url_ : url).c_str());
}

// WebKit reports the commit before the new document runs any script, and the web process sends
// it before any request that document makes: every call of the new page carries the new number,
// every call, channel and listener of the old one the old number.
void AppWebview::on_load_committed() {
  uint64_t page = ++page_;
  spdlog::debug("webview '{}': page {} committed ({})", label_, page, current_url());
  if (events_.page_replaced) events_.page_replaced(page);
}

AppWebview::~AppWebview() {
  if (!view_) return;
  WebKitWebView* view = view_;
  g_signal_handlers_disconnect_by_data(view, this);
  view_ = nullptr;
  gtk_widget_destroy(GTK_WIDGET(view));
  g_object_unref(view);
}

void AppWebview::on_destroy(GtkWidget*, void* self) {
  auto* w = static_cast<AppWebview*>(self);
  WebKitWebView* view = w->view_;
  w->view_ = nullptr;
  // Our reference keeps the object alive until here; nothing of it is used after this.
  g_signal_handlers_disconnect_by_data(view, w);
  if (w->events_.closed) w->events_.closed();
  g_object_unref(view);
}

std::string AppWebview::title() const {
  const char* t = view_ ? webkit_web_view_get_title(view_) : nullptr;
  return t ? t : "";
}

std::string AppWebview::current_url() const {
  const char* u = view_ ? webkit_web_view_get_uri(view_) : nullptr;
  return u ? u : "";
}

void AppWebview::run_script(const std::string& script) {
  if (!view_) return;
  webkit_web_view_evaluate_javascript(
      view_, script.c_str(), static_cast<gssize>(script.size()), nullptr, nullptr, nullptr,
      +[](GObject* view, GAsyncResult* result, gpointer) {
        GError* error = nullptr;
        JSCValue* value = webkit_web_view_evaluate_javascript_finish(WEBKIT_WEB_VIEW(view), result, &error);
        if (error) {
          spdlog::debug("webview: script failed: {}", error->message);
          g_error_free(error);
        }
        if (value) g_object_unref(value);
      },
      nullptr);
}

void AppWebview::snapshot_png(const std::string& path, std::function<void(bool)> done) {
  if (!view_) return done(false);
  struct Pending {
    std::string path;
    std::function<void(bool)> done;
  };
  webkit_web_view_get_snapshot(
      view_, WEBKIT_SNAPSHOT_REGION_VISIBLE, WEBKIT_SNAPSHOT_OPTIONS_NONE, nullptr,
      +[](GObject* view, GAsyncResult* result, gpointer data) {
        std::unique_ptr<Pending> p(static_cast<Pending*>(data));
        GError* error = nullptr;
        cairo_surface_t* surface = webkit_web_view_get_snapshot_finish(WEBKIT_WEB_VIEW(view), result, &error);
        bool ok = false;
        if (surface) {
          ok = cairo_surface_write_to_png(surface, p->path.c_str()) == CAIRO_STATUS_SUCCESS;
          cairo_surface_destroy(surface);
        } else {
          spdlog::error("webview: snapshot failed: {}", error ? error->message : "unknown error");
          if (error) g_error_free(error);
        }
        p->done(ok);
      },
      new Pending{path, std::move(done)});
}

void AppWebview::close() {
  if (view_) gtk_widget_destroy(GTK_WIDGET(view_));  // on_destroy clears view_
}

}  // namespace warden::webview
