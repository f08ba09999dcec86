#include "desktop/menu/predefined_item.hpp"

#include <gtk/gtk.h>
#include <spdlog/spdlog.h>
#include <webkit2/webkit2.h>

#include <array>
#include <utility>
#include <vector>

namespace warden::desktop::menu {
namespace {

struct Known {
  Predefined which;
  std::string_view name;
  std::string_view text;
};

constexpr std::array<Known, 18> kKnown{{
    {Predefined::separator, "Separator", ""},
    {Predefined::copy, "Copy", "&Copy"},
    {Predefined::cut, "Cut", "Cu&t"},
    {Predefined::paste, "Paste", "&Paste"},
    {Predefined::select_all, "SelectAll", "Select &All"},
    {Predefined::undo, "Undo", "Undo"},
    {Predefined::redo, "Redo", "Redo"},
    {Predefined::minimize, "Minimize", "&Minimize"},
    {Predefined::maximize, "Maximize", "Ma&ximize"},
    {Predefined::fullscreen, "Fullscreen", "Toggle Full Screen"},
    {Predefined::hide, "Hide", "&Hide"},
    {Predefined::hide_others, "HideOthers", "Hide Others"},
    {Predefined::show_all, "ShowAll", "Show All"},
    {Predefined::close_window, "CloseWindow", "C&lose Window"},
    {Predefined::quit, "Quit", "&Quit"},
    {Predefined::about, "About", "&About"},
    {Predefined::services, "Services", "Services"},
    {Predefined::bring_all_to_front, "BringAllToFront", "Bring All to Front"},
}};

// The webview the edit commands act on: the window's focused one, else the one filling it.
WebKitWebView* focused_webview(webview::AppWindow& window) {
  GtkWidget* focus = gtk_window_get_focus(GTK_WINDOW(window.gtk_window()));
  for (webview::AppWebview* w : window.webviews())
    if (w->open() && focus && (GTK_WIDGET(w->view()) == focus || gtk_widget_is_ancestor(focus, GTK_WIDGET(w->view()))))
      return w->view();
  webview::AppWebview* main = window.main_webview();
  return main ? main->view() : nullptr;
}

void edit(webview::AppWindow* window, const char* command) {
  WebKitWebView* view = window ? focused_webview(*window) : nullptr;
  if (view) webkit_web_view_execute_editing_command(view, command);
}

void show_about(const MenuItem& item, webview::AppWindow* window) {
  // As in Tauri on Linux: an About item made without metadata shows nothing.
  if (!item.about()) return;
  const AboutMetadata& m = *item.about();
  GtkWidget* dialog = gtk_about_dialog_new();
  GtkAboutDialog* about = GTK_ABOUT_DIALOG(dialog);
  if (m.name) gtk_about_dialog_set_program_name(about, m.name->c_str());
  if (m.version) {
    std::string version = *m.version + (m.short_version ? " (" + *m.short_version + ")" : "");
    gtk_about_dialog_set_version(about, version.c_str());
  }
  if (!m.authors.empty()) {
    std::vector<const char*> authors;
    for (const auto& a : m.authors) authors.push_back(a.c_str());
    authors.push_back(nullptr);
    gtk_about_dialog_set_authors(about, authors.data());
  }
  if (m.comments) gtk_about_dialog_set_comments(about, m.comments->c_str());
  if (m.copyright) gtk_about_dialog_set_copyright(about, m.copyright->c_str());
  if (m.license) gtk_about_dialog_set_license(about, m.license->c_str());
  if (m.website) gtk_about_dialog_set_website(about, m.website->c_str());
  if (m.website_label) gtk_about_dialog_set_website_label(about, m.website_label->c_str());
  if (item.icon()) gtk_about_dialog_set_logo(about, item.icon());
  gtk_window_set_resizable(GTK_WINDOW(dialog), FALSE);
  gtk_window_set_modal(GTK_WINDOW(dialog), TRUE);
  if (window && window->open()) gtk_window_set_transient_for(GTK_WINDOW(dialog), GTK_WINDOW(window->gtk_window()));
  // Not gtk_dialog_run: the main loop keeps serving the app while the dialog is up.
  g_signal_connect(dialog, "response", G_CALLBACK(gtk_widget_destroy), nullptr);
  gtk_widget_show_all(dialog);
}

bool has_state(GtkWindow* window, GdkWindowState state) {
  GdkWindow* g = gtk_widget_get_window(GTK_WIDGET(window));
  return g && (gdk_window_get_state(g) & state);
}

}  // namespace

std::optional<Predefined> predefined_from_name(std::string_view name) {
  for (const auto& k : kKnown)
    if (k.name == name && k.which != Predefined::about) return k.which;
  return std::nullopt;
}

std::string_view predefined_text(Predefined which) {
  for (const auto& k : kKnown)
    if (k.which == which) return k.text;
  return "";
}

bool shown_on_linux(Predefined which) {
  switch (which) {
    case Predefined::hide:
    case Predefined::hide_others:
    case Predefined::show_all:
    case Predefined::services:
    case Predefined::bring_all_to_front:
      return false;
    default:
      return true;
  }
}

std::optional<Accelerator> predefined_shortcut(Predefined which) {
  switch (which) {
    case Predefined::copy: return Accelerator{GDK_KEY_c, GDK_CONTROL_MASK};
    case Predefined::cut: return Accelerator{GDK_KEY_x, GDK_CONTROL_MASK};
    case Predefined::paste: return Accelerator{GDK_KEY_v, GDK_CONTROL_MASK};
    case Predefined::select_all: return Accelerator{GDK_KEY_a, GDK_CONTROL_MASK};
    case Predefined::undo: return Accelerator{GDK_KEY_z, GDK_CONTROL_MASK};
    case Predefined::redo: return Accelerator{GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK};
    default: return std::nullopt;
  }
}

void perform_predefined(const MenuItem& item, DesktopContext& context, const std::string& window_label) {
  if (!item.predefined()) return;
  webview::AppWindow* window = context.windows.find(window_label);
  if (window && !window->open()) window = nullptr;
  GtkWindow* gtk = window ? GTK_WINDOW(window->gtk_window()) : nullptr;
  switch (*item.predefined()) {
    case Predefined::copy: return edit(window, WEBKIT_EDITING_COMMAND_COPY);
    case Predefined::cut: return edit(window, WEBKIT_EDITING_COMMAND_CUT);
    case Predefined::paste: return edit(window, WEBKIT_EDITING_COMMAND_PASTE);
    case Predefined::select_all: return edit(window, WEBKIT_EDITING_COMMAND_SELECT_ALL);
    case Predefined::undo: return edit(window, WEBKIT_EDITING_COMMAND_UNDO);
    case Predefined::redo: return edit(window, WEBKIT_EDITING_COMMAND_REDO);
    case Predefined::minimize:
      if (gtk) gtk_window_iconify(gtk);
      return;
    case Predefined::maximize:
      if (gtk) gtk_window_is_maximized(gtk) ? gtk_window_unmaximize(gtk) : gtk_window_maximize(gtk);
      return;
    case Predefined::fullscreen:
      if (gtk) has_state(gtk, GDK_WINDOW_STATE_FULLSCREEN) ? gtk_window_unfullscreen(gtk) : gtk_window_fullscreen(gtk);
      return;
    case Predefined::close_window:
      // What the window manager's close button does: a page may keep the window (close-requested).
      if (gtk) gtk_window_close(gtk);
      return;
    case Predefined::quit:
      if (context.exit_app) context.exit_app(0);
      else spdlog::warn("menu: Quit picked, but this run cannot end itself");
      return;
    case Predefined::about: return show_about(item, window);
    default: return;  // not shown on Linux
  }
}

}  // namespace warden::desktop::menu
