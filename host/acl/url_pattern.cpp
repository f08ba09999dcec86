// Warden's URLPattern: the behaviour (not the code) follows the WHATWG URLPattern standard
// (https://urlpattern.spec.whatwg.org/), as Tauri's `urlpattern` crate does, with Tauri's widening
// of `/` paths and empty queries and fragments. docs/url-patterns.md says where Warden is
// stricter. Each component pattern becomes a list of parts (fixed text, `*`, `:name`, `(regexp)`,
// with a prefix, suffix and modifier); a URL component is matched against the parts by a
// memoized backtracking search, with std::regex only for the text of a regular-expression group.
// URLs are read by the WHATWG URL parser (whatwg_url.hpp); the pattern's fixed text is
// normalized with the same encoders, so fixed text compares byte for byte.
#include "acl/url_pattern.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <functional>
#include <mutex>
#include <regex>
#include <set>
#include <utility>
#include <vector>

#include <spdlog/spdlog.h>

#include "acl/whatwg_url.hpp"

namespace warden::acl {

using whatwg::ends_in_a_number;
using whatwg::in_c0_set;
using whatwg::in_fragment_set;
using whatwg::in_path_set;
using whatwg::in_special_query_set;
using whatwg::is_alpha;
using whatwg::is_digit;
using whatwg::is_double_dot_segment;
using whatwg::is_hex;
using whatwg::is_single_dot_segment;
using whatwg::lowered;
using whatwg::parse_ipv4;

namespace {

// A pattern the standard rejects; parse() turns it into an Error with the location.
struct Invalid {
  std::string why;
};

// ---- Tokens (the standard's "tokenize") -----------------------------------------------------

enum class TokenType { open, close, regexp, name, character, escaped_character, other_modifier, asterisk, end, invalid };
enum class Policy { strict, lenient };

struct Token {
  TokenType type;
  std::size_t index;  // where the token starts in the input
  std::string value;
};

std::size_t code_point_length(std::string_view s, std::size_t at) {
  auto lead = static_cast<unsigned char>(s[at]);
  std::size_t n = lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
  return std::min(n, s.size() - at);
}

// Group names: ASCII identifiers (the standard also allows non-ASCII ID_Start/ID_Continue).
bool is_name_char(char c, bool first) {
  return is_alpha(c) || c == '$' || c == '_' || (!first && is_digit(c));
}

class Tokenizer {
 public:
  Tokenizer(std::string_view input, Policy policy) : in_(input), policy_(policy) {}

  std::vector<Token> run() {
    while (i_ < in_.size()) {
      const std::size_t next = i_ + code_point_length(in_, i_);
      const char c = in_[i_];
      if (c == '*') add(TokenType::asterisk, next, i_, next - i_);
      else if (c == '+' || c == '?') add(TokenType::other_modifier, next, i_, next - i_);
      else if (c == '\\') escaped(next);
      else if (c == '{') add(TokenType::open, next, i_, next - i_);
      else if (c == '}') add(TokenType::close, next, i_, next - i_);
      else if (c == ':') name(next);
      else if (c == '(') regexp(next);
      else add(TokenType::character, next, i_, next - i_);
    }
    tokens_.push_back({TokenType::end, i_, {}});
    return std::move(tokens_);
  }

 private:
  void add(TokenType type, std::size_t next, std::size_t value_at, std::size_t value_length) {
    tokens_.push_back({type, i_, std::string(in_.substr(value_at, value_length))});
    i_ = next;
  }

  void error(std::size_t next, std::size_t value_at, std::string why) {
    if (policy_ == Policy::strict) throw Invalid{std::move(why)};
    add(TokenType::invalid, next, value_at, next - value_at);
  }

  void escaped(std::size_t next) {
    if (next >= in_.size()) return error(next, i_, "it ends with a lone '\\' (an escape with nothing to escape)");
    const std::size_t after = next + code_point_length(in_, next);
    add(TokenType::escaped_character, after, next, after - next);
  }

  void name(std::size_t next) {
    std::size_t pos = next;
    while (pos < in_.size() && is_name_char(in_[pos], pos == next)) ++pos;
    if (pos == next) {
      return error(next, i_, "':' starts a named group and must be followed by a name; escape a literal colon as '\\:'");
    }
    add(TokenType::name, pos, next, pos - next);
  }

