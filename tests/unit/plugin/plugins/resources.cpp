// The resources test plugin: channels and per-webview resources through the C++ wrapper.
#include <atomic>
#include <memory>
#include <string>

#include <warden/plugin.hpp>

namespace {

struct Note {
  std::string text;
  static inline std::atomic<int> alive{0};
  explicit Note(std::string t) : text(std::move(t)) { ++alive; }
  ~Note() { --alive; }
};

struct Other {};

}  // namespace

WARDEN_PLUGIN(plugin) {
  // Sends `count` messages to the channel `onEvent`, then ends it.
  plugin.command("stream", [](const boost::json::object& args, warden::Context& ctx) {
    warden::Channel channel = ctx.open_channel(boost::json::value_to<std::string>(args.at("onEvent")));
    auto n = args.at("count").to_number<int>();
    for (int i = 0; i < n; ++i) channel.send(boost::json::object{{"i", i}});
    return n;
  });
  plugin.command("open", [](const boost::json::object& args, warden::Context& ctx) {
    return ctx.add_resource(std::make_shared<Note>(boost::json::value_to<std::string>(args.at("text"))));
  });
  plugin.command("read", [](const boost::json::object& args, warden::Context& ctx) -> boost::json::value {
    auto note = ctx.resource<Note>(args.at("rid").to_number<std::uint32_t>());
    if (!note) return nullptr;
    return boost::json::value(note->text);
  });
  // A lookup with the wrong type finds nothing.
  plugin.command("read_other", [](const boost::json::object& args, warden::Context& ctx) {
    return ctx.resource<Other>(args.at("rid").to_number<std::uint32_t>()) != nullptr;
  });
  plugin.command("close", [](const boost::json::object& args, warden::Context& ctx) {
    return ctx.close_resource(args.at("rid").to_number<std::uint32_t>());
  });
  plugin.command("alive", [] { return Note::alive.load(); });
}
