#include "autostart_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <system_error>
#include <vector>

namespace warden::autostart_plugin {
namespace {

[[noreturn]] void fail(const std::string& what) { throw std::system_error(errno, std::generic_category(), what); }

void make_folders(const std::string& folder) {
  std::string partial;
  std::size_t pos = 0;
  while (pos != std::string::npos) {
    pos = folder.find('/', pos + 1);
    partial = folder.substr(0, pos);
    if (::mkdir(partial.c_str(), 0700) != 0 && errno != EEXIST) fail("cannot create " + partial);
  }
}

}  // namespace

AutostartFile::AutostartFile(std::string config_home, const std::string& identifier)
    : folder_(std::move(config_home) + "/autostart"), path_(folder_ + "/" + identifier + ".desktop") {}

void AutostartFile::write(const std::string& text) const {
  make_folders(folder_);
  std::string temporary = path_ + ".XXXXXX";
  std::vector<char> name(temporary.begin(), temporary.end());
  name.push_back('\0');
  int fd = ::mkstemp(name.data());
  if (fd < 0) fail("cannot create a temporary file beside " + path_);
  auto give_up = [&](const std::string& what) {
    int saved = errno;
    ::close(fd);
    ::unlink(name.data());
    errno = saved;
    fail(what);
  };
  std::size_t done = 0;
  while (done < text.size()) {
    ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) give_up("cannot write " + path_);
    done += static_cast<std::size_t>(n);
  }
  if (::fchmod(fd, 0644) != 0) give_up("cannot set the mode of " + path_);
  if (::fsync(fd) != 0) give_up("cannot sync " + path_);
  if (::close(fd) != 0) {
    ::unlink(name.data());
    fail("cannot close " + path_);
  }
  if (::rename(name.data(), path_.c_str()) != 0) {
    int saved = errno;
    ::unlink(name.data());
    errno = saved;
    fail("cannot move the new entry onto " + path_);
  }
  int dir = ::open(folder_.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir >= 0) {
    ::fsync(dir);  // the rename itself reaches the disk
    ::close(dir);
  }
}

std::optional<std::string> AutostartFile::read() const {
  int fd = ::open(path_.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) return std::nullopt;
  struct stat st {};
  std::string out;
  if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size <= 1 << 20) {
    char buf[4096];
    ssize_t n;
    while ((n = ::read(fd, buf, sizeof buf)) > 0) out.append(buf, static_cast<std::size_t>(n));
    ::close(fd);
    return out;
  }
  ::close(fd);
  return std::nullopt;
}

void AutostartFile::remove() const {
  if (::unlink(path_.c_str()) != 0 && errno != ENOENT) fail("cannot remove " + path_);
}

}  // namespace warden::autostart_plugin
