#pragma once
// Making the app the desktop's handler of its URL schemes, as a Linux desktop keeps it:
// - the handler entry, $XDG_DATA_HOME/applications/<identifier>-handler.desktop
//   (handler_entry.hpp), written atomically and never through a symlink put in its place;
// - the folder's index (update-desktop-database, whose mimeinfo.cache `xdg-mime query` reads
//   when no default is chosen);
// - the user's default, $XDG_CONFIG_HOME/mimeapps.list, which `xdg-mime default` writes and
//   `xdg-mime query default` reads.
// Only the app's own entry and its own lines of mimeapps.list are ever changed. The tools run as
// processes with argv (desktop_tool.hpp). Errors are std::runtime_error saying what failed, with
// paths: for the host's log, not for a page.
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "deep_link_config.hpp"

namespace warden::deep_link_plugin {

struct RegistrationPlaces {
  std::string data_home;    // $XDG_DATA_HOME (or ~/.local/share), absolute
  std::string config_home;  // $XDG_CONFIG_HOME (or ~/.config), absolute
};

struct RegisteredApp {
  std::string identifier;            // a file name ([A-Za-z0-9._-], checked by the caller)
  std::string product_name;
  std::vector<std::string> command;  // what starts the app, the absolute program first
};

class SchemeRegistration {
 public:
  SchemeRegistration(RegistrationPlaces places, RegisteredApp app);

  // The entry's file id, "<identifier>-handler.desktop".
  const std::string& desktop_id() const { return desktop_id_; }

  // The entry lists `scheme` beside the schemes it already listed that `config` still has, the
  // folder is indexed and the entry becomes the default for x-scheme-handler/<scheme>.
  void add(const std::string& scheme, const DeepLinkConfig& config);
  // `scheme` leaves the entry (the file goes with its last scheme) and the user's default for
  // it, when that default is the entry; the folder is indexed again. Nothing to undo is no error.
  void remove(const std::string& scheme, const DeepLinkConfig& config);
  // What `xdg-mime query default x-scheme-handler/<scheme>` names ("" when nothing).
  std::string current_default(const std::string& scheme) const;
  // Whether that is the entry.
  bool is_default(const std::string& scheme) const { return current_default(scheme) == desktop_id_; }

 private:
  std::string applications_folder() const;  // made when missing, canonical
  std::optional<std::string> read_own_entry(const std::string& folder) const;
  void write_entry(const std::string& folder, std::vector<std::string> schemes) const;
  void forget_default(const std::string& scheme) const;
  void index(const std::string& folder) const;

  RegistrationPlaces places_;
  RegisteredApp app_;
  std::string desktop_id_;
  std::mutex mutex_;  // one change of the files at a time
};

}  // namespace warden::deep_link_plugin
