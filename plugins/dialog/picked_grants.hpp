// What the user picked in a file dialog becomes the calling window's, as in Tauri: each picked
// path joins the window's fs scope and its asset scope for this run (warden.grants/1). The host
// decides whether this plugin may grant at all (plugins.dialog.grants in the app config) and
// audits each grant; a refusal is logged here and never fails the pick: the page still gets the
// path the user chose, it only cannot read it through those scopes.
#ifndef WARDEN_PLUGINS_DIALOG_PICKED_GRANTS_HPP
#define WARDEN_PLUGINS_DIALOG_PICKED_GRANTS_HPP

#include <string>
#include <vector>

#include <warden/ext/grants.h>
#include <warden/plugin.h>

namespace warden::dialog_plugin {

enum class PickKind {
  open_files,    // open: files
  open_folders,  // open with directory: folders
  saved_file,    // save: one file, which may not exist yet
};

// [any-thread, before `call` completes] `grants` may be null (a host without warden.grants/1):
// nothing is granted, and that is logged once per pick.
void grant_picked(const warden_host* host, const warden_host_grants* grants, warden_call* call,
                  const std::vector<std::string>& paths, PickKind kind, bool recursive);

}  // namespace warden::dialog_plugin

#endif  // WARDEN_PLUGINS_DIALOG_PICKED_GRANTS_HPP
