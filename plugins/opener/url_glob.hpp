#pragma once
// A URL pattern of an opener scope entry (`{"url": "https://*.example.com/*"}`), with the meaning
// Tauri's opener gives it: a Unix glob matched against the whole URL string, case-sensitive, where
// `*` is any run of characters ('/' included), `?` any one character, `[abc]` / `[a-z]` one of a
// set and `[!abc]` one outside it; `[*]`, `[?]` and `[[]` are the characters themselves. There is
// no URL parsing: `https://example.com*` also matches `https://example.com.evil.net`, exactly as in
// Tauri (docs/plugins/opener.md says how to write patterns that do not).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace warden::opener_plugin {

class UrlGlob {
 public:
  // nullopt with `error` set when the pattern is malformed (an unclosed or empty '[...]').
  static std::optional<UrlGlob> compile(std::string_view pattern, std::string& error);

  bool matches(std::string_view url) const;
  const std::string& pattern() const { return pattern_; }
  // The pattern's scheme when it is written out as plain text before the first ':' (`file:*`
  // names `file`; `*`, `f?le:*` and `[f]ile:*` name none), lowercased; empty otherwise. A URL of a
  // scheme that launches local content is allowed only by an entry that names its scheme.
  const std::string& literal_scheme() const { return literal_scheme_; }

 private:
  struct Token {
    enum Kind { literal, any_one, any_run, set } kind = literal;
    char c = 0;
    bool negated = false;
    std::vector<std::pair<unsigned char, unsigned char>> ranges;  // for `set`
  };
  static bool token_matches(const Token& t, char c);

  std::string pattern_;
  std::string literal_scheme_;
  std::vector<Token> tokens_;
};

}  // namespace warden::opener_plugin
