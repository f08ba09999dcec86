#pragma once
// The entry's file, $XDG_CONFIG_HOME/autostart/<identifier>.desktop: written atomically (a
// temporary file in the same folder, synced, renamed over), read and removed without following
// a symlink put in its place.
#include <optional>
#include <string>

namespace warden::autostart_plugin {

class AutostartFile {
 public:
  // `config_home`: the absolute $XDG_CONFIG_HOME (or ~/.config); `identifier`: the file's name
  // (already checked by warden/desktop_entry.hpp's is_file_name_identifier).
  AutostartFile(std::string config_home, const std::string& identifier);

  const std::string& path() const { return path_; }
  // Writes `text` in place of the file (creating the autostart folder, 0700, when missing).
  // Throws std::system_error naming the file.
  void write(const std::string& text) const;
  // The content of the file when it is a regular file; nullopt when there is none (or a symlink,
  // a folder, ...: never ours).
  std::optional<std::string> read() const;
  // Removes the file. Throws std::system_error naming it (not for a file already gone).
  void remove() const;

 private:
  std::string folder_;
  std::string path_;
};

}  // namespace warden::autostart_plugin
