// open and save on GtkFileChooserNative (native_dialogs.hpp).
#include <gtk/gtk.h>

#include <algorithm>
#include <filesystem>
#include <optional>
#include <string>
#include <system_error>
#include <vector>

#include <boost/json/array.hpp>

#include "warden/ascii.hpp"

#include "calling_window.hpp"
#include "native_dialogs.hpp"
#include "picked_grants.hpp"

namespace warden::dialog_plugin {
namespace {
namespace fs = std::filesystem;

struct Chooser {
  std::shared_ptr<DialogCall> call;
  FileDialogOptions options;
  DialogHost host;
};

GtkFileChooserAction action(const FileDialogOptions& o) {
  if (o.save) return GTK_FILE_CHOOSER_ACTION_SAVE;
  return o.directory ? GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER : GTK_FILE_CHOOSER_ACTION_OPEN;
}

std::string title(const FileDialogOptions& o) {
  if (o.title) return *o.title;
  if (o.save) return "Save File";
  return o.directory ? "Open Folder" : "Open File";
}

const char* accept_label(const FileDialogOptions& o) {
  if (o.save) return "_Save";
  return o.directory ? "_Select" : "_Open";
}

// ASCII only: in the user's locale (Turkish: 'i' -> 0xdd) "gif" became "G\xddF", no file's
// extension and not even UTF-8; a non-ASCII extension is left as written.
std::string uppercase(std::string s) { return warden::ascii_upper(s); }

void add_filters(GtkFileChooser* chooser, const std::vector<FileFilter>& filters) {
  for (const FileFilter& f : filters) {
    GtkFileFilter* filter = gtk_file_filter_new();
    gtk_file_filter_set_name(filter, f.name.c_str());
    for (const std::string& ext : f.extensions) {
      if (ext == "*") {
        gtk_file_filter_add_pattern(filter, "*");
        continue;
      }
      // GTK 3's patterns tell case apart; a filter for "png" should show "PHOTO.PNG" too.
      gtk_file_filter_add_pattern(filter, ("*." + ext).c_str());
      if (uppercase(ext) != ext) gtk_file_filter_add_pattern(filter, ("*." + uppercase(ext)).c_str());
    }
    gtk_file_chooser_add_filter(chooser, filter);  // takes the floating reference
  }
}

// Tauri's reading of defaultPath: an existing folder is where the dialog starts; anything else is
// a file in its folder (its name proposed by save, selected by open when it exists). Only where
// the dialog starts: nothing here is granted, whatever folder it names.
void apply_default_path(GtkFileChooser* chooser, const FileDialogOptions& o) {
  if (!o.default_path || o.default_path->empty()) return;
  fs::path path(*o.default_path);
  std::error_code ec;
  if (path.is_absolute() && fs::is_directory(path, ec)) {
    gtk_file_chooser_set_current_folder(chooser, path.c_str());
    return;
  }
  if (path.is_absolute() && path.has_parent_path()) gtk_file_chooser_set_current_folder(chooser, path.parent_path().c_str());
  if (!path.has_filename()) return;
  if (o.save)
    gtk_file_chooser_set_current_name(chooser, path.filename().c_str());
  else if (path.is_absolute() && fs::is_regular_file(path, ec))
    gtk_file_chooser_select_filename(chooser, path.c_str());
}

// The picked paths, or the reason they cannot reach the page.
struct Picked {
  std::vector<std::string> paths;
  std::optional<std::string> error;
};

Picked picked_paths(GtkFileChooser* chooser) {
  Picked out;
  GSList* files = gtk_file_chooser_get_files(chooser);
  for (GSList* l = files; l; l = l->next) {
    gchar* path = g_file_get_path(G_FILE(l->data));
    if (!path)
      out.error = "the picked file is not on a local file system";
    else if (!g_utf8_validate(path, -1, nullptr))
      out.error = "the picked path is not valid UTF-8, and a page receives only UTF-8 text: nothing was returned or granted";
    else
      out.paths.emplace_back(path);
    g_free(path);
  }
  g_slist_free_full(files, g_object_unref);
  return out;
}

void answer(const Chooser& chooser, warden_call* call, warden::Completion& done, Picked picked) {
  if (picked.error) return done.reject(*picked.error);
  if (picked.paths.empty()) return done.resolve(nullptr);
  const FileDialogOptions& o = chooser.options;
  PickKind kind = o.save ? PickKind::saved_file : o.directory ? PickKind::open_folders : PickKind::open_files;
  grant_picked(chooser.call->host(), chooser.host.grants, call, picked.paths, kind, o.recursive);
  if (!o.multiple) return done.resolve(picked.paths.front());
  boost::json::array list;
  for (std::string& p : picked.paths) list.emplace_back(std::move(p));
  done.resolve(std::move(list));
}

// [main-thread] The user answered (GtkFileChooserNative hides itself before this signal).
void on_response(GtkNativeDialog* native, gint response, gpointer data) {
  // Copied: finish() destroys the dialog, and with it (once this signal returns) `data`.
  Chooser chooser = *static_cast<Chooser*>(data);
  Picked picked;
  if (response == GTK_RESPONSE_ACCEPT) picked = picked_paths(GTK_FILE_CHOOSER(native));
  chooser.call->finish([&](warden_call* call, warden::Completion& done) { answer(chooser, call, done, std::move(picked)); });
}

}  // namespace

void show_file_chooser(const std::shared_ptr<DialogCall>& call, const FileDialogOptions& options, DialogHost host) {
  GtkWindow* parent = calling_window(call->host(), host.windows, call->window());
  GtkFileChooserNative* native =
      gtk_file_chooser_native_new(title(options).c_str(), parent, action(options), accept_label(options), "_Cancel");
  gtk_native_dialog_set_modal(GTK_NATIVE_DIALOG(native), TRUE);
  GtkFileChooser* chooser = GTK_FILE_CHOOSER(native);
  gtk_file_chooser_set_local_only(chooser, TRUE);
  gtk_file_chooser_set_select_multiple(chooser, options.multiple && !options.save);
  if (options.save) gtk_file_chooser_set_do_overwrite_confirmation(chooser, TRUE);
  if (options.can_create_directories) gtk_file_chooser_set_create_folders(chooser, *options.can_create_directories);
  add_filters(chooser, options.filters);
  apply_default_path(chooser, options);

  g_signal_connect_data(native, "response", G_CALLBACK(on_response), new Chooser{call, options, host},
                        [](gpointer data, GClosure*) { delete static_cast<Chooser*>(data); }, GConnectFlags{});
  call->set_close([native] {
    gtk_native_dialog_destroy(GTK_NATIVE_DIALOG(native));
    g_object_unref(native);
  });
  gtk_native_dialog_show(GTK_NATIVE_DIALOG(native));
}

}  // namespace warden::dialog_plugin
