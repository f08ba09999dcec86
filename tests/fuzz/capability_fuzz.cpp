// Capability files are written by app authors and reviewed less than code: any input must
// parse or throw acl::Error.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "acl/capability.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  auto format = (data[0] & 1) ? warden::acl::FileFormat::json : warden::acl::FileFormat::toml;
  std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
  try {
    auto caps = warden::acl::parse_capability_file(text, format, "fuzz");
    for (const auto& c : caps) (void)warden::acl::to_json(c);
  } catch (const warden::acl::Error&) {
  }
  return 0;
}
