#pragma once
// A fresh private folder for one test, removed with all it holds when the object goes, even
// when the test made parts of it read-only. Every test that needs a scratch folder uses this.
#include <stdlib.h>
#include <sys/stat.h>

#include <filesystem>
#include <stdexcept>
#include <string>
#include <string_view>
#include <system_error>

#include "files.hpp"

namespace warden::test {

class TempDir {
 public:
  // PREFIX names the folder ($TMPDIR/PREFIX-XXXXXX) so a leftover says which test made it.
  explicit TempDir(std::string_view prefix = "warden-test") : path(make(prefix)) {}
  ~TempDir() { remove(); }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  std::filesystem::path operator/(const std::filesystem::path& rel) const { return path / rel; }

  // Writes TEXT to REL (creating its folders) and returns the file's path.
  std::filesystem::path write(const std::filesystem::path& rel, std::string_view text) const {
    write_file(path / rel, text);
    return path / rel;
  }
  // Copies FROM (a file or a whole folder) to REL and returns the copy's path.
  std::filesystem::path copy(const std::filesystem::path& from, const std::filesystem::path& rel) const {
    std::filesystem::create_directories((path / rel).parent_path());
    std::filesystem::copy(from, path / rel, std::filesystem::copy_options::recursive);
    return path / rel;
  }

  const std::filesystem::path path;

 private:
  static std::filesystem::path make(std::string_view prefix) {
    std::string tmpl = (std::filesystem::temp_directory_path() / (std::string(prefix) + "-XXXXXX")).string();
    if (!::mkdtemp(tmpl.data()))
      throw std::runtime_error("cannot create a temporary folder " + tmpl);
    return tmpl;
  }
  // A test may leave folders without write or search permission: restore them, then remove.
  void remove() const {
    std::error_code ec;
    for (auto it = std::filesystem::recursive_directory_iterator(
             path, std::filesystem::directory_options::skip_permission_denied, ec);
         !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
      if (it->is_directory(ec) && !it->is_symlink(ec)) ::chmod(it->path().c_str(), 0700);
    }
    ::chmod(path.c_str(), 0700);
    std::filesystem::remove_all(path, ec);
  }
};

}  // namespace warden::test
