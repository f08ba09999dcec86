// The behaviour (not the code) follows the WHATWG URL standard, https://url.spec.whatwg.org/;
// see whatwg_url.hpp for what is covered.
#include "acl/whatwg_url.hpp"

#include <array>
#include <utility>

namespace warden::acl::whatwg {
namespace {

int hex_value(char c) {
  if (is_digit(c)) return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return c - 'A' + 10;
}
char to_lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

// ---- IPv4 -----------------------------------------------------------------------------------

// Parses one IPv4 part ("0x7f", "0177", "127"); nullopt on failure. Values are capped so that an
// absurdly long number cannot overflow: anything above 2^32 is simply "too big".
std::optional<std::uint64_t> parse_ipv4_number(std::string_view s) {
  if (s.empty()) return std::nullopt;
  int radix = 10;
  if (s.size() >= 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
    s.remove_prefix(2);
    radix = 16;
  } else if (s.size() >= 2 && s[0] == '0') {
    s.remove_prefix(1);
    radix = 8;
  }
  std::uint64_t value = 0;
  for (char c : s) {
    int digit;
    if (radix == 16 && is_hex(c)) {
      digit = hex_value(c);
    } else if (radix == 10 && is_digit(c)) {
      digit = c - '0';
    } else if (radix == 8 && c >= '0' && c <= '7') {
      digit = c - '0';
    } else {
      return std::nullopt;
    }
    value = value * radix + digit;
    if (value > (std::uint64_t{1} << 33)) value = (std::uint64_t{1} << 33);  // saturate
  }
  return value;
}

// ---- IPv6 -----------------------------------------------------------------------------------

using Ipv6Pieces = std::array<std::uint16_t, 8>;

// The dotted IPv4 tail of an IPv6 address ("::ffff:1.2.3.4"), from `p`, into pieces `piece`
// and `piece + 1`. False when it is not exactly four decimal numbers of at most 255.
bool read_ipv4_tail(std::string_view in, std::size_t p, Ipv6Pieces& address, int& piece) {
  const std::size_t n = in.size();
  if (piece > 6) return false;
  int numbers_seen = 0;
  while (p < n) {
    int ipv4_piece = -1;
    if (numbers_seen > 0) {
      if (in[p] == '.' && numbers_seen < 4) {
        ++p;
      } else {
        return false;
      }
    }
    if (p >= n || !is_digit(in[p])) return false;
    while (p < n && is_digit(in[p])) {
      int number = in[p] - '0';
      if (ipv4_piece == -1) {
        ipv4_piece = number;
      } else if (ipv4_piece == 0) {
        return false;  // a leading zero
      } else {
        ipv4_piece = ipv4_piece * 10 + number;
      }
      if (ipv4_piece > 255) return false;
      ++p;
    }
    address[piece] = static_cast<std::uint16_t>(address[piece] * 0x100 + ipv4_piece);
    ++numbers_seen;
    if (numbers_seen == 2 || numbers_seen == 4) ++piece;
  }
  return numbers_seen == 4;
}

// The standard's IPv6 parser: the eight 16-bit pieces, "::" expanded.
std::optional<Ipv6Pieces> read_ipv6_pieces(std::string_view in) {
  Ipv6Pieces address{};
  int piece = 0;
  int compress = -1;
  std::size_t p = 0;
  const std::size_t n = in.size();
  auto at = [&](std::size_t i) { return i < n ? in[i] : '\0'; };
  if (at(p) == ':') {
    if (at(p + 1) != ':') return std::nullopt;
    p += 2;
    compress = ++piece;
  }
  while (p < n) {
    if (piece == 8) return std::nullopt;
    if (in[p] == ':') {
      if (compress != -1) return std::nullopt;
      ++p;
      compress = ++piece;
      continue;
    }
    unsigned value = 0;
    int length = 0;
    while (length < 4 && p < n && is_hex(in[p])) {
      value = value * 16 + hex_value(in[p]);
      ++p;
      ++length;
    }
    if (at(p) == '.' && p < n) {
      if (length == 0 || !read_ipv4_tail(in, p - length, address, piece)) return std::nullopt;
      break;
    }
    if (p < n && in[p] == ':') {
      ++p;
      if (p >= n) return std::nullopt;
    } else if (p < n) {
      return std::nullopt;
    }
    address[piece++] = static_cast<std::uint16_t>(value);
  }
  if (compress != -1) {
    int swaps = piece - compress;
    piece = 7;
    while (piece != 0 && swaps > 0) {
      std::swap(address[piece], address[compress + swaps - 1]);
      --piece;
      --swaps;
    }
  } else if (piece != 8) {
    return std::nullopt;
  }
  return address;
}

// The standard's IPv6 serializer: lowercase hex, the first longest run of two or more zero
// pieces compressed to "::".
std::string serialize_ipv6(const Ipv6Pieces& address) {
  int best = -1, best_len = 1;
  for (int i = 0; i < 8;) {
    if (address[i] != 0) {
      ++i;
      continue;
    }
    int j = i;
    while (j < 8 && address[j] == 0) ++j;
    if (j - i > best_len) {
      best = i;
      best_len = j - i;
    }
    i = j;
  }
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  bool ignore0 = false;
  for (int i = 0; i < 8; ++i) {
    if (ignore0 && address[i] == 0) continue;
    ignore0 = false;
    if (i == best) {
      out += (i == 0) ? "::" : ":";
      ignore0 = true;
      continue;
    }
    std::string hex;
    unsigned v = address[i];
    do {
      hex.insert(hex.begin(), kHex[v & 0xF]);
      v >>= 4;
    } while (v != 0);
    out += hex;
    if (i != 7) out += ':';
  }
  return out;
}

// ---- Hosts ----------------------------------------------------------------------------------

// The forbidden host code points; a domain also forbids C0 controls, '%' and DEL.
bool is_forbidden_host_code_point(unsigned char c) {
  switch (c) {
    case '\0': case '\t': case '\n': case '\r': case ' ': case '#': case '/': case ':': case '<':
    case '>': case '?': case '@': case '[': case '\\': case ']': case '^': case '|':
      return true;
    default:
      return false;
  }
}
bool is_forbidden_domain_code_point(unsigned char c) {
  return is_forbidden_host_code_point(c) || c < 0x20 || c == '%' || c == 0x7F;
}

std::optional<std::string> parse_bracketed_ipv6(std::string_view input) {
  if (input.size() < 2 || input.back() != ']') return std::nullopt;
  auto v6 = parse_ipv6(input.substr(1, input.size() - 2));
  if (!v6) return std::nullopt;
  return "[" + *v6 + "]";
}

// The host parser for special URLs, minus IDNA: a host that is not ASCII after
// percent-decoding is refused (nullopt) instead of being converted to punycode.
std::optional<std::string> parse_special_host(std::string_view input) {
  if (input.empty()) return std::nullopt;
  if (input.front() == '[') return parse_bracketed_ipv6(input);
  std::string domain;
  for (std::size_t i = 0; i < input.size(); ++i) {
    if (input[i] == '%' && i + 2 < input.size() && is_hex(input[i + 1]) && is_hex(input[i + 2])) {
      domain += static_cast<char>(hex_value(input[i + 1]) * 16 + hex_value(input[i + 2]));
      i += 2;
    } else {
      domain += input[i];
    }
  }
  for (char& ch : domain) {
    auto c = static_cast<unsigned char>(ch);
    if (c >= 0x80) return std::nullopt;  // IDNA is out of scope: non-ASCII hosts never match
    if (is_forbidden_domain_code_point(c)) return std::nullopt;
    ch = to_lower(ch);
  }
  if (domain.empty()) return std::nullopt;
  if (ends_in_a_number(domain)) return parse_ipv4(domain);
  return domain;
}

// The opaque-host parser of other schemes: case kept, C0 controls and non-ASCII percent-encoded.
std::optional<std::string> parse_opaque_host(std::string_view input) {
  if (!input.empty() && input.front() == '[') return parse_bracketed_ipv6(input);
  for (char c : input)
    if (is_forbidden_host_code_point(static_cast<unsigned char>(c))) return std::nullopt;
  std::string host;
  percent_encode_append(host, input, in_c0_set);
  return host;
}

// ---- URLs -----------------------------------------------------------------------------------

constexpr std::array<SpecialScheme, 5> kSpecialSchemes{{
    {"http", "80"}, {"https", "443"}, {"ws", "80"}, {"wss", "443"}, {"ftp", "21"}}};

// Leading and trailing C0 controls and spaces stripped, every tab and newline removed.
std::string without_url_whitespace(std::string_view raw) {
  while (!raw.empty() && static_cast<unsigned char>(raw.front()) <= 0x20) raw.remove_prefix(1);
  while (!raw.empty() && static_cast<unsigned char>(raw.back()) <= 0x20) raw.remove_suffix(1);
  std::string s;
  s.reserve(raw.size());
  for (char c : raw)
    if (c != '\t' && c != '\n' && c != '\r') s += c;
  return s;
}

// The position of the ':' ending a valid scheme; npos when there is none.
std::size_t scheme_end(std::string_view s) {
  if (s.empty() || !is_alpha(s[0])) return std::string_view::npos;
  std::size_t i = 0;
  while (i < s.size() && (is_alpha(s[i]) || is_digit(s[i]) || s[i] == '+' || s[i] == '-' || s[i] == '.')) ++i;
  return i < s.size() && s[i] == ':' ? i : std::string_view::npos;
}

// "" for no port, else the number without leading zeros; nullopt when not a port.
std::optional<std::string> parse_port(std::string_view text) {
  if (text.empty()) return std::string();
  std::uint32_t value = 0;
  for (char c : text) {
    if (!is_digit(c)) return std::nullopt;
    value = value * 10 + static_cast<std::uint32_t>(c - '0');
    if (value > 65535) return std::nullopt;
  }
  return std::to_string(value);
}

// Fills url.host and url.port from "[userinfo@]host[:port]"; false when it does not parse.
bool parse_authority(std::string_view authority, const SpecialScheme* special, Url& url) {
  if (auto at = authority.rfind('@'); at != std::string_view::npos) {
    url.has_credentials = true;
    authority.remove_prefix(at + 1);
  }
  std::string_view host_text = authority;
  std::string_view port_text;
  if (!authority.empty() && authority.front() == '[') {
    std::size_t close = authority.find(']');
    if (close == std::string_view::npos) return false;
    host_text = authority.substr(0, close + 1);
    std::string_view rest = authority.substr(close + 1);
    if (!rest.empty() && rest.front() != ':') return false;
    if (!rest.empty()) port_text = rest.substr(1);
  } else if (std::size_t colon = authority.find(':'); colon != std::string_view::npos) {
    host_text = authority.substr(0, colon);
    port_text = authority.substr(colon + 1);
  }
  auto host = special ? parse_special_host(host_text) : parse_opaque_host(host_text);
  auto port = parse_port(port_text);
  if (!host || !port) return false;
  url.host = std::move(*host);
  url.port = std::move(*port);
  if (special && url.port == special->default_port) url.port.clear();
  return true;
}

// The path state of the parser for a special URL: `\` is a separator, dot segments are
// resolved, each code point in the path percent-encode set is encoded.
std::string parse_special_path(std::string_view s) {
  std::vector<std::string> segments;
  std::string buffer;
  std::size_t p = (!s.empty() && (s[0] == '/' || s[0] == '\\')) ? 1 : 0;
  for (;; ++p) {
    bool eof = p >= s.size();
    char c = eof ? '\0' : s[p];
    if (eof || c == '/' || c == '\\') {
      if (is_double_dot_segment(buffer)) {
        if (!segments.empty()) segments.pop_back();
        if (eof) segments.emplace_back();
      } else if (is_single_dot_segment(buffer)) {
        if (eof) segments.emplace_back();
      } else {
        segments.push_back(buffer);
      }
      buffer.clear();
      if (eof) break;
    } else {
      percent_encode_append(buffer, std::string_view(&s[p], 1), in_path_set);
    }
  }
  std::string out;
  for (const auto& seg : segments) {
    out += '/';
    out += seg;
  }
  return out;
}

// Path, query and fragment: encoded and normalized for a special URL, as written otherwise.
void parse_path_query_fragment(std::string_view rest, Url& url) {
  std::size_t hash = rest.find('#');
  std::string_view before_hash = rest.substr(0, hash);
  std::size_t query = before_hash.find('?');
  std::string_view path = before_hash.substr(0, query);
  if (!url.special) {
    url.path = std::string(path);
    if (query != std::string_view::npos) url.query = std::string(before_hash.substr(query + 1));
    if (hash != std::string_view::npos) url.fragment = std::string(rest.substr(hash + 1));
    return;
  }
  if (hash != std::string_view::npos) percent_encode_append(url.fragment, rest.substr(hash + 1), in_fragment_set);
  if (query != std::string_view::npos)
    percent_encode_append(url.query, before_hash.substr(query + 1), in_special_query_set);
  url.path = parse_special_path(path);
}

}  // namespace

std::string lowered(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = to_lower(c);
  return out;
}

std::vector<std::string_view> split(std::string_view s, char sep) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  for (;;) {
    std::size_t at = s.find(sep, start);
    if (at == std::string_view::npos) {
      parts.push_back(s.substr(start));
      return parts;
    }
    parts.push_back(s.substr(start, at - start));
    start = at + 1;
  }
}

