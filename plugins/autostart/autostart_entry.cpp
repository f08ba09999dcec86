#include "autostart_entry.hpp"

#include <warden/desktop_entry.hpp>

namespace de = warden::desktop_entry;

namespace warden::autostart_plugin {

std::string entry_text(const EntryContent& c) {
  std::string text = "[Desktop Entry]\n";
  text += "Type=Application\n";
  // 1.4: the Exec and string rules written here are the same in 1.5, and desktop-file-validate of
  // Debian 12 (desktop-file-utils 0.26) refuses a Version it does not know, 1.5 among them.
  text += "Version=1.4\n";
  text += de::product_name_line(c.name) + "\n";
  text += "Exec=" + de::exec_value(c.command) + "\n";
  text += "Terminal=false\n";
  text += "X-GNOME-Autostart-enabled=true\n";
  text += de::owner_line(c.identifier) + "\n";
  return text;
}

bool is_entry_of(std::string_view text, std::string_view identifier) {
  return de::has_owner_line(text, identifier);
}

}  // namespace warden::autostart_plugin