  void regexp(std::size_t next) {
    const std::size_t start = next;
    std::size_t pos = next;
    int depth = 1;
    while (pos < in_.size()) {
      const auto ch = static_cast<unsigned char>(in_[pos]);
      if (ch >= 0x80) return error(start, i_, "a regular-expression group '(...)' may contain only ASCII characters");
      if (pos == start && ch == '?') return error(start, i_, "a regular-expression group may not start with '?'");
      if (ch == '\\') {
        if (pos + 1 >= in_.size() || static_cast<unsigned char>(in_[pos + 1]) >= 0x80) {
          return error(start, i_, "bad escape at the end of a regular-expression group");
        }
        pos += 2;
        continue;
      }
      if (ch == ')' && --depth == 0) {
        ++pos;
        break;
      }
      if (ch == '(') {
        ++depth;
        if (pos + 1 >= in_.size() || in_[pos + 1] != '?') {
          return error(start, i_, "a group inside a regular-expression group must be non-capturing: '(?:...)'");
        }
      }
      ++pos;
    }
    if (depth != 0) return error(start, i_, "a regular-expression group '(' is not closed");
    if (pos - start - 1 == 0) return error(start, i_, "an empty regular-expression group '()'");
    add(TokenType::regexp, pos, start, pos - start - 1);
  }

  std::string_view in_;
  Policy policy_;
  std::vector<Token> tokens_;
  std::size_t i_ = 0;
};

// ---- Parts (the standard's "parse a pattern string") ----------------------------------------

enum class PartType { fixed, regexp, segment_wildcard, full_wildcard };
enum class Modifier { none, optional, zero_or_more, one_or_more };

struct Part {
  PartType type = PartType::fixed;
  std::string value;  // fixed: the (encoded) text; regexp: the expression
  Modifier modifier = Modifier::none;
  std::string name, prefix, suffix;
  std::shared_ptr<const std::regex> regex;  // regexp parts
};

struct Options {
  char delimiter = 0;  // 0: none
  char prefix = 0;
};
constexpr Options kDefaultOptions{};
constexpr Options kHostnameOptions{'.', 0};
constexpr Options kPathnameOptions{'/', '/'};

using Encoder = std::function<std::string(std::string_view)>;

std::string escape_regexp(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (std::string_view(".+*?^${}()[]|/\\").find(c) != std::string_view::npos) out += '\\';
    out += c;
  }
  return out;
}

std::string segment_wildcard_regexp(Options o) {
  return "[^" + escape_regexp(o.delimiter ? std::string(1, o.delimiter) : std::string()) + "]+?";
}

class PatternParser {
 public:
  PatternParser(std::string_view input, Options options, Encoder encode)
      : tokens_(Tokenizer(input, Policy::strict).run()), options_(options), encode_(std::move(encode)),
        segment_regexp_(segment_wildcard_regexp(options)) {}

  std::vector<Part> run() {
    while (index_ < tokens_.size()) {
      const Token* char_token = take(TokenType::character);
      const Token* name_token = take(TokenType::name);
      const Token* group_token = take_regexp_or_wildcard(name_token);
      if (name_token || group_token) {
        std::string prefix = char_token ? char_token->value : std::string();
        if (!prefix.empty() && (options_.prefix == 0 || prefix != std::string(1, options_.prefix))) {
          pending_ += prefix;
          prefix.clear();
        }
        flush_pending();
        add_part(prefix, name_token, group_token, {}, take_modifier());
        continue;
      }
      const Token* fixed = char_token ? char_token : take(TokenType::escaped_character);
      if (fixed) {
        pending_ += fixed->value;
        continue;
      }
      if (take(TokenType::open)) {
        std::string prefix = take_text();
        name_token = take(TokenType::name);
        group_token = take_regexp_or_wildcard(name_token);
        std::string suffix = take_text();
        if (!take(TokenType::close)) throw Invalid{"a group '{' is not closed by '}', or holds more than one name or wildcard"};
        add_part(prefix, name_token, group_token, suffix, take_modifier());
        continue;
      }
      flush_pending();
      if (!take(TokenType::end)) throw Invalid{"unexpected '" + tokens_[index_].value + "' (escape it with '\\' to mean the character itself)"};
    }
    return std::move(parts_);
  }

 private:
  const Token* take(TokenType type) {
    if (index_ >= tokens_.size() || tokens_[index_].type != type) return nullptr;
    return &tokens_[index_++];
  }
  const Token* take_regexp_or_wildcard(const Token* name_token) {
    const Token* t = take(TokenType::regexp);
    if (!name_token && !t) t = take(TokenType::asterisk);
    return t;
  }
  const Token* take_modifier() {
    const Token* t = take(TokenType::other_modifier);
    return t ? t : take(TokenType::asterisk);
  }
  std::string take_text() {
    std::string out;
    for (;;) {
      const Token* t = take(TokenType::character);
      if (!t) t = take(TokenType::escaped_character);
      if (!t) return out;
      out += t->value;
    }
  }

