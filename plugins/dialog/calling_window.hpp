// The GtkWindow of the window that asked for a dialog, made a window group of its own so that a
// modal dialog blocks that window only (GTK's modal grab covers a window's group, and windows
// without one share the default group: every window of the app).
#ifndef WARDEN_PLUGINS_DIALOG_CALLING_WINDOW_HPP
#define WARDEN_PLUGINS_DIALOG_CALLING_WINDOW_HPP

#include <gtk/gtk.h>

#include <string>

#include <warden/ext/windows.h>
#include <warden/plugin.h>

namespace warden::dialog_plugin {

// [main-thread] Null when the host cannot name it (no warden.windows/1, the window has closed):
// the dialog then has no parent.
inline GtkWindow* calling_window(const warden_host* host, const warden_host_windows* windows, const std::string& label) {
  if (!windows || !windows->gtk_window) return nullptr;
  auto* window = static_cast<GtkWindow*>(windows->gtk_window(host, label.c_str()));
  if (!window || !GTK_IS_WINDOW(window)) return nullptr;
  if (!gtk_window_has_group(window)) {
    GtkWindowGroup* group = gtk_window_group_new();
    gtk_window_group_add_window(group, window);
    g_object_unref(group);  // the window holds it
  }
  return window;
}

}  // namespace warden::dialog_plugin

#endif  // WARDEN_PLUGINS_DIALOG_CALLING_WINDOW_HPP
