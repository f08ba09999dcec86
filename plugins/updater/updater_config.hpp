#pragma once
// plugins.updater of the app config (docs/plugins/updater.md): Tauri's keys (endpoints, pubkey,
// dangerousInsecureTransportProtocol, windows) and Warden's (headers, timeout, maxArchiveBytes,
// allowDowngrades, allowPageProxy). The public key comes from here and only here: never from an
// endpoint, whose JSON is unsigned.
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <boost/json.hpp>

#include <warden/fetch_headers.hpp>

namespace warden::updater {

using HeaderList = warden::HeaderList;

struct UpdaterConfig {
  bool configured = false;  // false: plugins.updater absent or empty (the plugin loads for every app)
  std::vector<std::string> endpoints;
  std::string pubkey;  // as written (base64 of a minisign .pub file, or the file's text)
  bool insecure_transport = false;  // dangerousInsecureTransportProtocol
  HeaderList headers;
  std::optional<uint64_t> timeout_ms;
  uint64_t max_archive_bytes = 256ull << 20;
  bool allow_downgrades = false;
  bool allow_page_proxy = false;
};

constexpr uint64_t kMaxArchiveBytesLimit = 4ull << 30;

// Throws std::invalid_argument naming the key and what it must be. An absent or empty object is
// an unconfigured updater (every command then says what to add), not an error.
UpdaterConfig parse_updater_config(const boost::json::value& config);

// Why the configured endpoints cannot be used (an http:// endpoint without
// dangerousInsecureTransportProtocol, no endpoints at all), or nullopt.
std::optional<std::string> endpoints_problem(const UpdaterConfig& config);

// A header of the app config's plugins.updater.headers: its name an HTTP token and its value
// free of CR, LF and NUL (the SDK's fetch_headers.hpp rules); nullopt when fine, else why not.
// The Fetch standard's forbidden names are allowed here: the app's author chose them (a page's
// headers are filtered by updater.cpp with filter_request_headers).
std::optional<std::string> header_problem(const std::string& name, const std::string& value);

// Whether `url` is https, or http when insecure transport is allowed (libcurl is held to the same
// protocols after redirects: warden::set_secure_options).
bool url_scheme_allowed(const std::string& url, bool insecure_transport);

}  // namespace warden::updater
