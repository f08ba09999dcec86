#include "plugin/plugin_pin.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <vector>

#include <openssl/evp.h>

#include "plugin/load_error.hpp"
#include "plugin/regular_file.hpp"

namespace warden::plugin {
namespace fs = std::filesystem;

namespace {

struct Fd {
  int fd = -1;
  ~Fd() {
    if (fd >= 0) ::close(fd);
  }
};

struct MdCtx {
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  ~MdCtx() { EVP_MD_CTX_free(ctx); }
};

std::string errno_text() { return std::strerror(errno); }

// Streams `in` into the hash and, when out >= 0, into `out`. Returns the hex digest.
std::string hash_fd(int in, int out, const fs::path& file) {
  MdCtx md;
  if (!md.ctx || EVP_DigestInit_ex(md.ctx, EVP_sha256(), nullptr) != 1)
    throw LoadError(file, "cannot initialise SHA-256");
  std::vector<unsigned char> buf(1 << 16);
  for (;;) {
    ssize_t n = ::read(in, buf.data(), buf.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) throw LoadError(file, "cannot read: " + errno_text());
    if (n == 0) break;
    if (EVP_DigestUpdate(md.ctx, buf.data(), static_cast<size_t>(n)) != 1) throw LoadError(file, "SHA-256 failed");
    for (ssize_t done = 0; out >= 0 && done < n;) {
      ssize_t w = ::write(out, buf.data() + done, static_cast<size_t>(n - done));
      if (w < 0 && errno == EINTR) continue;
      if (w < 0) throw LoadError(file, "cannot copy the library: " + errno_text());
      done += w;
    }
  }
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  if (EVP_DigestFinal_ex(md.ctx, digest, &len) != 1) throw LoadError(file, "SHA-256 failed");
  static constexpr char hex[] = "0123456789abcdef";
  std::string s;
  for (unsigned int i = 0; i < len; ++i) {
    s += hex[digest[i] >> 4];
    s += hex[digest[i] & 15];
  }
  return s;
}


}  // namespace

std::optional<std::string> sha256_pin_problem(std::string_view pin) {
  if (pin.size() != 64) return "expected 64 lowercase hex digits (a SHA-256), got " + std::to_string(pin.size()) + " characters";
  for (char c : pin)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
      return std::string("expected 64 lowercase hex digits (a SHA-256), found '") + c + "'";
  return std::nullopt;
}

std::string sha256_of_file(const fs::path& file) {
  RegularFile in(file);  // never blocks on a FIFO, never reads a device
  return hash_fd(in.fd(), -1, file);
}

PinnedCopy::PinnedCopy(const fs::path& file) {
  RegularFile in(file);
  Fd copy{::memfd_create("warden-pinned-plugin", MFD_CLOEXEC | MFD_ALLOW_SEALING)};
  if (copy.fd < 0) throw LoadError(file, "cannot create a private copy: " + errno_text());
  sha256_ = hash_fd(in.fd(), copy.fd, file);
  if (::fcntl(copy.fd, F_ADD_SEALS, F_SEAL_WRITE | F_SEAL_GROW | F_SEAL_SHRINK | F_SEAL_SEAL) != 0)
    throw LoadError(file, "cannot seal the private copy: " + errno_text());
  fd_ = copy.fd;
  copy.fd = -1;
}

PinnedCopy::~PinnedCopy() {
  if (fd_ >= 0) ::close(fd_);
}

fs::path PinnedCopy::path() const { return "/proc/self/fd/" + std::to_string(fd_); }

}  // namespace warden::plugin
