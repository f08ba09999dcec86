#include "cli/single_instance_directory.hpp"

#include <sys/stat.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <stdexcept>

namespace warden::cli {
namespace fs = std::filesystem;

namespace {

std::string mode_text(mode_t mode) {
  char out[8];
  std::snprintf(out, sizeof out, "%04o", static_cast<unsigned>(mode & 07777));
  return out;
}

[[noreturn]] void refuse(const fs::path& dir, const std::string& what) {
  throw std::runtime_error("single instance: " + dir.string() + ": " + what +
                           " (the folder of this user's instance sockets must be a directory of its own, mode 0700; "
                           "fix or remove it)");
}

// XDG_RUNTIME_DIR is the session's to set, not ours to fix.
[[noreturn]] void refuse_runtime_dir(const fs::path& dir, const std::string& what) {
  throw std::runtime_error("single instance: XDG_RUNTIME_DIR " + dir.string() + " " + what +
                           " (it must be this user's own folder, mode 0700, as the XDG base directory specification "
                           "says; unset it to use /tmp/warden-<uid>)");
}

}  // namespace

std::optional<std::string> private_directory_problem(const fs::path& dir, uid_t uid) {
  struct stat st{};
  if (::lstat(dir.c_str(), &st) != 0) return std::string("cannot be read: ") + std::strerror(errno);
  if (S_ISLNK(st.st_mode)) return std::string("is a symbolic link");
  if (!S_ISDIR(st.st_mode)) return std::string("is not a directory");
  if (st.st_uid != uid)
    return "belongs to uid " + std::to_string(st.st_uid) + ", not to this user (uid " + std::to_string(uid) + ")";
  if (st.st_mode & 077) return "has mode " + mode_text(st.st_mode) + ": group or others may enter it";
  return std::nullopt;
}

void make_private_directory(const fs::path& dir, uid_t uid) {
  if (::mkdir(dir.c_str(), 0700) != 0 && errno != EEXIST) refuse(dir, std::string("cannot be made: ") + std::strerror(errno));
  if (auto problem = private_directory_problem(dir, uid)) refuse(dir, *problem);
}

fs::path instances_directory(const char* runtime_dir, uid_t uid) {
  if (runtime_dir && *runtime_dir) {
    fs::path base(runtime_dir);
    if (!base.is_absolute()) refuse_runtime_dir(base, "is not an absolute path");
    // The session's folder (the XDG spec: the user's, mode 0700). Ours to check, not to make: a
    // folder that others may write to would let them swap warden/ for their own.
    struct stat st{};
    if (::lstat(base.c_str(), &st) != 0) refuse_runtime_dir(base, std::string("cannot be read: ") + std::strerror(errno));
    if (!S_ISDIR(st.st_mode)) refuse_runtime_dir(base, "is not a directory (or is a symbolic link)");
    if (st.st_uid != uid) refuse_runtime_dir(base, "belongs to uid " + std::to_string(st.st_uid) + ", not to this user");
    if (st.st_mode & 022) refuse_runtime_dir(base, "has mode " + mode_text(st.st_mode) + ": others may write to it");
    make_private_directory(base / "warden", uid);
    make_private_directory(base / "warden" / "instances", uid);
    return base / "warden" / "instances";
  }
  // /tmp is everyone's: warden-<uid> may already be someone else's (made there to catch our
  // sockets), which the check refuses. Its owner alone can remove it (/tmp is sticky), so the
  // message says how to go on without it.
  fs::path base = fs::path("/tmp") / ("warden-" + std::to_string(uid));
  try {
    make_private_directory(base, uid);
  } catch (const std::runtime_error& e) {
    throw std::runtime_error(std::string(e.what()) +
                             "; with XDG_RUNTIME_DIR set to a folder of this user's (a desktop session sets it) "
                             "Warden does not use /tmp");
  }
  make_private_directory(base / "instances", uid);
  return base / "instances";
}

std::optional<std::string> instance_name_problem(std::string_view identifier) {
  if (identifier.empty()) return std::string("is empty");
  if (identifier.size() > 200) return std::string("is longer than 200 bytes");
  if (identifier.front() == '.') return std::string("starts with '.'");
  for (char c : identifier) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_';
    if (ok) continue;
    char shown[8];
    auto byte = static_cast<unsigned char>(c);
    if (byte > ' ' && byte < 0x7f) std::snprintf(shown, sizeof shown, "'%c'", c);
    else std::snprintf(shown, sizeof shown, "0x%02x", byte);  // a space, a control or a non-ASCII byte
    return std::string("has ") + shown + ": only letters, digits, '.', '-' and '_' may name the instance socket";
  }
  return std::nullopt;
}

}  // namespace warden::cli
