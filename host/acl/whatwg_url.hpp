#pragma once
// A small WHATWG URL parser: what Warden needs from a URL, computed the way a browser's URL
// object computes it, so that a URL the WebView reports and a pattern or origin the host holds
// compare byte for byte.
//
//   auto u = whatwg::parse_url("HTTPS://User@Tauri.App:443/a/../b?q#f");
//   // u->scheme "https", host "tauri.app", port "" (the default), path "/b", query "q",
//   // fragment "f", has_credentials true
//
// Special schemes (http, https, ws, wss, ftp) are parsed fully: lowercase scheme and host,
// IPv4/IPv6 canonicalized, default port elided, dot segments resolved, path/query/fragment
// percent-encoded. Other schemes with an authority ("app://localhost/x") get the standard's
// opaque host (case kept, percent-encoded) and their port as written; their path, query and
// fragment are kept as written. file: and URLs without an authority ("data:...", "about:blank")
// have no host and are not parsed (nullopt). Internationalized hosts are out of scope: a host
// that is not ASCII does not parse. All functions are pure and never throw (but bad_alloc).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace warden::acl::whatwg {

// ---- Code points and percent-encode sets (shared with the URL pattern compiler) -------------
inline bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
inline bool is_digit(char c) { return c >= '0' && c <= '9'; }
inline bool is_hex(char c) { return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }
std::string lowered(std::string_view s);
std::vector<std::string_view> split(std::string_view s, char sep);

bool in_c0_set(unsigned char c);
bool in_fragment_set(unsigned char c);
bool in_query_set(unsigned char c);
bool in_special_query_set(unsigned char c);
bool in_path_set(unsigned char c);
// Appends `in` to `out`, percent-encoding each byte in the set.
void percent_encode_append(std::string& out, std::string_view in, bool (*in_set)(unsigned char));

// "." and ".." path segments, including their percent-encoded spellings ("%2e", ".%2E").
bool is_single_dot_segment(std::string_view s);
bool is_double_dot_segment(std::string_view s);

// ---- Hosts ----------------------------------------------------------------------------------
// The standard's "ends in a number": such a host must be an IPv4 address (or the URL is invalid).
bool ends_in_a_number(std::string_view host);
// IPv4 parser + serializer: "0x7f.1" -> "127.0.0.1"; nullopt when invalid.
std::optional<std::string> parse_ipv4(std::string_view host);
// IPv6 parser (the text between the brackets) + serializer: "0:0::1" -> "::1"; nullopt when invalid.
std::optional<std::string> parse_ipv6(std::string_view address);

// ---- URLs -----------------------------------------------------------------------------------
struct SpecialScheme {
  std::string_view name;
  std::string_view default_port;
};
// http, https, ws, wss, ftp (lowercase name); nullptr for any other scheme, file included.
const SpecialScheme* find_special_scheme(std::string_view lower_name);

// Components as URLPattern sees them: no ':' / '?' / '#' prefixes, "" for absent ones; the
// port is "" for the scheme's default.
struct Url {
  std::string scheme, host, port, path, query, fragment;
  bool special = false;          // one of find_special_scheme()'s schemes
  bool has_credentials = false;  // "user[:password]@" was present (and is not kept)
};

// nullopt when `url` does not parse, has no host, or is a file: URL (see the file comment).
std::optional<Url> parse_url(std::string_view url);

}  // namespace warden::acl::whatwg
