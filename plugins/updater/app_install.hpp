#pragma once
// Installing a verified update archive in place of the running app's folder (docs/plugins/
// updater.md): extracted into a new folder beside the app folder (the same filesystem), its
// warden.conf.json checked against the running app, then exchanged with the app folder in one
// renameat2(RENAME_EXCHANGE) and the old content removed. Until that exchange the app folder is
// never written; any failure before it removes the new folder. [any-thread] blocking.
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app_archive.hpp"
#include "semver.hpp"

namespace warden::updater {

// Where the running app lives: its folder and the plugin folders of this run (canonical paths),
// and the host binary that relaunches it (asked whether an update would start: start_check.hpp).
struct AppLocation {
  std::filesystem::path folder;
  std::vector<std::filesystem::path> plugin_folders;
  std::filesystem::path host_binary;
};

// warden.app-lifecycle/1's launch_command, as the SDK's find_launch_command reads it: {"<warden>",
// "run", "<app folder>", "--plugins", "<folder>", ...}. Throws std::runtime_error when it is not
// that shape or a folder is missing.
AppLocation app_location_of_launch_command(const std::vector<std::string>& command);

struct RunningApp {
  AppLocation location;
  std::string identifier;
  SemVer version;
  bool allow_downgrades = false;  // plugins.updater.allowDowngrades
};

// The identifier and version of an extracted app folder's warden.conf.json. Throws
// ArchiveRefused when the file is missing (not a Warden app archive), malformed, or names
// another app or a version that is not newer (unless downgrades are allowed).
SemVer check_archived_app(const std::filesystem::path& folder, const RunningApp& app);

// Plugin folders of this run that live inside the app folder must come with the archive, since
// the relaunch loads them from there; a folder outside is never touched. Throws ArchiveRefused.
void check_archived_plugin_folders(const std::filesystem::path& folder, const RunningApp& app);

struct InstallOutcome {
  std::string version;                      // the installed version
  std::optional<std::string> leftover;      // the old content's folder when it could not be removed
  std::vector<std::string> notes;           // earlier runs' leftovers removed (or left, and why)
};

// Takes the app's update lock (another run of the app installing: refused), removes what killed
// runs left beside the app folder, extracts the archive read from `fd`, checks it, asks the host
// whether it would start with this run's plugin folders (UpdateWouldNotStart) and swaps it in. Throws ArchiveRefused (or std::runtime_error for a filesystem failure or a held lock) with
// the app folder untouched.
InstallOutcome install_app_archive(int fd, const RunningApp& app, const ExtractLimits& limits = {});

}  // namespace warden::updater
