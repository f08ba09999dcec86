#include "signing/strict_base64.hpp"

#include <array>
#include <cstdint>

namespace warden::signing {
namespace {

constexpr std::array<int8_t, 256> make_values() {
  std::array<int8_t, 256> v{};
  v.fill(-1);
  constexpr std::string_view alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  for (std::size_t i = 0; i < alphabet.size(); ++i) v[static_cast<uint8_t>(alphabet[i])] = static_cast<int8_t>(i);
  return v;
}
constexpr std::array<int8_t, 256> kValues = make_values();

}  // namespace

std::optional<std::string> decode_base64_strict(std::string_view text) {
  if (text.empty() || text.size() % 4 != 0) return std::nullopt;
  std::size_t padding = 0;
  if (text.back() == '=') padding = text[text.size() - 2] == '=' ? 2 : 1;
  std::string out;
  out.reserve(text.size() / 4 * 3);
  for (std::size_t i = 0; i < text.size(); i += 4) {
    const bool last = i + 4 == text.size();
    const std::size_t digits = last ? 4 - padding : 4;
    uint32_t group = 0;
    for (std::size_t k = 0; k < 4; ++k) {
      int8_t value = 0;
      if (k < digits) {
        value = kValues[static_cast<uint8_t>(text[i + k])];
        if (value < 0) return std::nullopt;  // '=' inside, whitespace, another alphabet
      }
      group = group << 6 | static_cast<uint32_t>(value);
    }
    const std::size_t bytes = digits - 1;  // 4 digits: 3 bytes, 3: 2, 2: 1
    // Canonical only: the bits below the last encoded byte must be zero.
    if (bytes < 3 && (group & ((1u << (8 * (3 - bytes))) - 1)) != 0) return std::nullopt;
    for (std::size_t k = 0; k < bytes; ++k) out.push_back(static_cast<char>(group >> (16 - 8 * k) & 0xff));
  }
  return out;
}

}  // namespace warden::signing
