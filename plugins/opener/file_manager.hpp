#pragma once
// Reveals items in the desktop's file manager through the org.freedesktop.FileManager1 D-Bus
// interface on the session bus (ShowItems: the folder of each item opens with the item selected;
// Nautilus, Dolphin, Nemo, Thunar, Caja and PCManFM implement it). When no service owns or can
// be activated for that name, the folder of the first item opens in the default application for
// folders instead, as Tauri falls back to showing the folder.
#include <string>
#include <vector>

namespace warden::opener_plugin {

enum class Revealed { by_file_manager, by_folder };

// [any-thread] `uris` are file:// URIs of canonical paths (uri_launcher.hpp's file_uri);
// `first_folder_uri` the URI of the first one's folder, for the fallback. Blocks for the D-Bus
// call (at most a few seconds). Returns how the items were shown (by_folder: `why_folder` says why
// the file manager was not asked, for the log). Throws LaunchFailed (uri_launcher.hpp) when
// neither works, or the file manager answered with an error.
Revealed reveal_items(const std::vector<std::string>& uris, const std::string& first_folder_uri,
                      std::string& why_folder);

}  // namespace warden::opener_plugin
