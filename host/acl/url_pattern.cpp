// Warden's URLPattern subset: the pattern compiler. The behaviour (not the code) follows the
// WHATWG URLPattern standard; docs/url-patterns.md lists what is supported and where Warden is
// stricter. URLs are read by the WHATWG URL parser (whatwg_url.hpp), and the compiler normalizes
// a pattern's literal text with the same encoders, so matching is a per-component glob (`*` =
// any run of characters) over byte-identical strings.
#include "acl/url_pattern.hpp"

#include <cstdint>
#include <optional>
#include <utility>

#include "acl/whatwg_url.hpp"

namespace warden::acl {

using whatwg::ends_in_a_number;
using whatwg::in_fragment_set;
using whatwg::in_path_set;
using whatwg::in_special_query_set;
using whatwg::is_alpha;
using whatwg::is_digit;
using whatwg::is_double_dot_segment;
using whatwg::is_single_dot_segment;
using whatwg::lowered;
using whatwg::parse_ipv4;
using whatwg::parse_ipv6;
using whatwg::split;

namespace {

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
    if (is_single_dot_segment(segment) || is_double_dot_segment(segment)) return true;
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

// Reads a pattern string left to right, one URL component at a time, into `out`.
struct UrlPattern::Compiler {
  std::string_view pattern;
  const ErrorLocation& where;
  UrlPattern& out;
  std::string_view scheme_text;                     // as written, when a literal
  const whatwg::SpecialScheme* scheme = nullptr;    // when a literal

  [[noreturn]] void fail(std::string_view why) const { acl::fail(where, pattern, why); }

  // The scheme and "://"; returns where the authority begins.
  std::size_t compile_scheme() {
    std::size_t colon = pattern.find(':');
    std::string_view text = pattern.substr(0, colon);
    bool chars_ok = !text.empty();
    for (char c : text) {
      chars_ok = chars_ok && (is_alpha(c) || is_digit(c) || c == '+' || c == '-' || c == '.' || c == '*' ||
                              c == '{' || c == '}' || c == '(' || c == ')' || c == '?');
    }
    if (colon == std::string_view::npos || !chars_ok) {
      fail("expected an absolute pattern 'scheme://host[:port][/path][?query][#fragment]', e.g. "
           "'https://*.tauri.app'");
    }
    if (text == "*") {
      out.scheme_ = Component::any();
    } else {
      bool literal = is_alpha(text.front());
      for (char c : text) literal = literal && (is_alpha(c) || is_digit(c) || c == '+' || c == '-' || c == '.');
      if (!literal) {
        fail("the scheme must be a literal (http, https, ws, wss, ftp) or '*'; partial wildcards, "
             "groups and modifiers are not supported");
      }
      std::string lower = lowered(text);
      scheme = whatwg::find_special_scheme(lower);
      if (scheme == nullptr) {
        fail("scheme '" + lower +
             "' is not supported: remote URL patterns use http, https, ws, wss, ftp or '*' "
             "(file:, data:, blob: and custom-scheme URLs never match a remote pattern)");
      }
      scheme_text = text;
      out.scheme_ = Component::exactly(std::move(lower));
    }
    if (pattern.substr(colon + 1, 2) != "//") fail("expected '//' after the scheme, as in 'https://tauri.app'");
    return colon + 3;
  }

  // Where the authority that begins at `begin` ends: the first unescaped '/', '?' or '#'
  // outside brackets. Userinfo and escaped delimiters are refused.
  std::size_t authority_end(std::size_t begin) const {
    bool in_brackets = false;
    for (std::size_t i = begin; i < pattern.size(); ++i) {
      char c = pattern[i];
      if (c == '\\') {
        if (i + 1 < pattern.size() && (pattern[i + 1] == '/' || pattern[i + 1] == '?' || pattern[i + 1] == '#' ||
                                       pattern[i + 1] == '@')) {
          fail("an escaped '/', '?', '#' or '@' still delimits the host in a URL pattern string");
        }
        ++i;
        continue;
      }
      if (c == '[') in_brackets = true;
      if (c == ']') in_brackets = false;
      if (c == '@') {
        fail("userinfo ('user:password@') is not supported in a pattern, and URLs with userinfo "
             "never match");
      }
      if (!in_brackets && (c == '/' || c == '?' || c == '#')) {
        if (c == '?' && i > begin && pattern[i - 1] == '*') fail("'*?' (an optional modifier) is not supported in a host");
        return i;
      }
    }
    return pattern.size();
  }

