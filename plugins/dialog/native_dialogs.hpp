// The GTK dialogs: the file chooser for open and save (GtkFileChooserNative: the desktop's portal
// where there is one, GTK's own GtkFileChooserDialog elsewhere, e.g. under Xvfb) and
// GtkMessageDialog for message. Each is shown without a nested main loop (never gtk_dialog_run:
// it would stop every other window's calls while the user thinks) and ends its DialogCall from its
// response signal. Modal and transient for the calling window when the host can name its
// GtkWindow (warden.windows/1).
#ifndef WARDEN_PLUGINS_DIALOG_NATIVE_DIALOGS_HPP
#define WARDEN_PLUGINS_DIALOG_NATIVE_DIALOGS_HPP

#include <memory>

#include <warden/ext/grants.h>
#include <warden/ext/windows.h>

#include "dialog_call.hpp"
#include "dialog_options.hpp"

namespace warden::dialog_plugin {

// The host's extensions the dialogs use; either may be null (no parent window, no grants).
struct DialogHost {
  const warden_host_windows* windows = nullptr;
  const warden_host_grants* grants = nullptr;
};

// [main-thread] Shows the dialog and returns; the call ends from the dialog's signals.
void show_file_chooser(const std::shared_ptr<DialogCall>& call, const FileDialogOptions& options, DialogHost host);
void show_message_box(const std::shared_ptr<DialogCall>& call, const MessageOptions& options, DialogHost host);

}  // namespace warden::dialog_plugin

#endif  // WARDEN_PLUGINS_DIALOG_NATIVE_DIALOGS_HPP
