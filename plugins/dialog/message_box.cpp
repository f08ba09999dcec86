// message on GtkMessageDialog (native_dialogs.hpp). ask and confirm are message with other
// buttons (@tauri-apps/plugin-dialog compares the answer with its affirmative label).
#include <gtk/gtk.h>

#include <string>

#include "calling_window.hpp"
#include "native_dialogs.hpp"

namespace warden::dialog_plugin {
namespace {

struct MessageBox {
  std::shared_ptr<DialogCall> call;
  MessageOptions options;
};

GtkMessageType message_type(MessageKind kind) {
  switch (kind) {
    case MessageKind::warning: return GTK_MESSAGE_WARNING;
    case MessageKind::error: return GTK_MESSAGE_ERROR;
    case MessageKind::info: break;
  }
  return GTK_MESSAGE_INFO;
}

// [main-thread] A button (its index is the response id) or a close without one (Escape, the
// window manager's close: GTK_RESPONSE_DELETE_EVENT).
void on_response(GtkDialog*, gint response, gpointer data) {
  MessageBox box = *static_cast<MessageBox*>(data);  // copied: finish() destroys the dialog
  const auto& buttons = box.options.buttons;
  std::string answer = response >= 0 && static_cast<std::size_t>(response) < buttons.size()
                           ? buttons[static_cast<std::size_t>(response)].answer
                           : box.options.dismissed_answer;
  box.call->finish([&](warden_call*, warden::Completion& done) { done.resolve(answer); });
}

// [main-thread] Destroyed before an answer: its parent window went (GTK_DIALOG_DESTROY_WITH_PARENT).
void on_destroy(GtkWidget*, gpointer data) {
  static_cast<MessageBox*>(data)->call->finish([](warden_call*, warden::Completion& done) {
    done.reject("the window of this dialog closed before the user answered");
  });
}

}  // namespace

void show_message_box(const std::shared_ptr<DialogCall>& call, const MessageOptions& options, DialogHost host) {
  GtkWindow* parent = calling_window(call->host(), host.windows, call->window());
  auto flags = static_cast<GtkDialogFlags>(GTK_DIALOG_MODAL | (parent ? GTK_DIALOG_DESTROY_WITH_PARENT : 0));
  // "%s": the page's text is shown as written, never read as a format or as markup.
  GtkWidget* dialog =
      gtk_message_dialog_new(parent, flags, message_type(options.kind), GTK_BUTTONS_NONE, "%s", options.message.c_str());
  const char* app_name = g_get_application_name();
  gtk_window_set_title(GTK_WINDOW(dialog), options.title ? options.title->c_str() : app_name ? app_name : "");
  if (parent) gtk_window_group_add_window(gtk_window_get_group(parent), GTK_WINDOW(dialog));
  for (std::size_t i = 0; i < options.buttons.size(); ++i) {
    const MessageButton& b = options.buttons[i];
    GtkWidget* button = gtk_dialog_add_button(GTK_DIALOG(dialog), b.label.c_str(), static_cast<gint>(i));
    // A page's label is shown as written: its underscores are not mnemonics.
    gtk_button_set_use_underline(GTK_BUTTON(button), b.mnemonic);
  }
  // Return answers with the affirmative button, which is last.
  gtk_dialog_set_default_response(GTK_DIALOG(dialog), static_cast<gint>(options.buttons.size() - 1));

  auto* box = new MessageBox{call, options};
  auto release = [](gpointer data, GClosure*) { delete static_cast<MessageBox*>(data); };
  g_signal_connect_data(dialog, "response", G_CALLBACK(on_response), box, release, GConnectFlags{});
  g_signal_connect(dialog, "destroy", G_CALLBACK(on_destroy), box);
  call->set_close([dialog] { gtk_widget_destroy(dialog); });
  gtk_window_present(GTK_WINDOW(dialog));
}

}  // namespace warden::dialog_plugin