// The C0 control percent-encode set: C0 controls and everything above U+007E. Input is UTF-8, so
// a non-ASCII code point is encoded byte by byte, which is what encoding it as UTF-8 gives.
bool in_c0_set(unsigned char c) { return c < 0x20 || c > 0x7E; }
bool in_fragment_set(unsigned char c) {
  return in_c0_set(c) || c == ' ' || c == '"' || c == '<' || c == '>' || c == '`';
}
bool in_query_set(unsigned char c) {
  return in_c0_set(c) || c == ' ' || c == '"' || c == '#' || c == '<' || c == '>';
}
bool in_special_query_set(unsigned char c) { return in_query_set(c) || c == '\''; }
// The path percent-encode set as implemented by the URL parser the vectors were generated with
// (Node 20): the query set plus ? ` { }. (A 2024 spec change adds ^; see docs/url-patterns.md.)
bool in_path_set(unsigned char c) {
  return in_query_set(c) || c == '?' || c == '`' || c == '{' || c == '}';
}

void percent_encode_append(std::string& out, std::string_view in, bool (*in_set)(unsigned char)) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  for (char ch : in) {
    auto c = static_cast<unsigned char>(ch);
    if (in_set(c)) {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 0xF];
    } else {
      out += ch;
    }
  }
}

bool is_single_dot_segment(std::string_view s) { return s == "." || lowered(s) == "%2e"; }
bool is_double_dot_segment(std::string_view s) {
  std::string l = lowered(s);
  return l == ".." || l == ".%2e" || l == "%2e." || l == "%2e%2e";
}