  // "[\:\:1]" as written in a pattern (URLPattern syntax needs the colons escaped); sets the host
  // and returns the length read.
  std::size_t compile_ipv6_host(std::string_view authority) {
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
        fail("in a URL pattern ':' starts a named group: write an IPv6 address with escaped "
             "colons, e.g. 'http://[\\:\\:1]:*' (\"http://[\\\\:\\\\:1]:*\" in JSON)");
      }
      address += c;
    }
    if (!closed) fail("the IPv6 address has no closing ']'");
    auto v6 = parse_ipv6(address);
    if (!v6) fail("'[" + address + "]' is not a valid IPv6 address");
    if (*v6 != lowered(address)) {
      fail("write the IPv6 address in its canonical form '[" + *v6 +
           "]' (with escaped colons): URLs are compared after normalization, so any other "
           "spelling could never match");
    }
    out.host_ = Component::exactly("[" + *v6 + "]");
    return i;
  }

  void compile_name_host(std::string_view host_text) {
    if (host_text.empty()) fail("expected a host after 'scheme://'");
    if (host_text == "*") {
      out.host_ = Component::any();
    } else if (host_text.substr(0, 2) == "*.") {
      std::string rest = canonical_pattern_host(host_text.substr(2), true, where, pattern);
      out.host_.pieces = {Piece{true, {}}, Piece{false, "." + rest}};
    } else {
      out.host_ = Component::exactly(canonical_pattern_host(host_text, false, where, pattern));
    }
  }

  void compile_host_and_port(std::string_view authority) {
    std::optional<std::string_view> port_text;
    if (!authority.empty() && (authority.front() == '[' || authority.substr(0, 2) == "\\[")) {
      std::string_view rest = authority.substr(compile_ipv6_host(authority));
      if (!rest.empty()) {
        if (rest.front() != ':') fail("expected ':port' or '/' after ']'");
        port_text = rest.substr(1);
      }
    } else {
      std::size_t port_colon = authority.find(':');
      if (port_colon != std::string_view::npos) port_text = authority.substr(port_colon + 1);
      compile_name_host(authority.substr(0, port_colon));
    }
    compile_port(port_text);
  }

  void compile_port(std::optional<std::string_view> text) {
    if (!text) {
      out.port_ = Component::exactly("");  // the scheme's default port only, as URLPattern does
      return;
    }
    if (*text == "*") {
      out.port_ = Component::any();
      return;
    }
    if (text->size() > 1 && text->front() == '0') fail("write the port without leading zeros");
    std::uint32_t value = 0;
    for (char c : *text) {
      if (!is_digit(c)) fail("expected a port number or '*' after ':' (partial wildcards are not supported)");
      value = value * 10 + static_cast<std::uint32_t>(c - '0');
      if (value > 65535) fail("the port is larger than 65535");
    }
    std::string port = text->empty() ? std::string() : std::to_string(value);
    // As URLPattern does, a port equal to a literal scheme's default is the default port. The
    // standard only does so for a scheme written in lowercase ('HTTPS://a.com:443' keeps 443
    // and can never match): refuse that pattern rather than keep a dead or surprising one.
    if (scheme != nullptr && port == scheme->default_port) {
      if (scheme_text != scheme->name) {
        fail("write the scheme in lowercase: URLPattern drops a default port only after a "
             "lowercase scheme, so this pattern could never match");
      }
      port.clear();
    }
    out.port_ = Component::exactly(std::move(port));
  }

