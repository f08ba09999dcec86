#include "picked_grants.hpp"

#include <cstdint>

namespace warden::dialog_plugin {
namespace {

void log(const warden_host* host, warden_log_level level, const std::string& line) {
  if (host && host->log) host->log(host, level, line.c_str());
}

void grant_one(const warden_host* host, const warden_host_grants* grants, warden_call* call, const char* scope,
               const std::string& path, std::uint32_t flags) {
  char* reason = nullptr;
  int granted = grants->grant_path(call, scope, path.c_str(), flags, &reason);
  if (granted != 1) {
    log(host, WARDEN_LOG_WARN,
        std::string("the picked path was not granted to the window's ") + scope + " scope: " +
            (reason ? reason : "the host gave no reason") + " (path: " + path + ")");
  }
  if (reason) host->free_string(host, reason);
}

}  // namespace

void grant_picked(const warden_host* host, const warden_host_grants* grants, warden_call* call,
                  const std::vector<std::string>& paths, PickKind kind, bool recursive) {
  if (paths.empty()) return;
  if (!grants) {
    log(host, WARDEN_LOG_WARN, "this host has no " WARDEN_EXT_GRANTS ": the picked paths were not granted to the window");
    return;
  }
  for (const std::string& path : paths) {
    // Tauri's rules: the fs scope gets a folder with its entries, or with everything below it
    // when the page asked for `recursive`; the asset scope gets a picked folder with everything
    // below it; a file is granted as itself in both.
    bool folder = kind == PickKind::open_folders;
    grant_one(host, grants, call, "fs", path, folder && recursive ? WARDEN_GRANT_RECURSIVE : 0);
    grant_one(host, grants, call, "asset", path, folder ? WARDEN_GRANT_RECURSIVE : 0);
  }
}

}  // namespace warden::dialog_plugin
