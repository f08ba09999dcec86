#include "acl/window_glob.hpp"

namespace warden::acl {
namespace {

// Decodes one UTF-8 code point at `pos` and advances; invalid bytes decode as themselves,
// so malformed labels still compare byte-for-byte and never read out of bounds.
char32_t next_code_point(std::string_view s, std::size_t& pos) noexcept {
  auto byte = [&](std::size_t i) { return static_cast<unsigned char>(s[i]); };
  unsigned char b = byte(pos);
  std::size_t len = b < 0x80 ? 1 : (b >> 5) == 0x6 ? 2 : (b >> 4) == 0xE ? 3 : (b >> 3) == 0x1E ? 4 : 1;
  if (pos + len > s.size()) len = 1;
  for (std::size_t i = 1; i < len; ++i)
    if ((byte(pos + i) & 0xC0) != 0x80) len = 1;
  char32_t c = len == 1 ? b : len == 2 ? (b & 0x1F) : len == 3 ? (b & 0x0F) : (b & 0x07);
  for (std::size_t i = 1; i < len; ++i) c = (c << 6) | (byte(pos + i) & 0x3F);
  pos += len;
  return c;
}

}  // namespace

WindowGlob WindowGlob::compile(std::string_view pattern) {
  WindowGlob g;
  g.text_ = std::string(pattern);
  std::size_t pos = 0;
  while (pos < pattern.size()) {
    auto at = static_cast<std::uint32_t>(pos);
    std::size_t before = g.tokens_.size();
    char32_t c = next_code_point(pattern, pos);
    if (c == '*') {
      while (pos < pattern.size() && pattern[pos] == '*') ++pos;  // "**" is "*" for labels
      g.tokens_.push_back({Kind::star});
      g.literal_only_ = false;
    } else if (c == '?') {
      g.tokens_.push_back({Kind::any_char});
      g.literal_only_ = false;
    } else if (c == '[') {
      Token t{Kind::in_class};
      if (pos < pattern.size() && pattern[pos] == '!') {
        t.kind = Kind::not_in_class;
        ++pos;
      }
      t.first = static_cast<std::uint32_t>(g.ranges_.size());
      bool first_member = true;
      bool closed = false;
      while (pos < pattern.size()) {
        char32_t low = next_code_point(pattern, pos);
        if (low == ']' && !first_member) {
          closed = true;
          break;
        }
        first_member = false;
        char32_t high = low;
        if (pos + 1 < pattern.size() && pattern[pos] == '-' && pattern[pos + 1] != ']') {
          ++pos;
          high = next_code_point(pattern, pos);
          if (high < low) throw std::invalid_argument("invalid range in '" + g.text_ + "': the end comes before the start");
        }
        g.ranges_.push_back({low, high});
      }
      if (!closed) throw std::invalid_argument("unclosed '[' in window pattern '" + g.text_ + "'");
      t.count = static_cast<std::uint32_t>(g.ranges_.size()) - t.first;
      g.tokens_.push_back(t);
      g.literal_only_ = false;
    } else {
      g.tokens_.push_back({Kind::literal, c});
    }
    if (g.tokens_.size() > before) g.tokens_.back().at = at;
  }
  g.split_literal_ends();
  return g;
}

bool WindowGlob::token_matches(const Token& t, char32_t c) const noexcept {
  switch (t.kind) {
    case Kind::literal: return t.ch == c;
    case Kind::any_char: return true;
    case Kind::in_class:
    case Kind::not_in_class: {
      bool in = false;
      for (std::uint32_t i = t.first; i < t.first + t.count && !in; ++i)
        in = ranges_[i].low <= c && c <= ranges_[i].high;
      return in == (t.kind == Kind::in_class);
    }
    case Kind::star: return false;
  }
  return false;
}

void WindowGlob::split_literal_ends() {
  // Cut from the pattern's own bytes, so labels compare byte-for-byte as in the slow path.
  std::size_t first = 0, last = tokens_.size();
  while (first < last && tokens_[first].kind == Kind::literal) ++first;
  prefix_ = text_.substr(0, first < last ? tokens_[first].at : text_.size());
  bool has_star = false;
  for (std::size_t i = first; i < last; ++i) has_star = has_star || tokens_[i].kind == Kind::star;
  if (has_star) {
    // Literal tokens after the last star must match the label's end exactly.
    std::size_t tail = last;
    while (tail > first && tokens_[tail - 1].kind == Kind::literal) --tail;
    if (tail < last) suffix_ = text_.substr(tokens_[tail].at);
    last = tail;
  }
  middle_first_ = first;
  middle_last_ = last;
  middle_is_star_ = last - first == 1 && tokens_[first].kind == Kind::star;
}

bool WindowGlob::matches(std::string_view label) const noexcept {
  if (literal_only_) return label == text_;
  if (label.size() < prefix_.size() + suffix_.size()) return false;
  if (label.compare(0, prefix_.size(), prefix_) != 0) return false;
  if (label.compare(label.size() - suffix_.size(), suffix_.size(), suffix_) != 0) return false;
  if (middle_is_star_) return true;
  return match_tokens(middle_first_, middle_last_,
                      label.substr(prefix_.size(), label.size() - prefix_.size() - suffix_.size()));
}

bool WindowGlob::match_tokens(std::size_t first, std::size_t last, std::string_view label) const noexcept {
  // Classic wildcard matching: on a mismatch, let the last '*' swallow one more character.
  std::size_t t = first, pos = 0;
  std::size_t star_token = SIZE_MAX, star_pos = 0;
  while (pos < label.size()) {
    if (t < last && tokens_[t].kind == Kind::star) {
      star_token = t++;
      star_pos = pos;
      continue;
    }
    std::size_t next = pos;
    char32_t c = next_code_point(label, next);
    if (t < last && token_matches(tokens_[t], c)) {
      ++t;
      pos = next;
    } else if (star_token != SIZE_MAX) {
      t = star_token + 1;
      next_code_point(label, star_pos);
      pos = star_pos;
    } else {
      return false;
    }
  }
  while (t < last && tokens_[t].kind == Kind::star) ++t;
  return t == last;
}

}  // namespace warden::acl
