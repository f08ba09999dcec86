#pragma once
// A child's output as the page receives it. Text (the default, UTF-8) and other encodings become
// JSON strings, always valid UTF-8 (a byte that does not decode becomes U+FFFD); "raw" gives
// arrays of byte values, as @tauri-apps/plugin-shell expects for encoding: 'raw'.
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/value.hpp>

namespace warden::shell_plugin {

class OutputDecoder {
 public:
  // nullopt or "utf-8"/"utf8": UTF-8; "raw": bytes; any other label iconv knows ("windows-1252",
  // "latin1", "utf-16le", "shift_jis", ...). Throws std::invalid_argument for an unknown label.
  static OutputDecoder for_encoding(const std::optional<std::string>& label);

  bool raw() const { return kind_ == Kind::raw; }
  boost::json::value decode(std::string_view bytes) const;

 private:
  enum class Kind { utf8, raw, iconv };
  Kind kind_ = Kind::utf8;
  std::string label_;
};

// UTF-8 with every invalid sequence replaced by U+FFFD.
std::string utf8_lossy(std::string_view bytes);

// Cuts a stream into lines the way Tauri's spawn events do: each line keeps its terminator ("\n",
// "\r\n" or a lone "\r"). A line longer than `max_line` is cut there, so a child that never writes
// a newline cannot grow the buffer without bound.
class LineSplitter {
 public:
  explicit LineSplitter(std::size_t max_line = 64 * 1024) : max_line_(max_line) {}
  std::vector<std::string> feed(std::string_view bytes);
  std::optional<std::string> finish();  // what is left at the end of the stream

 private:
  std::size_t max_line_;
  std::string pending_;
};

}  // namespace warden::shell_plugin
