// The hello app's commands. They are the app's, not a plugin's: the page calls `greet`, not
// `plugin:hello-app|greet`, and the app's permissions/ (allow-greet, ...) govern them.
#include <chrono>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <thread>

#include <warden/plugin.hpp>

namespace {
namespace json = boost::json;

std::int64_t integer_arg(const json::object& args, const char* key) {
  auto* v = args.if_contains(key);
  return v && v->is_number() ? v->to_number<std::int64_t>() : 0;
}

// "Hello, <name>! Greetings from C++."
std::string greet(const json::object& args) {
  auto* name = args.if_contains("name");
  if (!name || !name->is_string() || name->as_string().empty())
    throw std::invalid_argument("greet needs a non-empty 'name'");
  return "Hello, " + std::string(name->as_string()) + "! Greetings from C++.";
}

// Bytes back as bytes, JSON arguments back as the same object.
void echo(warden::Context& ctx) {
  warden::Completion done = ctx.defer();
  if (ctx.has_body()) done.resolve_bytes(ctx.body());
  else done.resolve(json::parse(ctx.args_json()));
}

// Blocks a pool thread for `ms` milliseconds (at most 10 s), then returns ms.
std::int64_t sleep_ms(const json::object& args) {
  std::int64_t ms = integer_arg(args, "ms");
  if (ms < 0 || ms > 10000) throw std::invalid_argument("ms must be 0..10000");
  std::this_thread::sleep_for(std::chrono::milliseconds(ms));
  return ms;
}

// Streams `count` messages {"i": n} through the channel `onEvent`, then ends it.
std::int64_t stream(const json::object& args, warden::Context& ctx) {
  auto* ch = args.if_contains("onEvent");
  if (!ch || !ch->is_string()) throw std::invalid_argument("stream needs a Channel 'onEvent'");
  std::int64_t count = integer_arg(args, "count");
  if (count < 0 || count > 100000) throw std::invalid_argument("count must be 0..100000");
  warden::Channel channel = ctx.open_channel(ch->as_string());
  for (std::int64_t i = 0; i < count; ++i) channel.send(json::object{{"i", i}});
  channel.close();
  return count;
}

// Emits `event` with `payload` to every window (or to window `target`). The host refuses names
// that are not the app's to emit (tauri://..., a loaded plugin's <name>://...).
void broadcast(const json::object& args, warden::Context& ctx) {
  auto* event = args.if_contains("event");
  if (!event || !event->is_string()) throw std::invalid_argument("broadcast needs 'event'");
  auto* payload = args.if_contains("payload");
  auto* target = args.if_contains("target");
  std::string to = target && target->is_string() ? std::string(target->as_string()) : "";
  if (!ctx.host().emit(std::string(event->as_string()), payload ? *payload : json::value(nullptr), to))
    throw std::invalid_argument("invalid event name");
}

}  // namespace

WARDEN_PLUGIN(app) {
  app.command("greet", greet);
  app.command("echo", echo);
  app.command("sleep", sleep_ms, WARDEN_COMMAND_BLOCKING);
  app.command("stream", stream, WARDEN_COMMAND_BLOCKING);
  app.command("broadcast", broadcast);
}
