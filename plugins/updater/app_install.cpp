#include "app_install.hpp"

#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <system_error>

#include <boost/json.hpp>

#include "start_check.hpp"
#include "update_leftovers.hpp"

namespace warden::updater {
namespace fs = std::filesystem;
namespace json = boost::json;

namespace {

constexpr uintmax_t kMaxConfigBytes = 1 << 20;

const std::string& string_at(const std::vector<std::string>& a, size_t i) {
  if (i >= a.size()) throw std::runtime_error("the host's launch command is not the documented shape");
  return a[i];
}

fs::path existing_folder(const std::string& path) {
  std::error_code ec;
  fs::path canonical = fs::canonical(path, ec);
  if (ec || !fs::is_directory(canonical))
    throw std::runtime_error("the app's folder '" + path + "' from the launch command is not a folder");
  return canonical;
}

json::object read_config(const fs::path& folder) {
  fs::path file = folder / "warden.conf.json";
  std::error_code ec;
  if (!fs::is_regular_file(fs::symlink_status(file, ec)))
    throw ArchiveRefused("the update archive is not a Warden app: it has no warden.conf.json at its top level");
  if (fs::file_size(file, ec) > kMaxConfigBytes) throw ArchiveRefused("the update's warden.conf.json is too large");
  std::ifstream in(file, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  json::parse_options options;
  options.allow_comments = true;
  options.allow_trailing_commas = true;
  json::value root = json::parse(text.str(), ec, {}, options);
  if (ec || !root.is_object()) throw ArchiveRefused("the update's warden.conf.json is not a JSON object");
  return std::move(root.get_object());
}

bool inside(const fs::path& folder, const fs::path& path) {
  fs::path rel = path.lexically_relative(folder);
  return !rel.empty() && *rel.begin() != "..";
}

// A new, empty folder beside the app folder, named after it, owner-only until the swap.
fs::path new_sibling_folder(const fs::path& app_folder) {
  std::string pattern = update_folder_template(app_folder);
  if (!::mkdtemp(pattern.data()))
    throw std::runtime_error("cannot create the update's folder beside the app folder (" +
                             app_folder.parent_path().string() + "): " + std::strerror(errno));
  return pattern;
}

// The app folder's own permission bits go to the new folder, which replaces it.
void copy_folder_mode(const fs::path& from, const fs::path& to) {
  struct stat st {};
  if (::stat(from.c_str(), &st) == 0) ::chmod(to.c_str(), st.st_mode & 0777);
}

void remove_quietly(const fs::path& folder) {
  std::error_code ec;
  fs::remove_all(folder, ec);
}

}  // namespace

AppLocation app_location_of_launch_command(const std::vector<std::string>& a) {
  if (string_at(a, 1) != "run") throw std::runtime_error("the host's launch command is not a `warden run`");
  AppLocation out{existing_folder(string_at(a, 2)), {}, string_at(a, 0)};
  for (size_t i = 3; i < a.size(); i += 2) {
    if (string_at(a, i) != "--plugins") throw std::runtime_error("the host's launch command is not the documented shape");
    out.plugin_folders.push_back(existing_folder(string_at(a, i + 1)));
  }
  return out;
}

SemVer check_archived_app(const fs::path& folder, const RunningApp& app) {
  json::object config = read_config(folder);
  const json::value* id = config.if_contains("identifier");
  if (!id || !id->is_string() || id->get_string() != app.identifier)
    throw ArchiveRefused("the update archive is another app: its identifier is not '" + app.identifier + "'");
  const json::value* version_value = config.if_contains("version");
  auto version = version_value && version_value->is_string() ? parse_semver(version_value->get_string()) : std::nullopt;
  if (!version) throw ArchiveRefused("the update's warden.conf.json has no SemVer version");
  if (!app.allow_downgrades && compare(*version, app.version) <= 0)
    throw ArchiveRefused("the update archive holds version " + version->text() + ", not newer than the running " +
                         app.version.text() + " (the endpoint's JSON is not signed; the archive's version decides)");
  return *version;
}

void check_archived_plugin_folders(const fs::path& folder, const RunningApp& app) {
  for (const fs::path& plugins : app.location.plugin_folders) {
    if (plugins == app.location.folder || !inside(app.location.folder, plugins)) continue;
    fs::path rel = plugins.lexically_relative(app.location.folder);
    std::error_code ec;
    if (!fs::is_directory(fs::symlink_status(folder / rel, ec)))
      throw ArchiveRefused("the update archive has no folder '" + rel.string() +
                           "', where this app's plugins are loaded from: the relaunch would lose them");
  }
}

InstallOutcome install_app_archive(int fd, const RunningApp& app, const ExtractLimits& limits) {
  const fs::path& app_folder = app.location.folder;
  UpdateLock lock(app_folder);
  std::vector<std::string> notes = remove_update_leftovers(app_folder);
  fs::path staging = new_sibling_folder(app_folder);
  SemVer version;
  try {
    extract_app_archive(fd, staging, limits);
    version = check_archived_app(staging, app);
    check_archived_plugin_folders(staging, app);
    check_update_starts(app.location, staging);
    copy_folder_mode(app_folder, staging);
    // The one step that changes what the app folder's path holds: both names always exist.
    if (::renameat2(AT_FDCWD, staging.c_str(), AT_FDCWD, app_folder.c_str(), RENAME_EXCHANGE) != 0)
      throw std::runtime_error("cannot exchange the app folder with the update: " + std::string(std::strerror(errno)));
  } catch (...) {
    remove_quietly(staging);
    throw;
  }
  InstallOutcome outcome{version.text(), std::nullopt, std::move(notes)};
  std::error_code ec;
  fs::remove_all(staging, ec);  // now the old content
  if (ec) outcome.leftover = staging.string();
  return outcome;
}

}  // namespace warden::updater
