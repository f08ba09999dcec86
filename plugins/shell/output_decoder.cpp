#include "output_decoder.hpp"

#include <iconv.h>

#include <algorithm>
#include <cerrno>
#include <stdexcept>

#include <boost/json.hpp>

#include "warden/ascii.hpp"

namespace json = boost::json;

namespace warden::shell_plugin {
namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";

// ASCII only: the user's locale (GTK sets it) lowered "ISO-8859-1" to "\xfdso-8859-1" in Turkish,
// a name iconv does not know.
std::string lower(std::string s) { return warden::ascii_lower(s); }

// Length of the valid UTF-8 sequence at s[i], or 0.
std::size_t valid_sequence(std::string_view s, std::size_t i) {
  auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char c = b(i);
  if (c < 0x80) return 1;
  std::size_t n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 ? 2 : 0;
  if (n == 0 || c > 0xF4 || i + n > s.size()) return 0;
  for (std::size_t k = 1; k < n; ++k)
    if ((b(i + k) & 0xC0) != 0x80) return 0;
  unsigned char c1 = b(i + 1);
  if (c == 0xE0 && c1 < 0xA0) return 0;  // overlong
  if (c == 0xED && c1 > 0x9F) return 0;  // surrogates
  if (c == 0xF0 && c1 < 0x90) return 0;  // overlong
  if (c == 0xF4 && c1 > 0x8F) return 0;  // above U+10FFFF
  return n;
}

struct Iconv {
  iconv_t cd;
  explicit Iconv(const std::string& from) : cd(::iconv_open("UTF-8", from.c_str())) {}
  ~Iconv() {
    if (ok()) ::iconv_close(cd);
  }
  bool ok() const { return cd != reinterpret_cast<iconv_t>(-1); }
};

std::string iconv_decode(const std::string& label, std::string_view bytes) {
  Iconv conv(label);
  if (!conv.ok()) throw std::invalid_argument("unknown encoding '" + label + "'");
  std::string out;
  std::string in(bytes);
  char* src = in.data();
  std::size_t left = in.size();
  char buf[4096];
  while (left > 0) {
    char* dst = buf;
    std::size_t room = sizeof buf;
    std::size_t r = ::iconv(conv.cd, &src, &left, &dst, &room);
    out.append(buf, static_cast<std::size_t>(dst - buf));
    if (r == static_cast<std::size_t>(-1)) {
      if (errno == E2BIG) continue;
      // A byte that does not decode (or a truncated sequence at the end): one replacement each.
      out += kReplacement;
      ++src;
      --left;
    }
  }
  return utf8_lossy(out);  // whatever iconv produced, the page gets valid UTF-8
}

}  // namespace

std::string utf8_lossy(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size());
  for (std::size_t i = 0; i < bytes.size();) {
    std::size_t n = valid_sequence(bytes, i);
    if (n == 0) {
      out += kReplacement;
      ++i;
    } else {
      out.append(bytes.substr(i, n));
      i += n;
    }
  }
  return out;
}

OutputDecoder OutputDecoder::for_encoding(const std::optional<std::string>& label) {
  OutputDecoder d;
  if (!label) return d;
  std::string l = lower(*label);
  if (l == "utf-8" || l == "utf8" || l == "unicode-1-1-utf-8") return d;
  if (l == "raw") {
    d.kind_ = Kind::raw;
    return d;
  }
  if (l.empty() || l.size() > 64 || l.find('/') != std::string::npos || !Iconv(l).ok())
    throw std::invalid_argument("options.encoding: unknown encoding '" + *label + "' (utf-8, raw, or a label iconv knows)");
  d.kind_ = Kind::iconv;
  d.label_ = l;
  return d;
}

json::value OutputDecoder::decode(std::string_view bytes) const {
  switch (kind_) {
    case Kind::raw: {
      json::array a;
      a.reserve(bytes.size());
      for (char c : bytes) a.push_back(static_cast<unsigned char>(c));
      return a;
    }
    case Kind::iconv: return json::string(iconv_decode(label_, bytes));
    default: return json::string(utf8_lossy(bytes));
  }
}

std::vector<std::string> LineSplitter::feed(std::string_view bytes) {
  pending_.append(bytes);
  std::vector<std::string> lines;
  std::size_t start = 0;
  for (std::size_t i = 0; i < pending_.size(); ++i) {
    char c = pending_[i];
    std::size_t end = 0;
    if (c == '\n') {
      end = i + 1;
    } else if (c == '\r') {
      if (i + 1 == pending_.size()) break;  // wait: it may be the first half of "\r\n"
      end = pending_[i + 1] == '\n' ? i + 2 : i + 1;
    } else if (i + 1 - start >= max_line_) {
      end = i + 1;
    }
    if (end) {
      lines.push_back(pending_.substr(start, end - start));
      start = end;
      i = end - 1;
    }
  }
  pending_.erase(0, start);
  return lines;
}

std::optional<std::string> LineSplitter::finish() {
  if (pending_.empty()) return std::nullopt;
  return std::exchange(pending_, {});
}

}  // namespace warden::shell_plugin
