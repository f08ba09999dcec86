#include "download_progress.hpp"

namespace warden::updater {
namespace json = boost::json;

void DownloadProgress::started(std::optional<uint64_t> content_length) {
  json::value length = content_length ? json::value(*content_length) : json::value(nullptr);
  send_(json::object{{"event", "Started"}, {"data", json::object{{"contentLength", length}}}});
  last_ = std::chrono::steady_clock::now();
}

void DownloadProgress::received(uint64_t bytes) {
  pending_ += bytes;
  if (std::chrono::steady_clock::now() - last_ >= interval_) flush();
}

void DownloadProgress::finished() {
  flush();
  send_(json::object{{"event", "Finished"}});
}

void DownloadProgress::flush() {
  if (pending_ == 0) return;
  send_(json::object{{"event", "Progress"}, {"data", json::object{{"chunkLength", pending_}}}});
  pending_ = 0;
  last_ = std::chrono::steady_clock::now();
}

}  // namespace warden::updater
