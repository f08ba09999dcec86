#include "cli/open_file_limit.hpp"

#include <sys/resource.h>

#include <cerrno>
#include <cstring>
#include <fstream>
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
  // An unlimited hard limit is more than the kernel's table takes: its size is fs.nr_open.
  if (limit.rlim_cur == RLIM_INFINITY) {
    std::ifstream nr_open("/proc/sys/fs/nr_open");
    unsigned long long n = 0;
    if (nr_open >> n && n > before) limit.rlim_cur = static_cast<rlim_t>(n);
  }
  if (::setrlimit(RLIMIT_NOFILE, &limit) != 0) {
    spdlog::debug("open-file limit: cannot raise {} to {}: {}", limit_text(before), limit_text(limit.rlim_cur),
                  std::strerror(errno));
    return;
  }
  spdlog::debug("open-file limit raised from {} to {}", limit_text(before), limit_text(limit.rlim_cur));
}

}  // namespace warden::cli
