/*
 * Warden plugin SDK, C++ helper (header-only, no host header): ASCII character classes and case,
 * for every name, keyword, scheme, header, extension or key a program compares.
 *
 * Why not <cctype> or <locale>: GTK's init calls setlocale(LC_ALL, "") in the host and in every
 * plugin, so std::tolower, std::isalpha, std::isspace... follow the user's locale. In
 * tr_TR.ISO-8859-9, tolower('I') is 0xfd (dotless i) and toupper('i') is 0xdd, and in any
 * single-byte locale bytes above 0x7f count as letters: "MAILTO:" stops being mailto:, "SCRIPT-SRC"
 * stops being script-src. These functions look at ASCII only and leave every other byte as it is,
 * whatever the locale. tests/unit/locale checks them (and their users) under a real Turkish locale;
 * tests/unit/locale/check_no_locale_calls.py keeps <cctype> calls out of host/, plugins/ and sdk/.
 *
 *   if (warden::ascii_iequals(type, "application/json")) ...
 *   std::string key = warden::ascii_lower(name);
 */
#ifndef WARDEN_ASCII_HPP
#define WARDEN_ASCII_HPP

#include <cstddef>
#include <string>
#include <string_view>

namespace warden {

constexpr bool is_ascii_upper(char c) { return c >= 'A' && c <= 'Z'; }
constexpr bool is_ascii_lower(char c) { return c >= 'a' && c <= 'z'; }
constexpr bool is_ascii_alpha(char c) { return is_ascii_upper(c) || is_ascii_lower(c); }
constexpr bool is_ascii_digit(char c) { return c >= '0' && c <= '9'; }
constexpr bool is_ascii_alnum(char c) { return is_ascii_alpha(c) || is_ascii_digit(c); }
constexpr bool is_ascii_xdigit(char c) { return is_ascii_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }
// The C locale's isspace: space, \t, \n, \v, \f, \r.
constexpr bool is_ascii_space(char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

constexpr char ascii_lower(char c) { return is_ascii_upper(c) ? static_cast<char>(c - 'A' + 'a') : c; }
constexpr char ascii_upper(char c) { return is_ascii_lower(c) ? static_cast<char>(c - 'a' + 'A') : c; }

// `s` with its ASCII letters in lower (upper) case; other bytes as they are.
inline std::string ascii_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = ascii_lower(c);
  return out;
}
inline std::string ascii_upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = ascii_upper(c);
  return out;
}

// Whether `a` and `b` are equal once their ASCII letters are in one case.
constexpr bool ascii_iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (ascii_lower(a[i]) != ascii_lower(b[i])) return false;
  return true;
}

constexpr bool ascii_istarts_with(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && ascii_iequals(s.substr(0, prefix.size()), prefix);
}
constexpr bool ascii_iends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && ascii_iequals(s.substr(s.size() - suffix.size()), suffix);
}

// `s` without the ASCII white space (is_ascii_space) around it.
constexpr std::string_view ascii_trim(std::string_view s) {
  while (!s.empty() && is_ascii_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_ascii_space(s.back())) s.remove_suffix(1);
  return s;
}

}  // namespace warden

#endif /* WARDEN_ASCII_HPP */
