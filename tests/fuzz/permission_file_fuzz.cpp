// Permission files come from plugin sections and app folders: untrusted. Any input must
// either parse or throw acl::Error, never crash or throw anything else.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "acl/permission_file.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  // The first byte picks the format so one corpus covers both parsers.
  auto format = (data[0] & 1) ? warden::acl::FileFormat::json : warden::acl::FileFormat::toml;
  std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
  try {
    auto file = warden::acl::parse_permission_file(text, format, "fuzz");
    (void)warden::acl::to_json(file);
  } catch (const warden::acl::Error&) {
  }
  return 0;
}
