#pragma once
// Where Warden's web-process extension (host/webext, docs/ipc.md "Choice") is, checked at start:
// every IPC call goes through it, so a missing or unloadable one is a startup error that names what
// was looked for, never a run without IPC or with a weaker path.
#include <filesystem>
#include <string>
#include <variant>
#include <vector>

namespace warden::webview {

struct WebExtensionError {
  std::string message;
};

// The folders looked in, in order: `<binary's folder>/webext` (the build tree), then
// `<binary's folder>/<install_reldir>` (after `cmake --install`).
std::vector<std::filesystem::path> web_extension_folders(const std::filesystem::path& binary,
                                                         const std::string& install_reldir);

// [main-thread] The first of `folders` holding the extension library as a regular file that loads
// (dlopen) and has WebKit's entry point; else why not, naming every place looked in.
std::variant<std::filesystem::path, WebExtensionError> find_web_extension(const std::vector<std::filesystem::path>& folders);

// The running binary (/proc/self/exe), or an empty path when it cannot be read.
std::filesystem::path running_binary();

}  // namespace warden::webview
