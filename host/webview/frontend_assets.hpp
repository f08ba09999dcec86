#pragma once
// The app's frontend folder (build.frontendDist) as the app scheme serves it: a URL path maps
// to a regular file inside the folder, or to nothing. Never outside the folder: `..` and `.`
// segments (also percent-encoded), NUL bytes, backslashes and symlinks leading out are refused.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace warden::webview {

class FrontendAssets {
 public:
  // Throws std::runtime_error when `root` is not a directory.
  explicit FrontendAssets(const std::filesystem::path& root);

  // The file for an encoded URL path ("/", "/index.html", "/a%20b.js"); a path ending in '/'
  // means its index.html. nullopt when it is missing, not a regular file, or would escape.
  std::optional<std::filesystem::path> resolve(std::string_view encoded_path) const;

  const std::filesystem::path& root() const { return root_; }

 private:
  std::filesystem::path root_;  // canonical
};

// Reads a whole file; nullopt when it cannot be read.
std::optional<std::vector<uint8_t>> read_file_bytes(const std::filesystem::path& file);

}  // namespace warden::webview
