#include "ipc/ipc_url.hpp"

namespace warden::ipc {

std::optional<std::string> ipc_url_path(std::string_view url) {
  if (!url.starts_with(kIpcUrlPrefix)) return std::nullopt;
  std::string_view path = url.substr(kIpcUrlPrefix.size() - 1);
  return std::string(path.substr(0, path.find_first_of("?#")));
}

}  // namespace warden::ipc
