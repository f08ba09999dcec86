#include "webview/web_extension.hpp"

#include <dlfcn.h>

#include <system_error>

#include "ipc/native_message.hpp"

namespace warden::webview {

std::vector<std::filesystem::path> web_extension_folders(const std::filesystem::path& binary,
                                                         const std::string& install_reldir) {
  std::filesystem::path dir = binary.parent_path();
  return {dir / "webext", (dir / install_reldir).lexically_normal()};
}

std::variant<std::filesystem::path, WebExtensionError> find_web_extension(const std::vector<std::filesystem::path>& folders) {
  std::string looked;
  for (const auto& folder : folders) {
    std::filesystem::path file = folder / ipc::kExtensionFileName;
    looked += (looked.empty() ? "" : ", ") + file.string();
    std::error_code ec;
    if (!std::filesystem::is_regular_file(file, ec)) continue;
    // Loaded here once to prove that the web process will load it (the same WebKit library is in
    // this process already); WebKit itself says nothing when an extension fails to load.
    void* handle = dlopen(file.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (!handle)
      return WebExtensionError{"Warden's web extension " + file.string() + " does not load: " + dlerror()};
    bool entry = dlsym(handle, "webkit_web_extension_initialize_with_user_data") != nullptr;
    dlclose(handle);
    if (!entry) return WebExtensionError{"Warden's web extension " + file.string() + " has no WebKit entry point"};
    return folder;
  }
  return WebExtensionError{"Warden's web extension is missing (looked for " + looked +
                           "): without it no page can call the host"};
}

std::filesystem::path running_binary() {
  std::error_code ec;
  auto path = std::filesystem::read_symlink("/proc/self/exe", ec);
  return ec ? std::filesystem::path() : path;
}

}  // namespace warden::webview
