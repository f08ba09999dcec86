#pragma once
// The plugin layer's one error type: a plugin file that cannot be read, validated, loaded or
// initialised. It always names the file and says why, in words a plugin author can act on.
#include <filesystem>
#include <stdexcept>
#include <string>

namespace warden::plugin {

class LoadError : public std::runtime_error {
 public:
  LoadError(std::filesystem::path file, std::string reason)
      : std::runtime_error(file.string() + ": " + reason),
        file_(std::move(file)),
        reason_(std::move(reason)) {}

  const std::filesystem::path& file() const noexcept { return file_; }
  const std::string& reason() const noexcept { return reason_; }

 private:
  std::filesystem::path file_;
  std::string reason_;
};

}  // namespace warden::plugin
