#pragma once
// Whether opening a file would run code rather than show a document. A page that can write a file
// (the fs plugin) and then open it (open_path) would otherwise run anything: an executable file is
// started by some desktops' handlers, a .desktop file is a launcher whose Exec line runs, a .jar or
// a Windows program has a handler (java, wine) on many systems. open_path refuses these unless the
// path entry that allowed the path says "executables": true.
#include <optional>
#include <string>

namespace warden::opener_plugin {

// Why the file at the canonical `path` launches code (names the reason), or nullopt when it is a
// document, a folder or does not exist. [any-thread] Looks at the file itself (no symlink
// followed: the path is canonical): any execute bit of a regular file, a name ending in
// ".desktop", and GIO's content type (sniffed from the name and the first bytes), so a launcher
// under another name is found too.
std::optional<std::string> launches_code(const std::string& path);

}  // namespace warden::opener_plugin
