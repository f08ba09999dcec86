#pragma once
// The host end of a @tauri-apps/api `Channel`: a command receives "__CHANNEL__:<id>" in its
// arguments and streams messages to the page that made the call, in order; nothing reaches a
// later page of that webview.
#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "runtime/callback_delivery.hpp"
#include "runtime/main_thread_queue.hpp"

namespace warden::runtime {

class Channel {
 public:
  // Parses "__CHANNEL__:<id>"; nullopt when `arg` is not a channel reference.
  static std::optional<uint32_t> parse_reference(std::string_view arg);

  // `webview` and `page`: the caller's (Caller::webview, Caller::page).
  Channel(uint32_t callback_id, std::string webview, uint64_t page, MainThreadQueue& main_thread,
          CallbackDelivery deliver);

  // [any-thread] Sends one JSON message. Messages carry their index, so the page delivers them
  // in order even when they arrive out of order.
  void send(const std::string& message_json);
  // [any-thread] Tells the page the channel ended (after every message sent before).
  void close();

 private:
  uint32_t callback_id_;
  std::string webview_;
  uint64_t page_;
  MainThreadQueue& main_thread_;
  CallbackDelivery deliver_;
  std::atomic<uint64_t> next_index_{0};
};

}  // namespace warden::runtime