bool ends_in_a_number(std::string_view host) {
  auto parts = split(host, '.');
  if (parts.back().empty()) {
    if (parts.size() == 1) return false;
    parts.pop_back();
  }
  std::string_view last = parts.back();
  if (!last.empty()) {
    bool all_digits = true;
    for (char c : last) all_digits = all_digits && is_digit(c);
    if (all_digits) return true;
  }
  return parse_ipv4_number(last).has_value();
}

std::optional<std::string> parse_ipv4(std::string_view host) {
  auto parts = split(host, '.');
  if (parts.back().empty() && parts.size() > 1) parts.pop_back();
  if (parts.size() > 4) return std::nullopt;
  std::vector<std::uint64_t> numbers;
  for (auto part : parts) {
    auto n = parse_ipv4_number(part);
    if (!n) return std::nullopt;
    numbers.push_back(*n);
  }
  for (std::size_t i = 0; i + 1 < numbers.size(); ++i) {
    if (numbers[i] > 255) return std::nullopt;
  }
  std::uint64_t limit = std::uint64_t{1} << (8 * (5 - numbers.size()));
  if (numbers.back() >= limit) return std::nullopt;
  std::uint64_t address = numbers.back();
  for (std::size_t i = 0; i + 1 < numbers.size(); ++i) address += numbers[i] << (8 * (3 - i));
  std::string out;
  for (int shift = 24; shift >= 0; shift -= 8) {
    if (!out.empty()) out += '.';
    out += std::to_string((address >> shift) & 0xFF);
  }
  return out;
}

