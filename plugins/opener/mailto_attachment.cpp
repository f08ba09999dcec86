#include "mailto_attachment.hpp"

#include <cctype>

namespace warden::opener_plugin {
namespace {

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

// One pass of percent-decoding; a '%' without two hex digits after it is kept as written.
std::string decode_once(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    int hi = -1, lo = -1;
    if (text[i] == '%' && i + 2 < text.size() &&
        (hi = hex_digit(text[i + 1])) >= 0 && (lo = hex_digit(text[i + 2])) >= 0) {
      out.push_back(static_cast<char>(hi * 16 + lo));
      i += 2;
    } else {
      out.push_back(text[i]);
    }
  }
  return out;
}

bool ignorable(char c) {
  auto u = static_cast<unsigned char>(c);
  return u <= 0x20 || u == 0x7f;
}

bool has_mailto_scheme(std::string_view url) {
  constexpr std::string_view scheme = "mailto:";
  if (url.size() < scheme.size()) return false;
  for (std::size_t i = 0; i < scheme.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(url[i])) != scheme[i]) return false;
  return true;
}

}  // namespace

std::optional<std::string> mailto_attachment_field(std::string_view url) {
  std::size_t start = 0;
  while (start < url.size() && ignorable(url[start])) ++start;
  url.remove_prefix(start);
  if (!has_mailto_scheme(url)) return std::nullopt;
  // A page can encode a field name several times over, hoping one client decodes once more
  // than this check: decode until nothing changes (a fixed point), refusing absurd nesting.
  std::string text(url.substr(7));
  for (int pass = 0;; ++pass) {
    std::string decoded = decode_once(text);
    if (decoded == text) break;
    if (pass == 32) return std::string("(percent-encoded more than 32 times over)");
    text = std::move(decoded);
  }
  std::size_t begin = 0;
  while (begin <= text.size()) {
    std::size_t end = text.find_first_of("?&;", begin);
    if (end == std::string::npos) end = text.size();
    std::string_view field(text.data() + begin, end - begin);
    std::size_t equals = field.find('=');
    if (equals != std::string_view::npos) {
      std::string name;
      for (char c : field.substr(0, equals))
        if (!ignorable(c)) name.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
      if (name.find("attach") != std::string::npos) return std::string(field.substr(0, equals));
    }
    begin = end + 1;
  }
  return std::nullopt;
}

}  // namespace warden::opener_plugin