  void flush_pending() {
    if (pending_.empty()) return;
    Part part;
    part.value = encode_(pending_);
    pending_.clear();
    parts_.push_back(std::move(part));
  }

  void add_part(std::string prefix, const Token* name_token, const Token* group_token, std::string suffix,
                const Token* modifier_token) {
    Modifier modifier = Modifier::none;
    if (modifier_token) {
      modifier = modifier_token->value == "?" ? Modifier::optional
                 : modifier_token->value == "*" ? Modifier::zero_or_more
                                                : Modifier::one_or_more;
    }
    if (!name_token && !group_token && modifier == Modifier::none) {
      pending_ += prefix;
      return;
    }
    flush_pending();
    if (!name_token && !group_token) {
      if (prefix.empty()) return;
      Part part;
      part.value = encode_(prefix);
      part.modifier = modifier;
      parts_.push_back(std::move(part));
      return;
    }
    std::string regexp_value = !group_token ? segment_regexp_
                               : group_token->type == TokenType::asterisk ? std::string(".*")
                                                                          : group_token->value;
    Part part;
    part.type = PartType::regexp;
    if (regexp_value == segment_regexp_) part.type = PartType::segment_wildcard;
    else if (regexp_value == ".*") part.type = PartType::full_wildcard;
    else part.value = regexp_value;
    if (part.type == PartType::regexp) {
      try {
        part.regex = std::make_shared<const std::regex>(regexp_value, std::regex::ECMAScript);
      } catch (const std::regex_error& e) {
        throw Invalid{"the regular expression '(" + regexp_value + ")' does not compile: " + e.what()};
      }
    }
    part.name = name_token ? name_token->value : std::to_string(next_numeric_name_++);
    for (const auto& other : parts_) {
      if (other.type != PartType::fixed && other.name == part.name) throw Invalid{"the group name '" + part.name + "' is used twice"};
    }
    part.prefix = encode_(prefix);
    part.suffix = encode_(suffix);
    part.modifier = modifier;
    parts_.push_back(std::move(part));
  }

  std::vector<Token> tokens_;
  Options options_;
  Encoder encode_;
  std::string segment_regexp_;
  std::size_t index_ = 0;
  std::string pending_;
  std::vector<Part> parts_;
  int next_numeric_name_ = 0;
};

// ---- Matching one component ------------------------------------------------------------------

// A hostile page chooses its URL, and matching must not stall the host: a regular-expression
// group spans at most kMaxRegexpSpan characters, one match evaluates regular expressions at most
// kRegexpBudget times and takes at most kStepsPerChar steps per character of the component
// (plus kBaseSteps). Beyond any of these the answer is "no match": a refusal, never a false grant
// (every end position the search produces is a real one; running out only drops some).
constexpr std::size_t kMaxRegexpSpan = 1024;
constexpr std::size_t kRegexpBudget = 20000;
constexpr std::size_t kStepsPerChar = 64;
constexpr std::size_t kBaseSteps = 100000;

struct Component {
  std::vector<Part> parts;
  char delimiter = 0;
  bool any = false;  // a lone `*`: matches everything, no search needed

  static Component compile(std::string_view pattern, Options options, const Encoder& encode) {
    Component c;
    c.parts = PatternParser(pattern, options, encode).run();
    c.delimiter = options.delimiter;
    c.any = c.parts.size() == 1 && c.parts[0].type == PartType::full_wildcard && c.parts[0].prefix.empty() &&
            c.parts[0].suffix.empty();
    return c;
  }

  bool fixed() const {
    return std::all_of(parts.begin(), parts.end(), [](const Part& p) { return p.type == PartType::fixed; });
  }

  bool match(std::string_view value) const;
};

class ComponentSearch {
 public:
  ComponentSearch(const Component& c, std::string_view s)
      : c_(c), s_(s), memo_((c.parts.size() + 1) * (s.size() + 1), -1),
        steps_(kStepsPerChar * (s.size() + 1) + kBaseSteps) {}

  bool from(std::size_t part, std::size_t pos) {
    if (part == c_.parts.size()) return pos == s_.size();
    signed char& known = memo_[part * (s_.size() + 1) + pos];
    if (known >= 0) return known != 0;
    bool ok = false;
    for (std::size_t end : part_ends(c_.parts[part], pos)) {
      if (!spend()) break;
      if (from(part + 1, end)) {
        ok = true;
        break;
      }
    }
    known = ok ? 1 : 0;
    return ok;
  }

 private:
  bool literal_at(std::string_view text, std::size_t pos) const {
    return pos <= s_.size() && s_.substr(pos, text.size()) == text;
  }

