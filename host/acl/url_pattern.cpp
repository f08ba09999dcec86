// Warden's URLPattern subset. The behaviour (not the code) follows the WHATWG URLPattern and
// URL standards; docs/url-patterns.md lists what is supported and where Warden is stricter.
//
// Two halves:
//  * a small WHATWG URL parser for the schemes Warden matches (http, https, ws, wss, ftp),
//    producing the same component strings a browser's URL object would (lowercase scheme and
//    host, IPv4/IPv6 canonicalized, default port elided, dot segments resolved, percent-encoded
//    path/query/fragment);
//  * a pattern parser that reads the URLPattern constructor-string syntax, rejects everything
//    outside the subset, and normalizes literal text with the same encoders, so matching is a
//    per-component glob (`*` = any run of characters) over byte-identical strings.
#include "acl/url_pattern.hpp"

#include <array>
#include <cstdint>
#include <optional>
#include <utility>

namespace warden::acl {
namespace {

// ----------------------------------------------------------------------------------------------
// Character classes and encoders (WHATWG URL, "percent-encoded bytes")
// ----------------------------------------------------------------------------------------------

bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_hex(char c) { return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }
int hex_value(char c) {
  if (is_digit(c)) return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return c - 'A' + 10;
}
char to_lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }
std::string lowered(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = to_lower(c);
  return out;
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

template <typename Set>
void percent_encode_append(std::string& out, std::string_view in, Set in_set) {
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

// ----------------------------------------------------------------------------------------------
// Hosts
// ----------------------------------------------------------------------------------------------

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

// WHATWG "ends in a number": such a host must be an IPv4 address (or the URL is invalid).
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

// WHATWG IPv4 parser + serializer: "0x7f.1" -> "127.0.0.1".
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

// WHATWG IPv6 parser (the text between the brackets) + serializer, e.g. "0:0::1" -> "::1".
std::optional<std::string> parse_ipv6(std::string_view in) {
  std::array<std::uint16_t, 8> address{};
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
      if (length == 0) return std::nullopt;
      p -= length;
      if (piece > 6) return std::nullopt;
      int numbers_seen = 0;
      while (p < n) {
        int ipv4_piece = -1;
        if (numbers_seen > 0) {
          if (in[p] == '.' && numbers_seen < 4) {
            ++p;
          } else {
            return std::nullopt;
          }
        }
        if (!is_digit(at(p)) || p >= n) return std::nullopt;
        while (p < n && is_digit(in[p])) {
          int number = in[p] - '0';
          if (ipv4_piece == -1) {
            ipv4_piece = number;
          } else if (ipv4_piece == 0) {
            return std::nullopt;
          } else {
            ipv4_piece = ipv4_piece * 10 + number;
          }
          if (ipv4_piece > 255) return std::nullopt;
          ++p;
        }
        address[piece] = static_cast<std::uint16_t>(address[piece] * 0x100 + ipv4_piece);
        ++numbers_seen;
        if (numbers_seen == 2 || numbers_seen == 4) ++piece;
      }
      if (numbers_seen != 4) return std::nullopt;
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
  // Serialize: compress the first longest run of two or more zero pieces.
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

bool is_forbidden_domain_code_point(unsigned char c) {
  switch (c) {
    case ' ': case '#': case '%': case '/': case ':': case '<': case '>': case '?': case '@':
    case '[': case '\\': case ']': case '^': case '|':
      return true;
    default:
      return c < 0x20 || c == 0x7F;
  }
}

// The WHATWG host parser for special URLs, minus IDNA: a host that is not ASCII after
// percent-decoding is refused (nullopt) instead of being converted to punycode.
std::optional<std::string> parse_host(std::string_view input) {
  if (input.empty()) return std::nullopt;
  if (input.front() == '[') {
    if (input.size() < 2 || input.back() != ']') return std::nullopt;
    auto v6 = parse_ipv6(input.substr(1, input.size() - 2));
    if (!v6) return std::nullopt;
    return "[" + *v6 + "]";
  }
  std::string domain;
  for (std::size_t i = 0; i < input.size(); ++i) {
    if (input[i] == '%' && i + 2 < input.size() && is_hex(input[i + 1]) &&
        is_hex(input[i + 2])) {
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

// ----------------------------------------------------------------------------------------------
// URLs
// ----------------------------------------------------------------------------------------------

struct SchemeInfo {
  std::string_view name;
  std::string_view default_port;
};
constexpr std::array<SchemeInfo, 5> kSchemes{{
    {"http", "80"}, {"https", "443"}, {"ws", "80"}, {"wss", "443"}, {"ftp", "21"}}};

const SchemeInfo* find_scheme(std::string_view lower_name) {
  for (const auto& s : kSchemes) {
    if (s.name == lower_name) return &s;
  }
  return nullptr;
}

// Components as URLPattern sees them: no ':' / '?' / '#' prefixes, "" for absent ones.
struct Url {
  std::string scheme, host, port, path, query, fragment;
};

bool is_single_dot(std::string_view s) { return s == "." || lowered(s) == "%2e"; }
bool is_double_dot(std::string_view s) {
  std::string l = lowered(s);
  return l == ".." || l == ".%2e" || l == "%2e." || l == "%2e%2e";
}

// The path state of the WHATWG parser for a special URL: `\` is a separator, dot segments are
// resolved, each code point in the path percent-encode set is encoded.
std::string parse_path(std::string_view s) {
  std::vector<std::string> segments;
  std::string buffer;
  std::size_t p = (!s.empty() && (s[0] == '/' || s[0] == '\\')) ? 1 : 0;
  for (;; ++p) {
    bool eof = p >= s.size();
    char c = eof ? '\0' : s[p];
    if (eof || c == '/' || c == '\\') {
      if (is_double_dot(buffer)) {
        if (!segments.empty()) segments.pop_back();
        if (eof) segments.emplace_back();
      } else if (is_single_dot(buffer)) {
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

std::optional<Url> parse_url(std::string_view raw) {
  // Strip leading/trailing C0 controls and spaces, remove every tab and newline.
  while (!raw.empty() && static_cast<unsigned char>(raw.front()) <= 0x20) raw.remove_prefix(1);
  while (!raw.empty() && static_cast<unsigned char>(raw.back()) <= 0x20) raw.remove_suffix(1);
  std::string s;
  s.reserve(raw.size());
  for (char c : raw) {
    if (c != '\t' && c != '\n' && c != '\r') s += c;
  }

  std::size_t i = 0;
  if (s.empty() || !is_alpha(s[0])) return std::nullopt;
  while (i < s.size() && (is_alpha(s[i]) || is_digit(s[i]) || s[i] == '+' || s[i] == '-' ||
                          s[i] == '.')) {
    ++i;
  }
  if (i >= s.size() || s[i] != ':') return std::nullopt;
  Url url;
  url.scheme = lowered(std::string_view(s).substr(0, i));
  const SchemeInfo* scheme = find_scheme(url.scheme);
  if (scheme == nullptr) return std::nullopt;  // only remote-origin schemes ever match
  ++i;
  while (i < s.size() && (s[i] == '/' || s[i] == '\\')) ++i;  // special authority slashes

  std::size_t auth_end = s.find_first_of("/\\?#", i);
  if (auth_end == std::string::npos) auth_end = s.size();
  std::string_view authority = std::string_view(s).substr(i, auth_end - i);
  // Userinfo never matches, not even an empty one ("https://@host/").
  if (authority.find('@') != std::string_view::npos) return std::nullopt;

  std::string_view host_text;
  std::optional<std::string_view> port_text;
  if (!authority.empty() && authority.front() == '[') {
    std::size_t close = authority.find(']');
    if (close == std::string_view::npos) return std::nullopt;
    host_text = authority.substr(0, close + 1);
    std::string_view rest = authority.substr(close + 1);
    if (!rest.empty()) {
      if (rest.front() != ':') return std::nullopt;
      port_text = rest.substr(1);
    }
  } else {
    std::size_t colon = authority.find(':');
    host_text = authority.substr(0, colon);
    if (colon != std::string_view::npos) port_text = authority.substr(colon + 1);
  }
  auto host = parse_host(host_text);
  if (!host) return std::nullopt;
  url.host = std::move(*host);
  if (port_text && !port_text->empty()) {
    std::uint32_t value = 0;
    for (char c : *port_text) {
      if (!is_digit(c)) return std::nullopt;
      value = value * 10 + static_cast<std::uint32_t>(c - '0');
      if (value > 65535) return std::nullopt;
    }
    url.port = std::to_string(value);
    if (url.port == scheme->default_port) url.port.clear();
  }

  std::string_view rest = std::string_view(s).substr(auth_end);
  std::size_t hash = rest.find('#');
  std::string_view before_hash = rest.substr(0, hash);
  if (hash != std::string_view::npos) {
    percent_encode_append(url.fragment, rest.substr(hash + 1), in_fragment_set);
  }
  std::size_t query = before_hash.find('?');
  if (query != std::string_view::npos) {
    percent_encode_append(url.query, before_hash.substr(query + 1), in_special_query_set);
  }
  url.path = parse_path(before_hash.substr(0, query));
  return url;
}

// ----------------------------------------------------------------------------------------------
// Patterns
// ----------------------------------------------------------------------------------------------

// A component pattern before normalization: literal runs and wildcards.
using RawPieces = std::vector<std::pair<bool /*wildcard*/, std::string>>;

[[noreturn]] void fail(const ErrorLocation& where, std::string_view pattern, std::string_view why) {
  std::string message = "invalid URL pattern '";
  message += pattern;
  message += "': ";
  message += why;
  throw Error(ErrorKind::invalid_url_pattern, where, std::move(message));
}

// Splits the text of a path, search or hash pattern into literal runs and `*` wildcards,
// resolving `\x` escapes and refusing URLPattern syntax outside the subset.
RawPieces tokenize(std::string_view text, std::string_view what, const ErrorLocation& where,
                   std::string_view pattern) {
  RawPieces pieces;
  auto literal = [&](char c) {
    if (pieces.empty() || pieces.back().first) pieces.emplace_back(false, std::string());
    pieces.back().second += c;
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    switch (c) {
      case '\\':
        if (i + 1 >= text.size()) fail(where, pattern, "it ends with a lone '\\' (escape)");
        if (text[i + 1] == '\\' && what == "path") {
          fail(where, pattern,
               "an escaped backslash in the path: URL parsers read '\\' as '/', write '/'");
        }
        literal(text[++i]);
        break;
      case '*':
        if (pieces.empty() || !pieces.back().first) pieces.emplace_back(true, std::string());
        break;
      case ':':
        fail(where, pattern,
             std::string("named groups (':name') are not supported in the ") + std::string(what) +
                 "; use '*' to match anything, or escape a literal colon as '\\:'");
      case '(':
      case ')':
        fail(where, pattern, "regular-expression groups '(...)' are not supported");
      case '{':
      case '}':
        fail(where, pattern,
             "groups '{...}' are not supported; escape a literal brace as '\\{' or '\\}'");
      case '+':
        fail(where, pattern,
             "the '+' modifier is not supported; escape a literal plus as '\\+'");
      case '?':
        fail(where, pattern,
             std::string("'?' in the ") + std::string(what) +
                 " is URLPattern's optional modifier, which is not supported; percent-encode a "
                 "literal '?' as %3F");
      default:
        literal(c);
    }
  }
  return pieces;
}

// The end of the path or search part: the first '?' / '#' (per `stops`). An escaped delimiter
// still delimits in a URLPattern string, and `*?` is a modifier: both are refused.
std::size_t find_component_end(std::string_view s, std::size_t from, std::string_view stops,
                               const ErrorLocation& where, std::string_view pattern) {
  bool after_wildcard = false;
  for (std::size_t i = from; i < s.size(); ++i) {
    char c = s[i];
    if (c == '\\') {
      if (i + 1 < s.size() && (s[i + 1] == '?' || s[i + 1] == '#')) {
        fail(where, pattern,
             "an escaped '?' or '#' still starts the query or fragment in a URL pattern string; "
             "percent-encode a literal one as %3F or %23");
      }
      ++i;
      after_wildcard = false;
      continue;
    }
    if (stops.find(c) != std::string_view::npos) {
      if (c == '?' && after_wildcard) {
        fail(where, pattern,
             "'*?' is URLPattern's optional-wildcard modifier, not the start of a query, and is "
             "not supported (a pattern without '?' already matches any query)");
      }
      return i;
    }
    after_wildcard = c == '*';
  }
  return s.size();
}

bool contains_dot_segment(const RawPieces& pieces) {
  std::string flat;
  for (const auto& [wildcard, text] : pieces) flat += wildcard ? std::string("*") : text;
  for (auto segment : split(flat, '/')) {
    if (is_single_dot(segment) || is_double_dot(segment)) return true;
  }
  return false;
}

std::string canonical_pattern_host(std::string_view text, bool after_wildcard,
                                   const ErrorLocation& where, std::string_view pattern) {
  for (char ch : text) {
    auto c = static_cast<unsigned char>(ch);
    if (c >= 0x80) {
      fail(where, pattern,
           "non-ASCII host: internationalized domain names are not supported, write the "
           "host's ASCII (punycode) form, e.g. 'xn--bcher-kva.de'");
    }
    if (ch == '*') {
      fail(where, pattern,
           "'*' in a host must be the whole host ('https://*') or the whole leftmost label "
           "('https://*.tauri.app')");
    }
    if (ch == '%') fail(where, pattern, "percent-encoded hosts are not supported");
    if (ch == '\\') fail(where, pattern, "escapes are not supported in a host");
    if (!(is_alpha(ch) || is_digit(ch) || ch == '.' || ch == '-' || ch == '_')) {
      fail(where, pattern,
           std::string("character '") + ch +
               "' is not supported in a host (allowed: letters, digits, '.', '-', '_', a "
               "leading '*.' label, or an IPv6 address in brackets)");
    }
  }
  std::string host = lowered(text);
  if (host.empty()) fail(where, pattern, "expected a host after 'scheme://'");
  if (ends_in_a_number(host)) {
    if (after_wildcard) {
      fail(where, pattern, "'*.' must be followed by a domain name, not an IP address");
    }
    auto v4 = parse_ipv4(host);
    if (!v4) fail(where, pattern, "the host '" + host + "' is not a valid IPv4 address");
    return *v4;
  }
  return host;
}

}  // namespace

UrlPattern::Component UrlPattern::Component::any() {
  Component c;
  c.pieces.push_back(Piece{true, {}});
  return c;
}

UrlPattern::Component UrlPattern::Component::exactly(std::string literal) {
  Component c;
  if (!literal.empty()) c.pieces.push_back(Piece{false, std::move(literal)});
  return c;
}

bool UrlPattern::Component::match(std::string_view value) const noexcept {
  // Literal runs alternate with wildcards, so a greedy leftmost search for each inner literal
  // is exact: the first and last literal are anchored, the rest only need to appear in order.
  const std::size_t n = pieces.size();
  if (n == 0) return value.empty();
  std::size_t first = 0, last = n;
  std::size_t lo = 0, hi = value.size();
  if (!pieces.front().wildcard) {
    const std::string& lit = pieces.front().literal;
    if (value.substr(0, lit.size()) != lit) return false;
    lo = lit.size();
    first = 1;
    if (n == 1) return lo == value.size();
  }
  if (last > first && !pieces.back().wildcard) {
    const std::string& lit = pieces.back().literal;
    if (hi - lo < lit.size() || value.substr(hi - lit.size()) != lit) return false;
    hi -= lit.size();
    last = n - 1;
  }
  for (std::size_t k = first; k < last; ++k) {
    if (pieces[k].wildcard) continue;
    std::size_t at = value.substr(0, hi).find(pieces[k].literal, lo);
    if (at == std::string_view::npos) return false;
    lo = at + pieces[k].literal.size();
  }
  return true;
}

UrlPattern UrlPattern::parse(std::string_view pattern, const ErrorLocation& where) {
  UrlPattern out;
  out.source_ = std::string(pattern);

  // --- scheme ------------------------------------------------------------------------------
  std::size_t colon = pattern.find(':');
  std::string_view scheme_text = pattern.substr(0, colon);
  bool scheme_chars_ok = !scheme_text.empty();
  for (char c : scheme_text) {
    scheme_chars_ok = scheme_chars_ok && (is_alpha(c) || is_digit(c) || c == '+' || c == '-' ||
                                          c == '.' || c == '*' || c == '{' || c == '}' ||
                                          c == '(' || c == ')' || c == '?');
  }
  if (colon == std::string_view::npos || !scheme_chars_ok) {
    fail(where, pattern,
         "expected an absolute pattern 'scheme://host[:port][/path][?query][#fragment]', e.g. "
         "'https://*.tauri.app'");
  }
  const SchemeInfo* scheme = nullptr;
  if (scheme_text == "*") {
    out.scheme_ = Component::any();
  } else {
    bool literal = is_alpha(scheme_text.front());
    for (char c : scheme_text) {
      literal = literal && (is_alpha(c) || is_digit(c) || c == '+' || c == '-' || c == '.');
    }
    if (!literal) {
      fail(where, pattern,
           "the scheme must be a literal (http, https, ws, wss, ftp) or '*'; partial wildcards, "
           "groups and modifiers are not supported");
    }
    std::string lower = lowered(scheme_text);
    scheme = find_scheme(lower);
    if (scheme == nullptr) {
      fail(where, pattern,
           "scheme '" + lower +
               "' is not supported: remote URL patterns use http, https, ws, wss, ftp or '*' "
               "(file:, data:, blob: and custom-scheme URLs never match a remote pattern)");
    }
    out.scheme_ = Component::exactly(std::move(lower));
  }
  if (pattern.substr(colon + 1, 2) != "//") {
    fail(where, pattern, "expected '//' after the scheme, as in 'https://tauri.app'");
  }

  // --- authority ---------------------------------------------------------------------------
  const std::size_t auth_begin = colon + 3;
  std::size_t auth_end = pattern.size();
  {
    bool in_brackets = false;
    for (std::size_t i = auth_begin; i < pattern.size(); ++i) {
      char c = pattern[i];
      if (c == '\\') {
        if (i + 1 < pattern.size() && (pattern[i + 1] == '/' || pattern[i + 1] == '?' ||
                                       pattern[i + 1] == '#' || pattern[i + 1] == '@')) {
          fail(where, pattern,
               "an escaped '/', '?', '#' or '@' still delimits the host in a URL pattern string");
        }
        ++i;
        continue;
      }
      if (c == '[') in_brackets = true;
      if (c == ']') in_brackets = false;
      if (c == '@') {
        fail(where, pattern,
             "userinfo ('user:password@') is not supported in a pattern, and URLs with userinfo "
             "never match");
      }
      if (!in_brackets && (c == '/' || c == '?' || c == '#')) {
        if (c == '?' && i > auth_begin && pattern[i - 1] == '*') {
          fail(where, pattern, "'*?' (an optional modifier) is not supported in a host");
        }
        auth_end = i;
        break;
      }
    }
  }
  std::string_view authority = pattern.substr(auth_begin, auth_end - auth_begin);

  std::string_view port_text;
  bool has_port = false;
  if (!authority.empty() && (authority.front() == '[' || authority.substr(0, 2) == "\\[")) {
    // IPv6: in URLPattern syntax ':' starts a named group, so the colons must be escaped.
    std::size_t i = authority.front() == '[' ? 1 : 2;
    std::string address;
    bool closed = false;
    for (; i < authority.size(); ++i) {
      char c = authority[i];
      if (c == ']') {
        closed = true;
        ++i;
        break;
      }
      if (c == '\\' && i + 1 < authority.size()) {
        if (authority[i + 1] == ']') {
          closed = true;
          i += 2;
          break;
        }
        address += authority[++i];
        continue;
      }
      if (c == ':') {
        fail(where, pattern,
             "in a URL pattern ':' starts a named group: write an IPv6 address with escaped "
             "colons, e.g. 'http://[\\:\\:1]:*' (\"http://[\\\\:\\\\:1]:*\" in JSON)");
      }
      address += c;
    }
    if (!closed) fail(where, pattern, "the IPv6 address has no closing ']'");
    auto v6 = parse_ipv6(address);
    if (!v6) fail(where, pattern, "'[" + address + "]' is not a valid IPv6 address");
    if (*v6 != lowered(address)) {
      fail(where, pattern,
           "write the IPv6 address in its canonical form '[" + *v6 +
               "]' (with escaped colons): URLs are compared after normalization, so any other "
               "spelling could never match");
    }
    out.host_ = Component::exactly("[" + *v6 + "]");
    std::string_view rest = authority.substr(i);
    if (!rest.empty()) {
      if (rest.front() != ':') fail(where, pattern, "expected ':port' or '/' after ']'");
      has_port = true;
      port_text = rest.substr(1);
    }
  } else {
    std::size_t port_colon = authority.find(':');
    std::string_view host_text = authority.substr(0, port_colon);
    if (port_colon != std::string_view::npos) {
      has_port = true;
      port_text = authority.substr(port_colon + 1);
    }
    if (host_text.empty()) fail(where, pattern, "expected a host after 'scheme://'");
    if (host_text == "*") {
      out.host_ = Component::any();
    } else if (host_text.substr(0, 2) == "*.") {
      std::string rest = canonical_pattern_host(host_text.substr(2), true, where, pattern);
      out.host_.pieces = {Piece{true, {}}, Piece{false, "." + rest}};
    } else {
      out.host_ = Component::exactly(canonical_pattern_host(host_text, false, where, pattern));
    }
  }

  // --- port --------------------------------------------------------------------------------
  if (!has_port) {
    out.port_ = Component::exactly("");  // the scheme's default port only, as URLPattern does
  } else if (port_text == "*") {
    out.port_ = Component::any();
  } else {
    if (port_text.size() > 1 && port_text.front() == '0') {
      fail(where, pattern, "write the port without leading zeros");
    }
    std::uint32_t value = 0;
    for (char c : port_text) {
      if (!is_digit(c)) {
        fail(where, pattern,
             "expected a port number or '*' after ':' (partial wildcards are not supported)");
      }
      value = value * 10 + static_cast<std::uint32_t>(c - '0');
      if (value > 65535) fail(where, pattern, "the port is larger than 65535");
    }
    std::string port = port_text.empty() ? std::string() : std::to_string(value);
    // As URLPattern does, a port equal to a literal scheme's default is the default port. The
    // standard only does so for a scheme written in lowercase ('HTTPS://a.com:443' keeps 443
    // and can never match): refuse that pattern rather than keep a dead or surprising one.
    if (scheme != nullptr && port == scheme->default_port) {
      if (scheme_text != scheme->name) {
        fail(where, pattern,
             "write the scheme in lowercase: URLPattern drops a default port only after a "
             "lowercase scheme, so this pattern could never match");
      }
      port.clear();
    }
    out.port_ = Component::exactly(std::move(port));
  }

  // --- path, search, hash ------------------------------------------------------------------
  auto normalize = [](const RawPieces& raw, bool (*in_set)(unsigned char)) {
    Component c;
    for (const auto& [wildcard, text] : raw) {
      Piece piece{wildcard, {}};
      if (!wildcard) percent_encode_append(piece.literal, text, in_set);
      c.pieces.push_back(std::move(piece));
    }
    return c;
  };

  std::size_t pos = auth_end;
  const bool has_path = pos < pattern.size() && pattern[pos] == '/';
  if (has_path) {
    std::size_t end = find_component_end(pattern, pos, "?#", where, pattern);
    RawPieces raw = tokenize(pattern.substr(pos, end - pos), "path", where, pattern);
    if (contains_dot_segment(raw)) {
      fail(where, pattern,
           "'.' and '..' segments are not supported in a pattern path; write the path the way a "
           "URL parser normalizes it");
    }
    out.path_ = normalize(raw, in_path_set);
    pos = end;
  }
  const bool has_search = pos < pattern.size() && pattern[pos] == '?';
  if (has_search) {
    std::size_t end = find_component_end(pattern, pos + 1, "#", where, pattern);
    out.search_ = normalize(tokenize(pattern.substr(pos + 1, end - pos - 1), "query", where,
                                     pattern),
                            in_special_query_set);
    pos = end;
  }
  const bool has_hash = pos < pattern.size() && pattern[pos] == '#';
  if (has_hash) {
    out.hash_ = normalize(tokenize(pattern.substr(pos + 1), "fragment", where, pattern),
                          in_fragment_set);
  }
  // URLPattern's constructor string: components after the last one written are wildcards;
  // unwritten ones before it are empty (the path of a special URL is then "/").
  if (!has_path) out.path_ = (has_search || has_hash) ? Component::exactly("/") : Component::any();
  if (!has_search) out.search_ = has_hash ? Component::exactly("") : Component::any();
  if (!has_hash) out.hash_ = Component::any();

  // Tauri compatibility (RemoteUrlPattern::from_str): after parsing, a path that is empty or
  // exactly "/" and an empty (or absent) query or fragment become '*', so "https://tauri.app/"
  // grants every page of that origin. Only these three components are widened, never the
  // scheme, host or port: the origin stays exactly as written. A real path ("/docs", "/docs/*")
  // or a non-empty query or fragment is kept as written. See docs/url-patterns.md.
  auto is_exactly = [](const Component& c, std::string_view literal) {
    return c.pieces.size() == 1 && !c.pieces.front().wildcard &&
           c.pieces.front().literal == literal;
  };
  if (out.path_.pieces.empty() || is_exactly(out.path_, "/")) out.path_ = Component::any();
  if (out.search_.pieces.empty()) out.search_ = Component::any();
  if (out.hash_.pieces.empty()) out.hash_ = Component::any();
  return out;
}

bool UrlPattern::matches(std::string_view url) const noexcept {
  try {
    auto parsed = parse_url(url);
    if (!parsed) return false;
    return scheme_.match(parsed->scheme) && host_.match(parsed->host) &&
           port_.match(parsed->port) && path_.match(parsed->path) &&
           search_.match(parsed->query) && hash_.match(parsed->fragment);
  } catch (...) {
    return false;  // allocation failure: deny
  }
}

}  // namespace warden::acl
