#include "url_glob.hpp"

#include <warden/url_scheme.hpp>

namespace warden::opener_plugin {
namespace {

// The lowercased scheme when `pattern` starts with plain scheme characters and a ':'.
std::string plain_scheme(std::string_view pattern) { return warden::url_scheme(pattern).value_or(""); }

}  // namespace

std::optional<UrlGlob> UrlGlob::compile(std::string_view pattern, std::string& error) {
  UrlGlob g;
  g.pattern_ = std::string(pattern);
  g.literal_scheme_ = plain_scheme(pattern);
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    char c = pattern[i];
    Token t;
    if (c == '*') {
      // Consecutive stars mean what one star means when '/' is an ordinary character.
      if (!g.tokens_.empty() && g.tokens_.back().kind == Token::any_run) continue;
      t.kind = Token::any_run;
    } else if (c == '?') {
      t.kind = Token::any_one;
    } else if (c == '[') {
      std::size_t j = i + 1;
      t.kind = Token::set;
      if (j < pattern.size() && pattern[j] == '!') {
        t.negated = true;
        ++j;
      }
      // A ']' right after '[' or '[!' belongs to the set, as in a Unix glob.
      std::size_t first = j;
      while (j < pattern.size() && (pattern[j] != ']' || j == first)) {
        auto lo = static_cast<unsigned char>(pattern[j]);
        if (j + 2 < pattern.size() && pattern[j + 1] == '-' && pattern[j + 2] != ']') {
          auto hi = static_cast<unsigned char>(pattern[j + 2]);
          if (hi < lo) {
            error = "the range '" + std::string(pattern.substr(j, 3)) + "' runs backwards";
            return std::nullopt;
          }
          t.ranges.emplace_back(lo, hi);
          j += 3;
        } else {
          t.ranges.emplace_back(lo, lo);
          ++j;
        }
      }
      if (j >= pattern.size()) {
        error = "'[' at offset " + std::to_string(i) + " is not closed by ']'";
        return std::nullopt;
      }
      i = j;
    } else {
      t.c = c;
    }
    g.tokens_.push_back(std::move(t));
  }
  return g;
}

bool UrlGlob::token_matches(const Token& t, char c) {
  auto u = static_cast<unsigned char>(c);
  switch (t.kind) {
    case Token::literal: return c == t.c;
    case Token::any_one: return true;
    case Token::set: {
      bool in = false;
      for (auto [lo, hi] : t.ranges) in = in || (u >= lo && u <= hi);
      return in != t.negated;
    }
    case Token::any_run: break;
  }
  return false;
}

bool UrlGlob::matches(std::string_view url) const {
  // The classic glob walk: on a mismatch, let the last star take one more character and retry
  // from there. Every other token is one character, so this is O(pattern x URL) at worst, with no
  // recursion: a long URL and a pattern with many stars cannot make it blow up.
  std::size_t ti = 0, ui = 0;
  std::size_t star = std::string_view::npos, star_ui = 0;
  while (ui < url.size()) {
    if (ti < tokens_.size() && tokens_[ti].kind == Token::any_run) {
      star = ti++;
      star_ui = ui;
    } else if (ti < tokens_.size() && token_matches(tokens_[ti], url[ui])) {
      ++ti;
      ++ui;
    } else if (star != std::string_view::npos) {
      ti = star + 1;
      ui = ++star_ui;
    } else {
      return false;
    }
  }
  while (ti < tokens_.size() && tokens_[ti].kind == Token::any_run) ++ti;
  return ti == tokens_.size();
}

}  // namespace warden::opener_plugin
