// warden.channels/1: a plugin streams JSON messages to a page's Channel, through the channel
// opener of the call's environment (warden run's; none under `warden plugin call`).
#include <spdlog/spdlog.h>

#include "ipc/json_check.hpp"
#include "plugin/call.hpp"
#include "plugin/host_extensions.hpp"
#include "warden/ext/channels.h"

// The definition of the C ABI's opaque channel handle.
struct warden_channel {
  std::unique_ptr<warden::plugin::ChannelSink> sink;
};

namespace warden::plugin {
namespace {

warden_channel* channel_open(warden_call* call, const char* reference) {
  const CallEnvironment* env = call_environment(call);
  if (!env || !env->open_channel || !reference) return nullptr;
  try {
    auto sink = env->open_channel(reference, call_caller(call).webview);
    if (!sink) return nullptr;
    return new warden_channel{std::move(sink)};
  } catch (const std::exception& e) {
    spdlog::error("[plugin {}] opening channel '{}' failed: {}", call_plugin(call), reference, e.what());
    return nullptr;
  }
}

int channel_send(const warden_host*, warden_channel* channel, const char* json, size_t size) {
  if (!channel || !json) return -1;
  std::string text(json, size);
  if (!ipc::is_json(text)) return -1;
  try {
    channel->sink->send(std::move(text));
    return 0;
  } catch (const std::exception& e) {
    spdlog::error("channel send failed: {}", e.what());
    return -1;
  }
}

void channel_close(const warden_host*, warden_channel* channel) {
  if (!channel) return;
  try {
    channel->sink->close();
  } catch (const std::exception& e) {
    spdlog::error("channel close failed: {}", e.what());
  }
  delete channel;
}

constexpr warden_host_channels vtable{sizeof(warden_host_channels), channel_open, channel_send, channel_close};

}  // namespace

const void* channels_extension() { return &vtable; }

}  // namespace warden::plugin
