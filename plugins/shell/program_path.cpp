#include "program_path.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <stdexcept>

namespace fs = std::filesystem;

namespace warden::shell_plugin {
namespace {

bool is_executable_file(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode) && ::access(path.c_str(), X_OK) == 0;
}

}  // namespace

std::string host_search_path() {
  const char* p = std::getenv("PATH");
  return p && *p ? p : "/usr/local/bin:/usr/bin:/bin";
}

std::string resolve_program(const std::string& cmd, const std::string& search_path, const ExpandVariable& expand) {
  if (cmd.empty()) throw std::runtime_error("the scope entry's cmd is empty");
  std::string path = cmd;
  if (cmd.front() == '$') {
    auto expanded = expand ? expand(cmd) : std::nullopt;
    if (!expanded || expanded->empty() || expanded->front() != '/')
      throw std::runtime_error("cmd '" + cmd + "': unknown path variable");
    path = *expanded;
  }
  if (path.front() == '/') {
    path = fs::path(path).lexically_normal().string();
    if (!is_executable_file(path)) throw std::runtime_error("cmd '" + cmd + "': " + path + " is not an executable file");
    return path;
  }
  if (path.find('/') != std::string::npos)
    throw std::runtime_error("cmd '" + cmd +
                             "' is a relative path, which would depend on the working directory the page "
                             "chooses; use an absolute path, a $VARIABLE path or a bare program name");
  if (path == "." || path == "..") throw std::runtime_error("cmd '" + cmd + "' is not a program name");
  std::size_t start = 0;
  while (start <= search_path.size()) {
    std::size_t end = search_path.find(':', start);
    if (end == std::string::npos) end = search_path.size();
    std::string dir = search_path.substr(start, end - start);
    // Empty and relative PATH folders mean the working directory: skipped for the same reason.
    if (!dir.empty() && dir.front() == '/') {
      std::string candidate = (fs::path(dir) / path).lexically_normal().string();
      if (is_executable_file(candidate)) return candidate;
    }
    start = end + 1;
  }
  throw std::runtime_error("cmd '" + cmd + "': no executable of that name in PATH");
}

}  // namespace warden::shell_plugin