std::optional<std::string> parse_ipv6(std::string_view address) {
  auto pieces = read_ipv6_pieces(address);
  if (!pieces) return std::nullopt;
  return serialize_ipv6(*pieces);
}

const SpecialScheme* find_special_scheme(std::string_view lower_name) {
  for (const auto& s : kSpecialSchemes) {
    if (s.name == lower_name) return &s;
  }
  return nullptr;
}

std::optional<Url> parse_url(std::string_view raw) {
  const std::string s = without_url_whitespace(raw);
  const std::size_t colon = scheme_end(s);
  if (colon == std::string_view::npos) return std::nullopt;
  Url url;
  url.scheme = lowered(std::string_view(s).substr(0, colon));
  const SpecialScheme* special = find_special_scheme(url.scheme);
  url.special = special != nullptr;
  std::size_t i = colon + 1;
  if (special) {
    while (i < s.size() && (s[i] == '/' || s[i] == '\\')) ++i;  // special authority slashes
  } else if (url.scheme != "file" && std::string_view(s).substr(i, 2) == "//") {
    i += 2;
  } else {
    return std::nullopt;  // file: or no authority ("data:...", "about:blank", "mailto:a@b")
  }
  std::size_t auth_end = s.find_first_of(special ? "/\\?#" : "/?#", i);
  if (auth_end == std::string::npos) auth_end = s.size();
  if (!parse_authority(std::string_view(s).substr(i, auth_end - i), special, url)) return std::nullopt;
  parse_path_query_fragment(std::string_view(s).substr(auth_end), url);
  return url;
}

}  // namespace warden::acl::whatwg
