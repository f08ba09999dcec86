#include "ipc/isolation_key.hpp"

#include <sys/random.h>

#include <cerrno>
#include <stdexcept>

namespace warden::ipc {

IsolationKey generate_isolation_key() {
  IsolationKey key{};
  size_t got = 0;
  while (got < key.size()) {
    ssize_t n = getrandom(key.data() + got, key.size() - got, 0);
    if (n < 0) {
      if (errno == EINTR) continue;
      throw std::runtime_error("cannot make the isolation key: getrandom failed");
    }
    got += static_cast<size_t>(n);
  }
  return key;
}

std::string isolation_key_js_array(const IsolationKey& key) {
  std::string out = "[";
  for (size_t i = 0; i < key.size(); ++i) {
    if (i) out += ',';
    out += std::to_string(key[i]);
  }
  return out + "]";
}

}  // namespace warden::ipc
