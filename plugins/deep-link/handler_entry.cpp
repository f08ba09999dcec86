#include "handler_entry.hpp"

#include <warden/desktop_entry.hpp>

namespace de = warden::desktop_entry;

namespace warden::deep_link_plugin {
namespace {

constexpr std::string_view kMimePrefix = "x-scheme-handler/";

}  // namespace

std::string handler_file_name(const std::string& identifier) { return identifier + "-handler.desktop"; }

std::string handler_entry_text(const HandlerEntry& e) {
  std::vector<std::string> command = e.command;
  command.emplace_back("--");
  std::string mime;
  for (const std::string& scheme : e.schemes) mime += std::string(kMimePrefix) + scheme + ";";
  std::string text = "[Desktop Entry]\n";
  text += "Type=Application\n";
  // 1.4, as the autostart entry: desktop-file-validate of Debian 12 refuses Version=1.5.
  text += "Version=1.4\n";
  text += de::product_name_line(e.name) + "\n";
  // %u after the quoted command: the desktop puts the one URL there as a single argument.
  text += "Exec=" + de::exec_value(command) + " %u\n";
  text += "Terminal=false\n";
  text += "NoDisplay=true\n";
  text += "MimeType=" + mime + "\n";
  text += de::owner_line(e.identifier) + "\n";
  return text;
}

bool is_handler_entry_of(std::string_view text, std::string_view identifier) {
  return de::has_owner_line(text, identifier);
}

std::vector<std::string> handler_entry_schemes(std::string_view text) {
  std::vector<std::string> schemes;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(pos, end - pos);
    pos = end + 1;
    if (!line.starts_with("MimeType=")) continue;
    line.remove_prefix(9);
    while (!line.empty()) {
      std::size_t semicolon = line.find(';');
      std::string_view item = line.substr(0, semicolon);
      if (item.starts_with(kMimePrefix)) schemes.emplace_back(item.substr(kMimePrefix.size()));
      if (semicolon == std::string_view::npos) break;
      line.remove_prefix(semicolon + 1);
    }
  }
  return schemes;
}

}  // namespace warden::deep_link_plugin
