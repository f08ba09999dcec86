#include "update_leftovers.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace warden::updater {
namespace fs = std::filesystem;

namespace {

// ASCII only: std::isalnum follows the process locale, which GTK sets from the user's.
bool ascii_alnum(unsigned char c) { return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }

constexpr int kMaxDepth = 512;  // deeper than any extracted app; a deeper tree is left, with a note

std::string prefix_of(const fs::path& app_folder) { return "." + app_folder.filename().string() + ".update-"; }

std::string errno_text(int error) { return std::strerror(error); }

// Empties the folder open as `dir` (on device `dev`) and returns 0, or the errno that stopped it.
// Symlinks and files are unlinked, never followed; sub-folders are opened O_NOFOLLOW relative to
// their parent, so a name swapped for a symlink meanwhile fails (ELOOP/ENOTDIR) instead of leading
// elsewhere; another filesystem mounted inside is not entered.
int empty_folder(int dir, dev_t dev, int depth) {
  if (depth > kMaxDepth) return ELOOP;
  int listing_fd = ::dup(dir);
  if (listing_fd < 0) return errno;
  DIR* listing = ::fdopendir(listing_fd);
  if (!listing) {
    int error = errno;
    ::close(listing_fd);
    return error;
  }
  int result = 0;
  while (dirent* e = ::readdir(listing)) {
    std::string_view name = e->d_name;
    if (name == "." || name == "..") continue;
    struct stat st {};
    if (::fstatat(dir, e->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0) continue;  // gone meanwhile
    if (S_ISDIR(st.st_mode)) {
      if (st.st_dev != dev) {
        result = EXDEV;
        continue;
      }
      int sub = ::openat(dir, e->d_name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
      if (sub < 0) {
        result = errno;
        continue;
      }
      ::fchmod(sub, 0700);  // ours (the same owner checked at the top): enterable and emptiable
      int error = empty_folder(sub, dev, depth + 1);
      ::close(sub);
      if (error) {
        result = error;
        continue;
      }
      if (::unlinkat(dir, e->d_name, AT_REMOVEDIR) != 0) result = errno;
    } else if (::unlinkat(dir, e->d_name, 0) != 0 && errno != ENOENT) {
      result = errno;
    }
  }
  ::closedir(listing);
  return result;
}

// One leftover: checked (a folder, ours, this filesystem), emptied, removed.
std::string remove_leftover(int parent, const std::string& name, dev_t app_dev) {
  struct stat st {};
  if (::fstatat(parent, name.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0) return name + ": gone already";
  if (!S_ISDIR(st.st_mode)) return name + ": left alone, not a folder";
  if (st.st_uid != ::geteuid()) return name + ": left alone, owned by another user";
  if (st.st_dev != app_dev) return name + ": left alone, on another filesystem";
  FileDescriptor dir(::openat(parent, name.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
  if (!dir) return name + ": left alone, cannot open it: " + errno_text(errno);
  struct stat opened {};
  if (::fstat(dir.get(), &opened) != 0 || opened.st_ino != st.st_ino || opened.st_dev != st.st_dev)
    return name + ": left alone, it changed while it was checked";
  // The owner may always enter and empty its own folder, even one extracted without those bits.
  ::fchmod(dir.get(), 0700);
  if (int error = empty_folder(dir.get(), st.st_dev, 0)) return name + ": not fully removed: " + errno_text(error);
  if (::unlinkat(parent, name.c_str(), AT_REMOVEDIR) != 0) return name + ": not removed: " + errno_text(errno);
  return name + ": removed (left by a run that ended mid-install)";
}

}  // namespace

std::string update_folder_template(const fs::path& app_folder) {
  return (app_folder.parent_path() / (prefix_of(app_folder) + "XXXXXX")).string();
}

bool is_update_folder_name(std::string_view name, const fs::path& app_folder) {
  std::string prefix = prefix_of(app_folder);
  if (name.size() != prefix.size() + 6 || name.substr(0, prefix.size()) != prefix) return false;
  for (unsigned char c : name.substr(prefix.size()))
    if (!ascii_alnum(c)) return false;
  return true;
}

UpdateLock::UpdateLock(const fs::path& app_folder)
    : folder_(::open(app_folder.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)) {
  if (!folder_) throw std::runtime_error("cannot open the app folder " + app_folder.string() + ": " + errno_text(errno));
  if (::flock(folder_.get(), LOCK_EX | LOCK_NB) != 0) {
    if (errno == EWOULDBLOCK)
      throw std::runtime_error("another run of this app is installing an update (it holds the lock on " +
                               app_folder.string() + "): try again when it has ended");
    throw std::runtime_error("cannot lock the app folder " + app_folder.string() + ": " + errno_text(errno));
  }
}

std::vector<std::string> remove_update_leftovers(const fs::path& app_folder) {
  std::vector<std::string> notes;
  struct stat app {};
  if (::stat(app_folder.c_str(), &app) != 0) return notes;
  FileDescriptor parent(::open(app_folder.parent_path().c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (!parent) return notes;
  std::vector<std::string> names;
  {
    int listing_fd = ::dup(parent.get());
    DIR* listing = listing_fd >= 0 ? ::fdopendir(listing_fd) : nullptr;
    if (!listing) {
      if (listing_fd >= 0) ::close(listing_fd);
      return notes;
    }
    while (dirent* e = ::readdir(listing))
      if (is_update_folder_name(e->d_name, app_folder)) names.emplace_back(e->d_name);
    ::closedir(listing);
  }
  for (const std::string& name : names) notes.push_back(remove_leftover(parent.get(), name, app.st_dev));
  return notes;
}

}  // namespace warden::updater
