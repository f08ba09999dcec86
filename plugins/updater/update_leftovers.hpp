#pragma once
// The folders an install creates beside the app folder (".<app folder name>.update-XXXXXX",
// app_install.cpp), and what a run killed mid-extraction leaves of them. The next install of the
// same app removes such leftovers, while it holds the app's update lock, so that no other run
// is writing into one (docs/plugins/updater.md, "Leftovers"). [any-thread] blocking.
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include <warden/scoped_file.hpp>

namespace warden::updater {

// The name pattern mkdtemp fills in ("XXXXXX": six letters or digits).
std::string update_folder_template(const std::filesystem::path& app_folder);
// Whether `name` is one of those names for this app folder (exactly: the prefix and six
// letters or digits, nothing more).
bool is_update_folder_name(std::string_view name, const std::filesystem::path& app_folder);

// The app's update lock: flock on the app folder itself (no file of its own to leave behind).
// Taken without waiting; throws std::runtime_error when another run of this app holds it. Held
// until the object goes. Within one run, installs are already one at a time.
class UpdateLock {
 public:
  explicit UpdateLock(const std::filesystem::path& app_folder);

 private:
  FileDescriptor folder_;
};

// Removes the leftover update folders beside `app_folder`: only names matching the pattern, only
// real folders (a symlink with such a name is left alone, never followed) owned by this user on
// the app folder's filesystem, their content removed through directory descriptors (openat with
// O_NOFOLLOW, unlinkat) so that nothing outside them is reached. Call with the UpdateLock held.
// Returns one line per folder: removed, or why it stays.
std::vector<std::string> remove_update_leftovers(const std::filesystem::path& app_folder);

}  // namespace warden::updater
