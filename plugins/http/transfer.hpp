#pragma once
// One fetch on the network: libcurl's easy interface on a thread of its own (never the host's
// main thread or worker pool, which a slow server would hold), one hop at a time. Each redirect's
// Location is judged by the scope before the next hop connects (CURLOPT_FOLLOWLOCATION stays
// off). The response body flows through a bounded buffer: when the page reads slower than the
// server sends, the transfer thread waits in libcurl's write callback, the socket stops being
// read and TCP slows the server down, so a body of any size costs the host at most the buffer.
// Cancelling (fetch_cancel, fetch_cancel_body, the page going away, the plugin's shutdown) makes
// the next callback abort the transfer.
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include <curl/curl.h>
#include <warden/curl_transfer.hpp>
#include <warden/plugin.hpp>

#include "fetch_request.hpp"
#include "url_scope.hpp"

namespace warden::http_plugin {

// What every transfer of the app shares.
struct TransferContext {
  CURLSH* cookies = nullptr;  // the app's cookie engine (one per host process = one per app)
  TlsTrust trust;  // SSL_CERT_FILE / SSL_CERT_DIR (warden/curl_transfer.hpp)
  std::function<ScopeJudgment(const std::string& url)> judge;  // the fetch call's scope
  std::function<void(warden_log_level, const std::string&)> log;
  std::function<void()> ended;  // after the transfer's end (the cookie jar saves)
};

class Transfer : public std::enable_shared_from_this<Transfer> {
 public:
  // Bytes the body buffer holds before the transfer waits for the page, and the most one read
  // hands over.
  static constexpr std::size_t kBufferBytes = 512 * 1024;
  static constexpr std::size_t kChunkBytes = 256 * 1024;
  // The most response header bytes one hop may send (libcurl bounds each line, not their sum).
  static constexpr std::size_t kHeaderBytes = 1024 * 1024;
  // Transfers of the app not finished yet (made by fetch and not ended): each holds its request
  // body and, once sent, a thread and a body buffer. fetch refuses more than kMostOpen, so a page
  // that opens requests and never reads them cannot take the host's memory or threads.
  static constexpr int kMostOpen = 64;
  static int open_count() { return open_; }
  // Takes one of the kMostOpen places, atomically (two fetch calls on the pool cannot both take
  // the last); false when none is free. A Transfer adopts the place its maker reserved.
  static bool reserve_place() {
    if (open_.fetch_add(1) < kMostOpen) return true;
    --open_;
    return false;
  }
  static void release_place() { --open_; }

  // Call reserve_place() first: the transfer holds that place until it ends.
  Transfer(FetchRequest request, TransferContext context);
  ~Transfer();
  Transfer(const Transfer&) = delete;
  Transfer& operator=(const Transfer&) = delete;

  // fetch_send: takes `done` and returns true the first time (the caller then starts run() on a
  // thread); false, leaving `done` to the caller, when the request was already sent or cancelled.
  bool claim_send(warden::Completion& done, std::uint32_t response_rid);
  // Ends a claimed transfer that will never run (the plugin is shutting down).
  void abandon(const std::string& why) { finish(why); }
  // The transfer itself, on its own thread: every hop, until the body ends, fails or is cancelled.
  void run();
  // Stops the transfer soon, from any thread; pending calls are rejected "Request cancelled".
  void cancel();
  bool cancelled() const { return cancelled_; }
  bool finished() const { return finished_; }
  // Set by the transfer's thread as its last act (after libcurl's cleanup): joining it then
  // cannot wait.
  void mark_thread_done() { thread_done_ = true; }
  bool thread_done() const { return thread_done_; }

  // fetch_read_body: completes `done` with the next chunk followed by a 0 byte, or with the single
  // byte 1 at the end of the body, or rejects it with the transfer's error, now or as soon as the
  // transfer has one. A second read while one is pending is rejected.
  void read_body(warden::Completion done);

 private:
  struct Hop;         // one request/response exchange and what its callbacks learn (transfer.cpp)
  struct HopRequest;  // what one hop asks
  friend struct Hop;

  void configure(CURL* easy, Hop& hop, const HopRequest& request, curl_slist*& header_list) const;
  // true: the hop ended in a redirect to follow; false: the transfer has finished.
  bool perform(Hop& hop, const HopRequest& request);
  // Turns `request` into the next hop's; false (finished) when the Location is refused.
  bool follow(const Hop& hop, HopRequest& request);
  void publish_head(long status, const HeaderList& headers, const std::string& url);
  bool push_body(const char* data, std::size_t size);  // false: cancelled
  void finish(std::optional<std::string> error, bool scope_refusal = false);
  std::vector<std::uint8_t> take_chunk();  // under mutex_

  FetchRequest request_;
  TransferContext context_;
  std::atomic<bool> cancelled_{false}, finished_{false}, thread_done_{false};
  static inline std::atomic<int> open_{0};

  std::mutex mutex_;
  std::condition_variable room_;
  bool sent_ = false, head_published_ = false, body_ended_ = false;
  std::optional<std::string> error_;
  std::optional<warden::Completion> pending_send_, pending_read_;
  std::uint32_t response_rid_ = 0;
  std::vector<std::uint8_t> buffer_;
  std::size_t read_offset_ = 0;
};

}  // namespace warden::http_plugin
