#pragma once
// SHA-256 pinning of plugin libraries (the app config's plugins.<name>.sha256). The admission
// (plugin_admission.hpp) compares the pin; the loader (plugin_folder.hpp) loads the copy.
//
// A pinned library is never loaded from its path. Its bytes are copied once, through one open
// file descriptor, into a sealed memfd while they are hashed (OpenSSL EVP SHA-256, streamed);
// the hash is compared with the pin, and the section checks and dlopen then read the memfd
// through /proc/self/fd/N. Hashing an fd and loading through it would still race with an
// in-place write to the same inode; a sealed private copy cannot change after it was hashed,
// so what is loaded is exactly what was hashed.
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

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

}  // namespace warden::plugin
