#include "path_commands.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>

#include <boost/json.hpp>

#include "atomic_write.hpp"
#include "deny_reach.hpp"
#include "file_info.hpp"

namespace warden::fs_plugin {
namespace json = boost::json;
namespace {

// A folder opened for listing, closed with its DIR*.
struct Listing {
  DIR* dir = nullptr;
  explicit Listing(Fd fd, const std::string& what) {
    dir = ::fdopendir(fd.get());
    if (!dir) throw_errno("cannot list", what, errno);
    fd.release();
  }
  ~Listing() {
    if (dir) ::closedir(dir);
  }
  Listing(const Listing&) = delete;
  Listing& operator=(const Listing&) = delete;
};

bool is_dot(const char* name) { return name[0] == '.' && (name[1] == 0 || (name[1] == '.' && name[2] == 0)); }

// Removes everything inside the folder `fd`, never following a symlink (a link is removed, not
// what it points to).
void remove_contents(int fd, const std::string& what) {
  Fd listing_fd(::openat(fd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (!listing_fd) throw_errno("cannot list", what, errno);
  Listing listing(std::move(listing_fd), what);
  while (dirent* e = ::readdir(listing.dir)) {
    if (is_dot(e->d_name)) continue;
    struct stat st {};
    if (::fstatat(fd, e->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0) throw_errno("cannot examine", what + "/" + e->d_name, errno);
    if (S_ISDIR(st.st_mode)) {
      Fd child(::openat(fd, e->d_name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
      if (!child) throw_errno("cannot open", what + "/" + e->d_name, errno);
      remove_contents(child.get(), what + "/" + e->d_name);
      if (::unlinkat(fd, e->d_name, AT_REMOVEDIR) != 0) throw_errno("cannot remove", what + "/" + e->d_name, errno);
    } else if (::unlinkat(fd, e->d_name, 0) != 0) {
      throw_errno("cannot remove", what + "/" + e->d_name, errno);
    }
  }
}

std::uint64_t size_of_contents(int fd, const std::string& what) {
  Fd listing_fd(::openat(fd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (!listing_fd) throw_errno("cannot list", what, errno);
  Listing listing(std::move(listing_fd), what);
  std::uint64_t total = 0;
  while (dirent* e = ::readdir(listing.dir)) {
    if (is_dot(e->d_name)) continue;
    struct stat st {};
    if (::fstatat(fd, e->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0) continue;  // gone meanwhile
    if (S_ISDIR(st.st_mode)) {
      Fd child(::openat(fd, e->d_name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
      if (child) total += size_of_contents(child.get(), what + "/" + e->d_name);
    } else if (S_ISREG(st.st_mode)) {
      total += static_cast<std::uint64_t>(st.st_size);
    }
  }
  return total;
}

// The denies of the call, read only by the commands that act on a whole folder.
DenyReach denies_of(const Access& access) {
  if (access.scopes_json.empty()) refuse_scope("the call carries no scopes to read its denies from");
  return DenyReach::from_scopes(access.scopes_json, access.resolve, access.canonical);
}

// Refuses to act on the folder `path` as a whole (`what`) when a deny could match anything
// below it: renaming, removing, listing or watching it would hand over what the deny hides.
void refuse_if_deny_below(const Access& access, const std::string& path, const char* what) {
  if (denies_of(access).reaches_below(path))
    refuse_scope(std::string(what) + " '" + path + "': a deny of the scope could match something inside it");
}

// Refuses when an entry that exists below the folder `fd` (`what`) is out of the call's scope:
// the host's check also refuses folders that belong to the host or another plugin (the log
// folder inside $APPDATA), which no deny pattern names. Links are neither followed nor judged:
// moving or removing a link leaves its target alone.
void refuse_if_out_of_scope_inside(int fd, const std::string& what, const Access& access) {
  Fd listing_fd(::openat(fd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (!listing_fd) throw_errno("cannot list", what, errno);
  Listing listing(std::move(listing_fd), what);
  while (dirent* e = ::readdir(listing.dir)) {
    if (is_dot(e->d_name)) continue;
    std::string entry = what + "/" + e->d_name;
    struct stat st {};
    if (::fstatat(fd, e->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0) throw_errno("cannot examine", entry, errno);
    if (S_ISLNK(st.st_mode)) continue;
    if (!access.in_scope(entry)) refuse_scope("acting on '" + what + "' as a whole: '" + entry + "' inside it is out of scope");
    if (S_ISDIR(st.st_mode)) {
      Fd child(::openat(fd, e->d_name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
      if (!child) throw_errno("cannot open", entry, errno);
      refuse_if_out_of_scope_inside(child.get(), entry, access);
    }
  }
}

bool is_folder(const ScopedPath& path) {
  Fd folder = path.open_folder();
  struct stat st {};
  if (::fstatat(folder.get(), path.name().empty() ? "." : path.name().c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0) {
    if (errno == ENOENT) return false;
    throw_errno("cannot examine", path.full(), errno);
  }
  return S_ISDIR(st.st_mode);
}

}  // namespace

Bytes read_all(int fd, const std::string& what) {
  Bytes out;
  std::uint8_t buffer[65536];
  for (;;) {
    ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n < 0) {
      if (errno == EINTR) continue;
      throw_errno("cannot read", what, errno);
    }
    if (n == 0) return out;
    out.insert(out.end(), buffer, buffer + n);
  }
}

Bytes read_file(const json::value& args, const Access& access) {
  auto path = scoped_arg(args, "path", "baseDir", Reach::target, access);
  Fd fd = path.open(O_RDONLY);
  return read_all(fd.get(), path.full());
}

json::value read_dir(const json::value& args, const Access& access) {
  auto path = scoped_arg(args, "path", "baseDir", Reach::target, access);
  // A deny `X/**` leaves X itself allowed (it may be created, stat'ed), but its listing would
  // show exactly the names the deny hides: refused. Entries a deny names are left out.
  DenyReach denies = denies_of(access);
  if (denies.covers_every_entry(path.full()))
    refuse_scope("listing '" + path.full() + "': a deny of the scope covers every entry in it");
  Listing listing(path.open(O_RDONLY | O_DIRECTORY), path.full());
  int fd = ::dirfd(listing.dir);
  json::array entries;
  const std::string prefix = path.full() == "/" ? "" : path.full();
  while (dirent* e = ::readdir(listing.dir)) {
    if (is_dot(e->d_name)) continue;
    if (denies.matches(prefix + "/" + e->d_name)) continue;
    struct stat st {};
    if (::fstatat(fd, e->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0) continue;  // removed meanwhile
    bool link = S_ISLNK(st.st_mode);
    struct stat target = st;
    if (link && ::fstatat(fd, e->d_name, &target, 0) != 0) target = st;  // a broken link stays a link
    entries.push_back(json::object{{"name", e->d_name},
                                   {"isDirectory", S_ISDIR(target.st_mode) && !link},
                                   {"isFile", S_ISREG(target.st_mode) && !link},
                                   {"isSymlink", link}});
  }
  return entries;
}

json::value stat_path(const json::value& args, const Access& access, bool follow) {
  auto path = scoped_arg(args, "path", "baseDir", follow ? Reach::target : Reach::entry, access);
  return file_info(path, follow);
}

bool exists(const json::value& args, const Access& access) {
  auto path = scoped_arg(args, "path", "baseDir", Reach::target, access);
  Fd folder;
  try {
    folder = path.open_folder();
  } catch (const std::system_error& e) {
    if (e.code().value() == ENOENT || e.code().value() == ENOTDIR) return false;
    throw;
  }
  struct stat st {};
  if (::fstatat(folder.get(), path.name().empty() ? "." : path.name().c_str(), &st, AT_SYMLINK_NOFOLLOW) == 0) return true;
  if (errno == ENOENT) return false;
  throw_errno("cannot examine", path.full(), errno);
}

std::uint64_t size(const json::value& args, const Access& access) {
  auto path = scoped_arg(args, "path", "baseDir", Reach::target, access);
  Fd fd = path.open(O_RDONLY);
  struct stat st {};
  if (::fstat(fd.get(), &st) != 0) throw_errno("cannot examine", path.full(), errno);
  if (!S_ISDIR(st.st_mode)) return static_cast<std::uint64_t>(st.st_size);
  refuse_if_deny_below(access, path.full(), "the size of the folder");
  return size_of_contents(fd.get(), path.full());
}

void mkdir(const json::value& args, const Access& access) {
  const auto& options = options_arg(args);
  auto path = scoped_arg(args, "path", "baseDir", Reach::target, access);
  auto requested = unsigned_option(options, "mode");
  mode_t mode = requested ? checked_mode(*requested, "mode") : 0777;
  if (!bool_option(options, "recursive").value_or(false)) {
    Fd folder = path.open_folder();
    if (::mkdirat(folder.get(), path.name().c_str(), mode) != 0) throw_errno("cannot create folder", path.full(), errno);
    return;
  }
  // Walk down from the root without following links, creating what is missing.
  std::string full = path.full();
  Fd current = open_folder_no_symlinks("/");
  std::string walked;
  for (std::size_t start = 1; start <= full.size();) {
    std::size_t end = full.find('/', start);
    if (end == std::string::npos) end = full.size();
    std::string part = full.substr(start, end - start);
    start = end + 1;
    if (part.empty()) continue;
    walked += "/" + part;
    if (::mkdirat(current.get(), part.c_str(), mode) != 0 && errno != EEXIST) throw_errno("cannot create folder", walked, errno);
    Fd next(::openat(current.get(), part.c_str(), O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
    if (!next) throw_errno("cannot create folder", walked, errno == ELOOP ? ENOTDIR : errno);
    current = std::move(next);
  }
}

void remove(const json::value& args, const Access& access) {
  auto path = scoped_arg(args, "path", "baseDir", Reach::entry, access);
  if (path.name().empty()) throw std::runtime_error("refusing to remove the root folder");
  Fd folder = path.open_folder();
  struct stat st {};
  if (::fstatat(folder.get(), path.name().c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0) throw_errno("cannot remove", path.full(), errno);
  if (!S_ISDIR(st.st_mode)) {
    if (::unlinkat(folder.get(), path.name().c_str(), 0) != 0) throw_errno("cannot remove", path.full(), errno);
    return;
  }
  if (bool_option(options_arg(args), "recursive").value_or(false)) {
    refuse_if_deny_below(access, path.full(), "removing the folder");
    Fd dir(::openat(folder.get(), path.name().c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
    if (!dir) throw_errno("cannot open", path.full(), errno);
    refuse_if_out_of_scope_inside(dir.get(), path.full(), access);
    remove_contents(dir.get(), path.full());
  }
  if (::unlinkat(folder.get(), path.name().c_str(), AT_REMOVEDIR) != 0) throw_errno("cannot remove", path.full(), errno);
}

void rename(const json::value& args, const Access& access) {
  auto from = scoped_arg(args, "oldPath", "oldPathBaseDir", Reach::entry, access);
  auto to = scoped_arg(args, "newPath", "newPathBaseDir", Reach::entry, access);
  if (from.name().empty() || to.name().empty()) throw std::runtime_error("cannot rename the root folder");
  // A folder carries everything below it to the new name: a deny below either name would be
  // bypassed (`work/confidential/**` denied, `work` renamed to `work2`), or new content put
  // under it. What replaces an existing folder at the destination is judged the same way.
  if (is_folder(from) || is_folder(to)) {
    refuse_if_deny_below(access, from.full(), "renaming the folder");
    refuse_if_deny_below(access, to.full(), "renaming a folder to");
  }
  Fd from_folder = from.open_folder();
  if (is_folder(from)) {
    Fd dir(::openat(from_folder.get(), from.name().c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
    if (!dir) throw_errno("cannot open", from.full(), errno);
    refuse_if_out_of_scope_inside(dir.get(), from.full(), access);
  }
  Fd to_folder = to.open_folder();
  if (::renameat(from_folder.get(), from.name().c_str(), to_folder.get(), to.name().c_str()) != 0)
    throw_errno("cannot rename '" + from.full() + "' to", to.full(), errno);
}

void copy_file(const json::value& args, const Access& access) {
  auto from = scoped_arg(args, "fromPath", "fromPathBaseDir", Reach::target, access);
  auto to = scoped_arg(args, "toPath", "toPathBaseDir", Reach::target, access);
  Fd source = from.open(O_RDONLY);
  struct stat st {};
  if (::fstat(source.get(), &st) != 0) throw_errno("cannot examine", from.full(), errno);
  if (!S_ISREG(st.st_mode)) throw std::runtime_error("cannot copy '" + from.full() + "': not a regular file");
  Bytes data = read_all(source.get(), from.full());
  WriteMode how;
  how.mode = st.st_mode & 0777;  // a copy never carries setuid, setgid or sticky
  write_file(to, data, how);
}

void truncate(const json::value& args, const Access& access) {
  auto path = scoped_arg(args, "path", "baseDir", Reach::target, access);
  std::uint64_t len = 0;
  if (const auto* v = object_arg(args).if_contains("len"); v && !v->is_null()) len = unsigned_arg(args, "len");
  Fd fd = path.open(O_WRONLY);
  if (::ftruncate(fd.get(), static_cast<off_t>(len)) != 0) throw_errno("cannot truncate", path.full(), errno);
}

void write_file(const json::value& args, std::span<const std::uint8_t> data, const Access& access) {
  const auto& options = options_arg(args);
  WriteMode how;
  how.append = bool_option(options, "append").value_or(false);
  how.create = bool_option(options, "create").value_or(true);
  how.create_new = bool_option(options, "createNew").value_or(false);
  if (auto mode = unsigned_option(options, "mode")) how.mode = checked_mode(*mode, "mode");
  auto path = scoped_arg(args, "path", "baseDir", Reach::target, access);
  fs_plugin::write_file(path, data, how);
}

}  // namespace warden::fs_plugin
