// The URL half comes from the WebView (a frame's origin); the pattern half from capabilities.
// parse() may throw acl::Error; matches() must never throw.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "acl/url_pattern.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view all(reinterpret_cast<const char*>(data), size);
  auto split = all.find('\n');
  if (split == std::string_view::npos) return 0;
  try {
    auto pattern = warden::acl::UrlPattern::parse(all.substr(0, split));
    (void)pattern.matches(all.substr(split + 1));
  } catch (const warden::acl::Error&) {
  }
  return 0;
}
