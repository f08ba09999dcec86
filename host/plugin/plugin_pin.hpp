#pragma once
// SHA-256 pinning of plugin libraries (the app config's plugins.<name>.sha256) and the loading
// of an app's plugins: libraries named by plugins.<name>.path, then the --plugins folders.
//
// A pinned library is never loaded from its path. Its bytes are copied once, through one open
// file descriptor, into a sealed memfd while they are hashed (OpenSSL EVP SHA-256, streamed);
// the hash is compared with the pin, and the section checks and dlopen then read the memfd
// through /proc/self/fd/N. Hashing an fd and loading through it would still race with an
// in-place write to the same inode; a sealed private copy cannot change after it was hashed,
// so what is loaded is exactly what was hashed.
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/object.hpp>

#include "plugin/plugin_folder.hpp"

namespace warden::plugin {

// Why `pin` is not a SHA-256 pin (64 lowercase hex digits); nullopt when it is one.
std::optional<std::string> sha256_pin_problem(std::string_view pin);

// The SHA-256 of the file as 64 lowercase hex digits. Throws LoadError naming the file.
std::string sha256_of_file(const std::filesystem::path& file);

// A sealed private copy of a library and the SHA-256 of exactly those bytes.
class PinnedCopy {
 public:
  // Throws LoadError naming `file` when it cannot be read or copied.
  explicit PinnedCopy(const std::filesystem::path& file);
  ~PinnedCopy();
  PinnedCopy(const PinnedCopy&) = delete;
  PinnedCopy& operator=(const PinnedCopy&) = delete;

  const std::string& sha256() const { return sha256_; }
  std::filesystem::path path() const;  // /proc/self/fd/N, valid while this object lives

 private:
  int fd_ = -1;
  std::string sha256_;
};

struct AppPlugins {
  std::map<std::string, std::filesystem::path> libraries;  // plugins.<name>.path naming a file
  std::map<std::string, std::string> pins;                 // plugins.<name>.sha256, validated
  boost::json::object configs;  // the app config's `plugins` object; init gets plugin_own_config
};

// Loads each library of `app.libraries` (its section's name must equal <name>), then every
// candidate of `folders`. A plugin with a pin loads only from a copy whose hash matches it;
// a folder plugin's name is read from its section first (no plugin code runs) to find its pin.
// A second plugin with a name already loaded is refused; a refused plugin never stops the
// others, and each refusal is logged as a warning.
LoadedPlugins load_app_plugins(const AppPlugins& app, const std::vector<std::filesystem::path>& folders,
                               const HostOptions& options = {});

}  // namespace warden::plugin
