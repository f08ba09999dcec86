#pragma once
// The Channel events of a download, as @tauri-apps/plugin-updater reads them: one
// {"event":"Started","data":{"contentLength":N|null}}, then {"event":"Progress","data":
// {"chunkLength":n}} whose chunkLengths add up to the bytes received, then {"event":"Finished"}.
// libcurl hands over chunks of a few KiB; Progress events are merged so that a page gets a few
// per second, not thousands. [any-thread], one download's thread.
#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>

#include <boost/json.hpp>

namespace warden::updater {

class DownloadProgress {
 public:
  using Send = std::function<void(const boost::json::value&)>;
  explicit DownloadProgress(Send send, std::chrono::milliseconds interval = std::chrono::milliseconds(100))
      : send_(std::move(send)), interval_(interval) {}

  void started(std::optional<uint64_t> content_length);
  void received(uint64_t bytes);  // sends when the interval has passed since the last Progress
  void finished();                // the bytes not yet reported, then Finished

 private:
  void flush();
  Send send_;
  std::chrono::milliseconds interval_;
  std::chrono::steady_clock::time_point last_{};
  uint64_t pending_ = 0;
};

}  // namespace warden::updater
