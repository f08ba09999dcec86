#pragma once
// What a plugin call can reach besides its completion: the page's channels and the resource
// table. The host that runs calls (warden run) provides one; a call without one (warden plugin
// call, tests) has neither, and the plugin's channel_open/resource_add then fail cleanly.
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
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
  // The scopes JSON the call's caller would get for another command of the same plugin (bare
  // name), nullopt when it would be refused. Empty: the host cannot tell, the plugin must deny.
  std::function<std::optional<std::string>(std::string_view command)> command_scopes;
};

}  // namespace warden::plugin