  // Where the part's value (without prefix and suffix) can end when it starts at `start`.
  void value_ends(const Part& p, std::size_t start, std::vector<std::size_t>& out) {
    const std::size_t n = s_.size();
    switch (p.type) {
      case PartType::fixed:
        if (literal_at(p.value, start)) out.push_back(start + p.value.size());
        return;
      case PartType::full_wildcard:
        for (std::size_t e = start; e <= n && spend(); ++e) out.push_back(e);
        return;
      case PartType::segment_wildcard:
        for (std::size_t e = start; e < n && (c_.delimiter == 0 || s_[e] != c_.delimiter) && spend(); ++e)
          out.push_back(e + 1);
        return;
      case PartType::regexp:
        for (std::size_t e = start; e <= n && e - start <= kMaxRegexpSpan; ++e) {
          if (budget_ == 0 || !spend()) return;
          --budget_;
          if (std::regex_match(s_.data() + start, s_.data() + e, *p.regex)) out.push_back(e);
        }
        return;
    }
  }

  // prefix value suffix, once, from `start`.
  void occurrence(const Part& p, std::size_t start, std::vector<std::size_t>& out) {
    if (!literal_at(p.prefix, start)) return;
    std::vector<std::size_t> ends;
    value_ends(p, start + p.prefix.size(), ends);
    for (std::size_t e : ends)
      if (literal_at(p.suffix, e)) out.push_back(e + p.suffix.size());
  }

