#pragma once
// What a plugin call can reach besides its completion: the page's channels and the resource
// table. The host that runs calls (warden run) provides one; a call without one (warden plugin
// call, tests) has neither, and the plugin's channel_open/resource_add then fail cleanly.
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "plugin/resource_table.hpp"

namespace warden::plugin {

// The host end of one page Channel. [any-thread]
class ChannelSink {
 public:
  virtual ~ChannelSink() = default;
  virtual void send(std::string message_json) = 0;  // valid JSON
  virtual void close() = 0;                         // the page sees the channel's end
};

struct CallEnvironment {
  // Opens the channel that `reference` ("__CHANNEL__:<id>") names in `webview`; null when it
  // names none.
  std::function<std::unique_ptr<ChannelSink>(std::string_view reference, const std::string& webview)> open_channel;
  ResourceTable* resources = nullptr;  // outlives every call and every loaded plugin
};

}  // namespace warden::plugin
