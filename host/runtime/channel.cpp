#include "runtime/channel.hpp"

#include <charconv>

namespace warden::runtime {

std::optional<uint32_t> Channel::parse_reference(std::string_view arg) {
  constexpr std::string_view prefix = "__CHANNEL__:";
  if (arg.substr(0, prefix.size()) != prefix) return std::nullopt;
  arg.remove_prefix(prefix.size());
  uint32_t id = 0;
  auto [end, ec] = std::from_chars(arg.data(), arg.data() + arg.size(), id);
  if (ec != std::errc() || end != arg.data() + arg.size() || arg.empty()) return std::nullopt;
  return id;
}

Channel::Channel(uint32_t callback_id, std::string webview, uint64_t page, MainThreadQueue& main_thread,
                 CallbackDelivery deliver)
    : callback_id_(callback_id), webview_(std::move(webview)), page_(page), main_thread_(main_thread),
      deliver_(std::move(deliver)) {}

void Channel::send(const std::string& message_json) {
  uint64_t index = next_index_++;
  std::string data = "{\"index\":" + std::to_string(index) + ",\"message\":" + message_json + "}";
  main_thread_.post([d = deliver_, w = webview_, p = page_, id = callback_id_, data = std::move(data)] { d(w, p, id, data); });
}

void Channel::close() {
  uint64_t index = next_index_++;
  std::string data = "{\"index\":" + std::to_string(index) + ",\"end\":true}";
  main_thread_.post([d = deliver_, w = webview_, p = page_, id = callback_id_, data = std::move(data)] { d(w, p, id, data); });
}

}  // namespace warden::runtime
