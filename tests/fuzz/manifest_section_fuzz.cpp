// A plugin's manifest section is read from any file a user points Warden at, before any trust:
// every byte sequence must decode or throw plugin::LoadError.
#include <cstddef>
#include <cstdint>
#include <span>

#include "plugin/load_error.hpp"
#include "plugin/manifest_section.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  try {
    (void)warden::plugin::decode_manifest_section(std::span<const std::uint8_t>(data, size), "fuzz.so");
  } catch (const warden::plugin::LoadError&) {
  }
  return 0;
}
