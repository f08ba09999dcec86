#include "cli/open_file_limit.hpp"

#include <sys/resource.h>

#include <cerrno>
#include <cstring>
#include <string>

#include <spdlog/spdlog.h>

namespace warden::cli {
namespace {

std::string limit_text(rlim_t limit) { return limit == RLIM_INFINITY ? "unlimited" : std::to_string(limit); }

}  // namespace

void raise_open_file_limit() {
  struct rlimit limit {};
  if (::getrlimit(RLIMIT_NOFILE, &limit) != 0) {
    spdlog::debug("open-file limit: cannot read it: {}", std::strerror(errno));
    return;
  }
  if (limit.rlim_cur == limit.rlim_max) {
    spdlog::debug("open-file limit: {} is already the hard limit", limit_text(limit.rlim_cur));
    return;
  }
  const rlim_t before = limit.rlim_cur;
  limit.rlim_cur = limit.rlim_max;
  if (::setrlimit(RLIMIT_NOFILE, &limit) != 0) {
    // An unlimited hard limit is more than the kernel's table (fs.nr_open) takes.
    spdlog::debug("open-file limit: cannot raise {} to {}: {}", limit_text(before), limit_text(limit.rlim_max),
                  std::strerror(errno));
    return;
  }
  spdlog::debug("open-file limit raised from {} to {}", limit_text(before), limit_text(limit.rlim_max));
}

}  // namespace warden::cli
