#include "webview/request_body.hpp"

#include <fcntl.h>

#include <string>

#include <gio/gio.h>
#include <gio/gunixinputstream.h>
#include <gtest/gtest.h>

using warden::webview::read_body_stream;

namespace {

std::string pattern(size_t size) {
  std::string s(size, '\0');
  for (size_t i = 0; i < size; ++i) s[i] = static_cast<char>((i * 131 + i / 7) & 0xff);
  return s;
}

std::optional<std::string> read_memory(const std::string& data) {
  GBytes* bytes = g_bytes_new(data.data(), data.size());
  GInputStream* stream = g_memory_input_stream_new_from_bytes(bytes);
  auto out = read_body_stream(stream);
  g_object_unref(stream);
  g_bytes_unref(bytes);
  return out;
}

}  // namespace

// Every length around the stack buffer and chunk boundaries comes back byte for byte.
TEST(RequestBody, ReadsEveryLengthWhole) {
  for (size_t size : {0ul, 1ul, 16383ul, 16384ul, 16385ul, 16384ul + 65536ul, 16384ul + 65537ul, 1048583ul,
                      16ul * 1024 * 1024 + 12}) {
    std::string data = pattern(size);
    auto out = read_memory(data);
    ASSERT_TRUE(out) << size;
    EXPECT_EQ(out->size(), size);
    EXPECT_TRUE(*out == data) << "bytes differ for a body of " << size;
  }
}

// A stream that fails (reading a directory: EISDIR) is an error, not a short body.
TEST(RequestBody, AFailingStreamIsAnError) {
  int fd = open("/", O_RDONLY | O_DIRECTORY);
  ASSERT_GE(fd, 0);
  GInputStream* stream = g_unix_input_stream_new(fd, TRUE);
  EXPECT_FALSE(read_body_stream(stream));
  g_object_unref(stream);
}