  // Where the whole part, with its modifier, can end when it starts at `pos`.
  std::vector<std::size_t> part_ends(const Part& p, std::size_t pos) {
    std::vector<std::size_t> out;
    if (p.modifier == Modifier::optional || p.modifier == Modifier::zero_or_more) out.push_back(pos);
    if (p.modifier == Modifier::none || p.modifier == Modifier::optional) {
      occurrence(p, pos, out);
    } else {
      repeated(p, pos, out);
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
  }

  // One or more repetitions: `value+` without prefix and suffix, else
  // `prefix value (suffix prefix value)* suffix` (the standard's regular expression).
  void repeated(const Part& p, std::size_t pos, std::vector<std::size_t>& out) {
    std::vector<char> seen(s_.size() + 1, 0);
    std::vector<std::size_t> work;
    auto reach = [&](std::size_t e) {
      if (!seen[e]) {
        seen[e] = 1;
        work.push_back(e);
      }
    };
    std::vector<std::size_t> ends;
    if (p.prefix.empty() && p.suffix.empty()) {
      value_ends(p, pos, ends);
      for (std::size_t e : ends) reach(e);
      while (!work.empty() && spend()) {
        std::size_t at = work.back();
        work.pop_back();
        out.push_back(at);
        ends.clear();
        value_ends(p, at, ends);
        for (std::size_t e : ends) reach(e);
      }
      return;
    }
    if (literal_at(p.prefix, pos)) value_ends(p, pos + p.prefix.size(), ends);
    for (std::size_t e : ends) reach(e);
    while (!work.empty() && spend()) {
      std::size_t at = work.back();  // just after a value
      work.pop_back();
      if (!literal_at(p.suffix, at)) continue;
      out.push_back(at + p.suffix.size());
      std::size_t again = at + p.suffix.size();
      if (!literal_at(p.prefix, again)) continue;
      ends.clear();
      value_ends(p, again + p.prefix.size(), ends);
      for (std::size_t e : ends) reach(e);
    }
  }

  const Component& c_;
  std::string_view s_;
  std::vector<signed char> memo_;
  bool spend() {
    if (steps_ == 0) return false;
    --steps_;
    return true;
  }

  std::size_t budget_ = kRegexpBudget;
  std::size_t steps_;
};

bool Component::match(std::string_view value) const {
  if (any) return true;
  return ComponentSearch(*this, value).from(0, 0);
}

// ---- Encoders: how the standard canonicalizes a pattern's fixed text per component ----------

std::string encode_protocol(std::string_view s) {
  if (s.empty()) return {};
  bool ok = is_alpha(s.front());
  for (char c : s) ok = ok && (is_alpha(c) || is_digit(c) || c == '+' || c == '-' || c == '.');
  if (!ok) throw Invalid{"'" + std::string(s) + "' is not a valid scheme (letters, digits, '+', '-', '.')"};
  return lowered(s);
}

bool in_userinfo_set(unsigned char c) {
  return in_path_set(c) || c == '/' || c == ':' || c == ';' || c == '=' || c == '@' || (c >= '[' && c <= '^') || c == '|';
}

std::string encode_with(std::string_view s, bool (*in_set)(unsigned char)) {
  std::string out;
  whatwg::percent_encode_append(out, s, in_set);
  return out;
}

bool is_forbidden_domain_char(unsigned char c) {
  return c <= 0x20 || c == 0x7F || std::string_view("#%/:<>?@[\\]^|").find(static_cast<char>(c)) != std::string_view::npos;
}

int hex_value(char c) { return is_digit(c) ? c - '0' : (c | 0x20) - 'a' + 10; }

// As a URL parser reads a host (and Tauri's urlpattern crate, through the url crate): percent-
// escapes decoded first, then the same checks as for any host.
std::string percent_decoded(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && is_hex(s[i + 1]) && is_hex(s[i + 2])) {
      out += static_cast<char>(hex_value(s[i + 1]) * 16 + hex_value(s[i + 2]));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

std::string encode_hostname(std::string_view s) {
  if (s.empty()) return {};
  const std::string decoded = percent_decoded(s);
  for (char ch : decoded) {
    auto c = static_cast<unsigned char>(ch);
    if (c >= 0x80) {
      throw Invalid{"non-ASCII host: internationalized domain names are not supported, write the host's ASCII "
                    "(punycode) form, e.g. 'xn--bcher-kva.de'"};
    }
    if (is_forbidden_domain_char(c)) throw Invalid{std::string("character '") + ch + "' is not allowed in a host"};
  }
  std::string host = lowered(decoded);
  if (ends_in_a_number(host)) {
    auto v4 = parse_ipv4(host);
    if (!v4) throw Invalid{"the host '" + host + "' ends in a number but is not a valid IPv4 address"};
    return *v4;
  }
  return host;
}

std::string encode_ipv6_hostname(std::string_view s) {
  for (char c : s) {
    if (!is_hex(c) && c != '[' && c != ']' && c != ':') {
      throw Invalid{std::string("character '") + c + "' is not allowed in an IPv6 address"};
    }
  }
  return lowered(s);
}

std::string encode_port(std::string_view s) {
  if (s.empty()) return {};
  std::uint32_t value = 0;
  for (char c : s) {
    if (!is_digit(c)) throw Invalid{"the port must be a number, '*' or a group, not '" + std::string(s) + "'"};
    value = value * 10 + static_cast<std::uint32_t>(c - '0');
    if (value > 65535) throw Invalid{"the port is larger than 65535"};
  }
  return std::to_string(value);
}

// A path piece as a URL parser writes a special URL's path: '\\' is '/', percent-encoded, `.` and
// `..` segments resolved. A piece that does not start with '/' is resolved behind a dummy "/-"
// segment, as the standard does.
std::string encode_pathname(std::string_view s) {
  if (s.empty()) return {};
  std::string text(s);
  std::replace(text.begin(), text.end(), '\\', '/');
  const bool leading_slash = text.front() == '/';
  if (!leading_slash) text = "/-" + text;
  std::vector<std::string> segments;
  std::size_t begin = 1;
  for (;;) {
    std::size_t end = text.find('/', begin);
    const bool last = end == std::string::npos;
    std::string segment = encode_with(std::string_view(text).substr(begin, (last ? text.size() : end) - begin), in_path_set);
    if (is_double_dot_segment(segment)) {
      if (!segments.empty()) segments.pop_back();
      if (last) segments.emplace_back();
    } else if (is_single_dot_segment(segment)) {
      if (last) segments.emplace_back();
    } else {
      segments.push_back(std::move(segment));
    }
    if (last) break;
    begin = end + 1;
  }
  std::string out;
  for (const auto& segment : segments) out += "/" + segment;
  if (!leading_slash) out = out.size() >= 2 ? out.substr(2) : std::string();
  return out;
}

std::string encode_opaque_pathname(std::string_view s) { return encode_with(s, in_c0_set); }
std::string encode_search(std::string_view s) { return encode_with(s, in_special_query_set); }
std::string encode_hash(std::string_view s) { return encode_with(s, in_fragment_set); }

constexpr std::array<std::string_view, 6> kSpecialSchemes = {"ftp", "file", "http", "https", "ws", "wss"};

bool matches_a_special_scheme(const Component& protocol) {
  return std::any_of(kSpecialSchemes.begin(), kSpecialSchemes.end(), [&](std::string_view s) { return protocol.match(s); });
}

std::string_view default_port(std::string_view scheme) {
  if (scheme == "http" || scheme == "ws") return "80";
  if (scheme == "https" || scheme == "wss") return "443";
  if (scheme == "ftp") return "21";
  return {};
}

// ---- The constructor string (the standard's "parse a constructor string") --------------------

enum Field { protocol, username, password, hostname, port, pathname, search, hash, kFields };

struct Init {
  std::array<std::optional<std::string>, kFields> field;
};

class ConstructorParser {
 public:
  explicit ConstructorParser(std::string_view input) : in_(input), tokens_(Tokenizer(input, Policy::lenient).run()) {}

  Init run() {
    while (index_ < tokens_.size()) {
      increment_ = 1;
      if (tokens_[index_].type == TokenType::end) {
        if (state_ == State::init) {
          rewind();
          if (is_hash_prefix()) change_state(State::hash, 1);
          else if (is_search_prefix()) change_state(State::search, 1);
          else change_state(State::pathname, 0);
          index_ += increment_;
          continue;
        }
        if (state_ == State::authority) {
          rewind();
          state_ = State::hostname;
          index_ += increment_;
          continue;
        }
        change_state(State::done, 0);
        break;
      }
      if (tokens_[index_].type == TokenType::open) {
        ++group_depth_;
        index_ += increment_;
        continue;
      }
      if (group_depth_ > 0) {
        if (tokens_[index_].type == TokenType::close) {
          --group_depth_;
        } else {
          index_ += increment_;
          continue;
        }
      }
      step();
      index_ += increment_;
    }
    if (result_.field[hostname] && !result_.field[port]) result_.field[port] = "";
    return std::move(result_);
  }

 private:
  enum class State { init, protocol, authority, username, password, hostname, port, pathname, search, hash, done };

  void step() {
    switch (state_) {
      case State::init:
        if (is_char(index_, ':')) {
          rewind();
          state_ = State::protocol;
        }
        break;
      case State::protocol:
        if (is_char(index_, ':')) {
          compute_special_scheme_flag();
          State next = State::pathname;
          std::size_t skip = 1;
          if (is_char(index_ + 1, '/') && is_char(index_ + 2, '/')) {
            next = State::authority;
            skip = 3;
          } else if (special_scheme_) {
            next = State::authority;
          }
          change_state(next, skip);
        }
        break;
      case State::authority:
        if (is_char(index_, '@')) {
          rewind();
          state_ = State::username;
        } else if (is_char(index_, '/') || is_search_prefix() || is_hash_prefix()) {
          rewind();
          state_ = State::hostname;
        }
        break;
      case State::username:
        if (is_char(index_, ':')) change_state(State::password, 1);
        else if (is_char(index_, '@')) change_state(State::hostname, 1);
        break;
      case State::password:
        if (is_char(index_, '@')) change_state(State::hostname, 1);
        break;
      case State::hostname:
        if (is_char(index_, '[')) ++ipv6_depth_;
        else if (is_char(index_, ']')) --ipv6_depth_;
        else if (is_char(index_, ':') && ipv6_depth_ == 0) change_state(State::port, 1);
        else if (is_char(index_, '/')) change_state(State::pathname, 0);
        else if (is_search_prefix()) change_state(State::search, 1);
        else if (is_hash_prefix()) change_state(State::hash, 1);
        break;
      case State::port:
        if (is_char(index_, '/')) change_state(State::pathname, 0);
        else if (is_search_prefix()) change_state(State::search, 1);
        else if (is_hash_prefix()) change_state(State::hash, 1);
        break;
      case State::pathname:
        if (is_search_prefix()) change_state(State::search, 1);
        else if (is_hash_prefix()) change_state(State::hash, 1);
        break;
      case State::search:
        if (is_hash_prefix()) change_state(State::hash, 1);
        break;
      case State::hash:
      case State::done:
        break;
    }
  }

  static std::optional<Field> field_of(State s) {
    switch (s) {
      case State::protocol: return protocol;
      case State::username: return username;
      case State::password: return password;
      case State::hostname: return hostname;
      case State::port: return port;
      case State::pathname: return pathname;
      case State::search: return search;
      case State::hash: return hash;
      default: return std::nullopt;
    }
  }

  static bool one_of(State s, std::initializer_list<State> states) {
    return std::find(states.begin(), states.end(), s) != states.end();
  }

  void change_state(State next, std::size_t skip) {
    if (auto f = field_of(state_)) result_.field[*f] = component_string();
    if (state_ != State::init && next != State::done) {
      using S = State;
      if (one_of(state_, {S::protocol, S::authority, S::username, S::password}) &&
          one_of(next, {S::port, S::pathname, S::search, S::hash}) && !result_.field[hostname]) {
        result_.field[hostname] = "";
      }
      if (one_of(state_, {S::protocol, S::authority, S::username, S::password, S::hostname, S::port}) &&
          one_of(next, {S::search, S::hash}) && !result_.field[pathname]) {
        result_.field[pathname] = special_scheme_ ? "/" : "";
      }
      if (one_of(state_, {S::protocol, S::authority, S::username, S::password, S::hostname, S::port, S::pathname}) &&
          next == S::hash && !result_.field[search]) {
        result_.field[search] = "";
      }
    }
    state_ = next;
    index_ += skip;
    component_start_ = index_;
    increment_ = 0;
  }

  void rewind() {
    index_ = component_start_;
    increment_ = 0;
  }

  const Token& safe_token(std::size_t i) const { return i < tokens_.size() ? tokens_[i] : tokens_.back(); }

  bool is_char(std::size_t i, char c) const {
    const Token& t = safe_token(i);
    return t.value.size() == 1 && t.value[0] == c &&
           (t.type == TokenType::character || t.type == TokenType::escaped_character || t.type == TokenType::invalid);
  }

  bool is_search_prefix() const {
    if (is_char(index_, '?')) return true;
    if (tokens_[index_].value != "?") return false;
    if (index_ == 0) return true;
    TokenType previous = safe_token(index_ - 1).type;
    return !(previous == TokenType::name || previous == TokenType::regexp || previous == TokenType::close ||
             previous == TokenType::asterisk);
  }
  bool is_hash_prefix() const { return is_char(index_, '#'); }

  std::string component_string() const {
    std::size_t begin = safe_token(component_start_).index;
    std::size_t end = tokens_[index_].index;
    return std::string(in_.substr(begin, end - begin));
  }

  void compute_special_scheme_flag() {
    Component c = Component::compile(component_string(), kDefaultOptions, encode_protocol);
    special_scheme_ = matches_a_special_scheme(c);
  }

  std::string_view in_;
  std::vector<Token> tokens_;
  Init result_;
  State state_ = State::init;
  std::size_t component_start_ = 0, index_ = 0, increment_ = 1;
  int group_depth_ = 0, ipv6_depth_ = 0;
  bool special_scheme_ = false;
};

bool is_ipv6_pattern(std::string_view s) {
  return s.size() >= 2 && (s[0] == '[' || ((s[0] == '{' || s[0] == '\\') && s[1] == '['));
}

// ---- Broad and inert patterns --------------------------------------------------------------

// A host pattern is confined when it is fixed text, or ends in fixed text ".a.b" (two labels or
// more) right after its last wildcard: `*.tauri.app` stays under tauri.app; `*`, `*.*`,
// `tauri.*`, `*tauri.app` and `*.com` reach hosts of other domains.
bool host_is_confined(const Component& host) {
  if (host.fixed()) return true;
  const Part& last = host.parts.back();
  if (last.type != PartType::fixed || last.modifier != Modifier::none) return false;
  std::string tail = last.value;
  if (host.parts.size() >= 2) tail = host.parts[host.parts.size() - 2].suffix + tail;
  if (tail.size() < 4 || tail.front() != '.' || tail.back() == '.') return false;
  return tail.find('.', 1) != std::string::npos && tail.find("..") == std::string::npos;
}

void warn_once(const ErrorLocation& where, const std::string& pattern, const std::string& message) {
  static std::mutex mutex;
  static std::set<std::string> warned;
  {
    std::lock_guard lock(mutex);
    if (!warned.insert(where.file + '\n' + pattern + '\n' + message).second) return;
  }
  spdlog::warn("{}: remote URL pattern '{}'{}{}", where.file, pattern,
               where.field.empty() ? "" : " (" + where.field + ")", message);
}

}  // namespace

struct UrlPattern::Compiled {
  std::array<Component, kFields> component;
};

namespace {

// The pattern string's components as Tauri hands them to URLPattern: the constructor string,
// then Tauri's widening (RemoteUrlPattern::from_str: an empty or absent query or fragment, and a
// path that is empty or exactly "/", become '*'; the scheme, host and port are never widened),
// then the standard's defaults (absent components are '*', a default port is no port).
Init pattern_components(std::string_view pattern) {
  Init init = ConstructorParser(pattern).run();
  auto& f = init.field;
  if (!f[protocol]) {
    throw Invalid{"expected an absolute pattern 'scheme://host[:port][/path][?query][#fragment]', e.g. "
                  "'https://*.tauri.app'"};
  }
  if (!f[search] || f[search]->empty()) f[search] = "*";
  if (!f[hash] || f[hash]->empty()) f[hash] = "*";
  if (!f[pathname] || f[pathname]->empty() || *f[pathname] == "/") f[pathname] = "*";
  for (auto& value : f)
    if (!value) value = "*";
  if (!default_port(*f[protocol]).empty() && *f[port] == default_port(*f[protocol])) f[port] = "";
  return init;
}

std::string encode_userinfo(std::string_view s) { return encode_with(s, in_userinfo_set); }

UrlPattern::Compiled compile_components(const Init& init) {
  const auto& f = init.field;
  UrlPattern::Compiled out;
  auto& c = out.component;
  c[protocol] = Component::compile(*f[protocol], kDefaultOptions, encode_protocol);
  c[username] = Component::compile(*f[username], kDefaultOptions, encode_userinfo);
  c[password] = Component::compile(*f[password], kDefaultOptions, encode_userinfo);
  c[hostname] = Component::compile(*f[hostname], kHostnameOptions,
                                   is_ipv6_pattern(*f[hostname]) ? Encoder(encode_ipv6_hostname) : Encoder(encode_hostname));
  c[port] = Component::compile(*f[port], kDefaultOptions, encode_port);
  c[pathname] = matches_a_special_scheme(c[protocol])
                    ? Component::compile(*f[pathname], kPathnameOptions, encode_pathname)
                    : Component::compile(*f[pathname], kDefaultOptions, encode_opaque_pathname);
  c[search] = Component::compile(*f[search], kDefaultOptions, encode_search);
  c[hash] = Component::compile(*f[hash], kDefaultOptions, encode_hash);
  return out;
}

// Hosts of the app's own custom schemes (`app://*`) are served by the app, not by web sites:
// only a scheme wildcard, or a host wildcard on a web scheme, reaches other people's pages.
std::optional<std::string> why_broad(const UrlPattern::Compiled& compiled, const Init& init) {
  const auto& c = compiled.component;
  if (!c[protocol].fixed())
    return "its scheme '" + *init.field[protocol] + "' is a wildcard: it matches several schemes, web ones included";
  if (matches_a_special_scheme(c[protocol]) && !host_is_confined(c[hostname]))
    return "its host '" + *init.field[hostname] + "' matches hosts of any domain";
  return std::nullopt;
}

std::optional<std::string> why_inert(const UrlPattern::Compiled& compiled, const Init& init) {
  const auto& c = compiled.component;
  const std::string& written = *init.field[protocol];
  const std::string scheme = lowered(written);
  if (!c[username].match("") || !c[password].match(""))
    return "it requires userinfo ('user:password@'), and URLs with userinfo never match in Warden";
  if (c[protocol].fixed() && (scheme == "file" || scheme == "data" || scheme == "blob" || scheme == "about" ||
                              scheme == "javascript"))
    return "'" + scheme + ":' URLs have no host, and URLs without a host never match in Warden";
  if (scheme != written && !default_port(scheme).empty() && *init.field[port] == default_port(scheme))
    return "URLPattern keeps the default port after an uppercase scheme, and URLs never show it; write '" + scheme + "'";
  return std::nullopt;
}

}  // namespace

UrlPattern UrlPattern::parse(std::string_view pattern, const ErrorLocation& where) {
  UrlPattern out;
  out.source_ = std::string(pattern);
  Init init;
  std::shared_ptr<Compiled> compiled;
  try {
    init = pattern_components(pattern);
    compiled = std::make_shared<Compiled>(compile_components(init));
  } catch (const Invalid& e) {
    throw Error(ErrorKind::invalid_url_pattern, where, "invalid URL pattern '" + out.source_ + "': " + e.why);
  }
  out.broad_ = why_broad(*compiled, init);
  out.inert_ = why_inert(*compiled, init);
  out.compiled_ = std::move(compiled);
  if (!where.file.empty()) {
    if (out.broad_) warn_once(where, out.source_, " is broad: " + *out.broad_ + "; any page there gets this capability");
    if (out.inert_) warn_once(where, out.source_, " can never match: " + *out.inert_);
  }
  return out;
}

bool UrlPattern::matches(std::string_view url) const noexcept {
  try {
    auto parsed = whatwg::parse_url(url);
    // Userinfo never matches, not even an empty one; nor does a URL without a host.
    if (!parsed || parsed->has_credentials || parsed->host.empty()) return false;
    const auto& c = compiled_->component;
    return c[protocol].match(parsed->scheme) && c[username].match("") && c[password].match("") &&
           c[hostname].match(parsed->host) && c[port].match(parsed->port) && c[pathname].match(parsed->path) &&
           c[search].match(parsed->query) && c[hash].match(parsed->fragment);
  } catch (...) {
    return false;  // allocation failure, or a regular expression too complex to run: deny
  }
}

}  // namespace warden::acl