  static Component normalized(const RawPieces& raw, bool (*in_set)(unsigned char)) {
    Component c;
    for (const auto& [wildcard, text] : raw) {
      Piece piece{wildcard, {}};
      if (!wildcard) whatwg::percent_encode_append(piece.literal, text, in_set);
      c.pieces.push_back(std::move(piece));
    }
    return c;
  }

  // Path, search and hash, from `pos` (the end of the authority) to the end of the pattern.
  void compile_path_search_hash(std::size_t pos) {
    const bool has_path = pos < pattern.size() && pattern[pos] == '/';
    if (has_path) {
      std::size_t end = find_component_end(pattern, pos, "?#", where, pattern);
      RawPieces raw = tokenize(pattern.substr(pos, end - pos), "path", where, pattern);
      if (contains_dot_segment(raw)) {
        fail("'.' and '..' segments are not supported in a pattern path; write the path the way a "
             "URL parser normalizes it");
      }
      out.path_ = normalized(raw, in_path_set);
      pos = end;
    }
    const bool has_search = pos < pattern.size() && pattern[pos] == '?';
    if (has_search) {
      std::size_t end = find_component_end(pattern, pos + 1, "#", where, pattern);
      out.search_ = normalized(tokenize(pattern.substr(pos + 1, end - pos - 1), "query", where, pattern),
                               in_special_query_set);
      pos = end;
    }
    const bool has_hash = pos < pattern.size() && pattern[pos] == '#';
    if (has_hash) out.hash_ = normalized(tokenize(pattern.substr(pos + 1), "fragment", where, pattern), in_fragment_set);
    // URLPattern's constructor string: components after the last one written are wildcards;
    // unwritten ones before it are empty (the path of a special URL is then "/").
    if (!has_path) out.path_ = (has_search || has_hash) ? Component::exactly("/") : Component::any();
    if (!has_search) out.search_ = has_hash ? Component::exactly("") : Component::any();
    if (!has_hash) out.hash_ = Component::any();
  }

  // Tauri compatibility (RemoteUrlPattern::from_str): after parsing, a path that is empty or
  // exactly "/" and an empty (or absent) query or fragment become '*', so "https://tauri.app/"
  // grants every page of that origin. Only these three components are widened, never the
  // scheme, host or port: the origin stays exactly as written. A real path ("/docs", "/docs/*")
  // or a non-empty query or fragment is kept as written. See docs/url-patterns.md.
  void widen_like_tauri() {
    auto is_exactly = [](const Component& c, std::string_view literal) {
      return c.pieces.size() == 1 && !c.pieces.front().wildcard && c.pieces.front().literal == literal;
    };
    if (out.path_.pieces.empty() || is_exactly(out.path_, "/")) out.path_ = Component::any();
    if (out.search_.pieces.empty()) out.search_ = Component::any();
    if (out.hash_.pieces.empty()) out.hash_ = Component::any();
  }
};

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
  Compiler compiler{pattern, where, out};
  const std::size_t auth_begin = compiler.compile_scheme();
  const std::size_t auth_end = compiler.authority_end(auth_begin);
  compiler.compile_host_and_port(pattern.substr(auth_begin, auth_end - auth_begin));
  compiler.compile_path_search_hash(auth_end);
  compiler.widen_like_tauri();
  return out;
}

bool UrlPattern::matches(std::string_view url) const noexcept {
  try {
    auto parsed = whatwg::parse_url(url);
    // Only remote-origin schemes ever match; userinfo never matches, not even an empty one.
    if (!parsed || !parsed->special || parsed->has_credentials) return false;
    return scheme_.match(parsed->scheme) && host_.match(parsed->host) && port_.match(parsed->port) &&
           path_.match(parsed->path) && search_.match(parsed->query) && hash_.match(parsed->fragment);
  } catch (...) {
    return false;  // allocation failure: deny
  }
}

}  // namespace warden::acl
