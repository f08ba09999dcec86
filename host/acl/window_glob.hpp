#pragma once
// Window and webview label patterns of a capability ("main", "editor-*", "pane-?",
// "[a-c]*"), compiled once when the ACL is built so a check only walks the label.
// Syntax and meaning as the `glob` crate Tauri uses: `*` any run of characters (`**` too,
// labels have no path separators), `?` one character, `[abc]` / `[a-z]` / `[!a-z]` one
// character in / not in the class; `[*]`, `[?]`, `[[]` match those characters literally.
// Matching is case-sensitive and per Unicode code point.
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace warden::acl {

class WindowGlob {
 public:
  // Throws std::invalid_argument explaining what is wrong (e.g. an unclosed '[').
  static WindowGlob compile(std::string_view pattern);

  // Never allocates.
  bool matches(std::string_view label) const noexcept;
  const std::string& text() const noexcept { return text_; }

 private:
  enum class Kind : std::uint8_t { literal, any_char, star, in_class, not_in_class };
  struct Token {
    Kind kind;
    char32_t ch = 0;            // literal
    std::uint32_t first = 0;    // class ranges [first, first + count) in ranges_
    std::uint32_t count = 0;
    std::uint32_t at = 0;       // byte offset in the pattern where the token starts
  };
  struct Range {
    char32_t low, high;
  };

  bool token_matches(const Token& t, char32_t c) const noexcept;
  void split_literal_ends();
  bool match_tokens(std::size_t first, std::size_t last, std::string_view label) const noexcept;

  std::string text_;
  std::vector<Token> tokens_;
  std::vector<Range> ranges_;
  bool literal_only_ = true;  // fast path: plain string comparison
  // Fast path for the usual shapes ("editor-*", "*-main", "a*b"): the literal text before
  // the first wildcard and after the last star is compared with memcmp, and only the
  // tokens in between are walked (none when they are a single '*').
  std::string prefix_, suffix_;
  std::size_t middle_first_ = 0, middle_last_ = 0;
  bool middle_is_star_ = false;
};

}  // namespace warden::acl
