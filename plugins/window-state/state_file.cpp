#include "state_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <system_error>

#include <boost/json.hpp>

namespace warden::window_state_plugin {
namespace fs = std::filesystem;

SavedStates read_state_file(const fs::path& file, const std::function<void(const std::string&)>& report) {
  std::error_code ec;
  if (!fs::exists(file, ec)) return {};
  auto damaged = [&](const std::string& why) {
    report("the window state file '" + file.string() + "' is ignored: " + why);
    return SavedStates{};
  };
  if (!fs::is_regular_file(file, ec)) return damaged("it is not a regular file");
  auto size = fs::file_size(file, ec);
  if (ec) return damaged(ec.message());
  if (size > kMaxStateFileBytes)
    return damaged("it holds " + std::to_string(size) + " bytes, more than " + std::to_string(kMaxStateFileBytes));
  std::ifstream in(file, std::ios::binary);
  if (!in) return damaged(std::strerror(errno));
  std::ostringstream text;
  text << in.rdbuf();
  boost::system::error_code parse_error;
  boost::json::value v = boost::json::parse(text.str(), parse_error);
  if (parse_error) return damaged("it is not JSON (" + parse_error.message() + ")");
  try {
    return from_file_json(v);
  } catch (const std::invalid_argument& e) {
    return damaged(e.what());
  }
}

namespace {

[[noreturn]] void fail(const std::string& what, const fs::path& path, int err) {
  throw std::runtime_error("cannot " + what + " '" + path.string() + "': " + std::strerror(err));
}

void write_all(int fd, const std::string& data, const fs::path& path) {
  size_t done = 0;
  while (done < data.size()) {
    ssize_t n = ::write(fd, data.data() + done, data.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) fail("write", path, errno);
    done += size_t(n);
  }
}

}  // namespace

void write_state_file(const fs::path& file, const SavedStates& states) {
  fs::path folder = file.parent_path();
  std::error_code ec;
  if (!fs::is_directory(folder, ec)) {
    fs::create_directories(folder, ec);
    if (ec) fail("make the folder", folder, ec.value());
    ::chmod(folder.c_str(), 0700);  // the app's own folder, made here: the user's only
  }
  std::string temp = (folder / ("." + file.filename().string() + ".XXXXXX")).string();
  int fd = ::mkstemp(temp.data());
  if (fd < 0) fail("create a temporary file in", folder, errno);
  try {
    write_all(fd, to_file_json(states), temp);
    if (::fsync(fd) != 0) fail("flush", temp, errno);
  } catch (...) {
    ::close(fd);
    ::unlink(temp.c_str());
    throw;
  }
  ::close(fd);
  if (::rename(temp.c_str(), file.c_str()) != 0) {
    int err = errno;
    ::unlink(temp.c_str());
    fail("replace", file, err);
  }
  // The rename itself reaches the disk with its folder.
  int dir = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir >= 0) {
    ::fsync(dir);
    ::close(dir);
  }
}

}  // namespace warden::window_state_plugin
