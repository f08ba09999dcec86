#include "webview/frontend_assets.hpp"

#include <algorithm>
#include <fstream>
#include <stdexcept>

#include "ipc/percent_decoding.hpp"

namespace warden::webview {
namespace fs = std::filesystem;

FrontendAssets::FrontendAssets(const fs::path& root) {
  std::error_code ec;
  root_ = fs::canonical(root, ec);
  if (ec || !fs::is_directory(root_))
    throw std::runtime_error("frontend folder '" + root.string() + "' is not a directory");
}

std::optional<fs::path> FrontendAssets::resolve(std::string_view encoded_path) const {
  auto decoded = ipc::percent_decode(encoded_path);
  if (!decoded || decoded->empty() || decoded->front() != '/') return std::nullopt;
  if (decoded->find('\\') != std::string::npos) return std::nullopt;
  if (decoded->back() == '/') *decoded += "index.html";

  fs::path relative;
  std::string_view rest(*decoded);
  while (!rest.empty()) {
    auto slash = rest.find('/');
    auto segment = rest.substr(0, slash);
    rest = slash == std::string_view::npos ? std::string_view{} : rest.substr(slash + 1);
    if (segment.empty()) continue;
    if (segment == "." || segment == "..") return std::nullopt;
    relative /= fs::path(std::string(segment));
  }
  if (relative.empty()) return std::nullopt;

  std::error_code ec;
  fs::path file = fs::canonical(root_ / relative, ec);  // follows symlinks to their target
  if (ec) return std::nullopt;
  auto [root_end, _] = std::mismatch(root_.begin(), root_.end(), file.begin(), file.end());
  if (root_end != root_.end() || file == root_) return std::nullopt;  // escaped the folder
  if (!fs::is_regular_file(file, ec)) return std::nullopt;
  return file;
}

std::optional<std::vector<uint8_t>> read_file_bytes(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return std::nullopt;
  std::vector<uint8_t> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) return std::nullopt;
  return bytes;
}

}  // namespace warden::webview
