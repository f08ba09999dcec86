// The clipboard-manager plugin: @tauri-apps/plugin-clipboard-manager's readText, writeText,
// writeHtml, readImage, writeImage and clear on the GTK clipboard (gtk_clipboard.hpp), on the
// host's main thread (warden.main-thread/1). Images are the Image resources of @tauri-apps/api:
// readImage answers a new one for the calling page, writeImage takes any image argument the
// package sends (warden.images/1). Clipboard content is bounded both ways, so that neither a
// page nor another application's clipboard makes the host hold unbounded data.
#include <dlfcn.h>
#include <warden/ext/images.h>

#include <atomic>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <warden/main_thread.hpp>
#include <warden/plugin.hpp>

#include "gtk_clipboard.hpp"

namespace json = boost::json;
namespace clip = warden::clipboard;

namespace {

// Text and HTML larger than this are refused (written) or not answered (read): 10 MiB is far
// more than any paste a user makes, and far less than what would strain the host.
constexpr size_t max_text_bytes = size_t{10} << 20;

std::string text_argument(const json::object& args, const char* name) {
  const json::value* v = args.if_contains(name);
  if (!v || !v->is_string()) throw std::invalid_argument(std::string("argument '") + name + "' must be a string");
  if (v->as_string().size() > max_text_bytes)
    throw std::invalid_argument(std::string("argument '") + name + "' is larger than the clipboard limit of 10 MiB");
  return std::string(v->as_string());
}

std::optional<std::string> optional_text_argument(const json::object& args, const char* name) {
  const json::value* v = args.if_contains(name);
  if (!v || v->is_null()) return std::nullopt;
  return text_argument(args, name);
}

// Runs `gtk_part` on the main thread for a deferred call; rejects it when the host refuses.
void on_main_thread(const warden::Context& ctx, const std::shared_ptr<warden::Completion>& done,
                    std::function<void()> gtk_part) {
  if (!warden::MainThread(ctx.host()).post(std::move(gtk_part)))
    done->reject("the host is shutting down: the clipboard is no longer reachable");
}

const warden_host_images& images_of(const warden::Context& ctx) {
  return ctx.host().require<warden_host_images>(WARDEN_EXT_IMAGES);
}

// The reason a host function gave [transferred], or `fallback`.
std::string reason(const warden::Host& host, char* error, const char* fallback) {
  return host.take_string(error).value_or(fallback);
}

// The RGBA of the image argument writeImage sent (a rid, bytes, a path or {rgba, width, height}).
clip::Pixels pixels_of(const json::value& image, const warden::Context& ctx) {
  const warden_host_images& images = images_of(ctx);
  const warden_host* host = ctx.host().raw();
  std::string text = json::serialize(image);
  char* rgba = nullptr;
  char* error = nullptr;
  size_t size = 0;
  uint32_t width = 0, height = 0;
  if (images.image_rgba(host, ctx.request()->call, text.c_str(), &rgba, &size, &width, &height, &error) != 0)
    throw std::invalid_argument(reason(ctx.host(), error, "the image could not be read"));
  clip::Pixels out{std::string(rgba, size), width, height};
  host->free_string(host, rgba);
  return out;
}

// A GTK read may still be waiting for the clipboard's owner when the run ends and the host
// unloads this plugin; GTK would then call into unmapped code. The first read pins the library
// (RTLD_NODELETE), and an answer that comes after shutdown is dropped without touching the host.
std::atomic<bool> shut_down{false};

void stay_loaded() {
  static std::once_flag once;
  std::call_once(once, [] {
    Dl_info self;
    if (dladdr(reinterpret_cast<void*>(&stay_loaded), &self) && self.dli_fname)
      dlopen(self.dli_fname, RTLD_NOW | RTLD_NOLOAD | RTLD_NODELETE);
  });
}

// Whether an answer arrived too late (after shutdown): the call is then left to the host.
bool too_late(warden::Completion& done) {
  if (!shut_down) return false;
  done.release();
  return true;
}

void read_text(warden::Context& ctx) {
  stay_loaded();
  auto done = std::make_shared<warden::Completion>(ctx.defer());
  on_main_thread(ctx, done, [done] {
    clip::request_text([done](std::optional<std::string> text) {
      if (too_late(*done)) return;
      if (!text) return done->reject("the clipboard holds no text");
      if (text->size() > max_text_bytes) return done->reject("the clipboard's text is larger than 10 MiB");
      done->resolve(std::move(*text));
    });
  });
}

void read_image(warden::Context& ctx) {
  const warden_host_images& images = images_of(ctx);
  const warden_host* host = ctx.host().raw();
  warden_call* call = ctx.request()->call;  // valid until `done` completes it
  stay_loaded();
  auto done = std::make_shared<warden::Completion>(ctx.defer());
  on_main_thread(ctx, done, [done, &images, host, call] {
    clip::request_image([done, &images, host, call](std::optional<clip::Pixels> pixels, std::string error) {
      if (too_late(*done)) return;
      if (!pixels) return done->reject(error);
      uint32_t rid = 0;
      char* why = nullptr;
      if (images.image_from_rgba(host, call, reinterpret_cast<const uint8_t*>(pixels->rgba.data()), pixels->rgba.size(),
                                 pixels->width, pixels->height, &rid, &why) != 0)
        return done->reject(reason(warden::Host(host), why, "the image could not be made"));
      done->resolve(rid);
    });
  });
}

}  // namespace

WARDEN_PLUGIN(plugin) {
  plugin.on_init([](const warden::Host& host, const json::value& config) {
    if (config.is_object() && !config.as_object().empty())
      throw std::runtime_error("plugins.clipboard-manager takes no configuration (found '" +
                               std::string(config.as_object().begin()->key()) + "')");
    warden::MainThread check(host);  // throws, naming the extension, on a host without a main thread
    (void)check;
  });
  plugin.on_shutdown([] { shut_down = true; });

  plugin.command("read_text", [](warden::Context& ctx) { read_text(ctx); });
  plugin.command("read_image", [](warden::Context& ctx) { read_image(ctx); });

  // Writes wait for GTK on a worker thread: the page's promise settles once the clipboard holds
  // the new content. `label` is Android's clip description in Tauri; GTK has none (ignored).
  plugin.command("write_text", [](const json::object& args, warden::Context& ctx) {
    std::string text = text_argument(args, "text");
    warden::MainThread(ctx.host()).call([&text] { clip::set_text(text); });
  }, WARDEN_COMMAND_BLOCKING);

  plugin.command("write_html", [](const json::object& args, warden::Context& ctx) {
    std::string html = text_argument(args, "html");
    std::optional<std::string> alt = optional_text_argument(args, "altText");
    if (html.size() + (alt ? alt->size() : 0) > max_text_bytes)
      throw std::invalid_argument("html and altText together are larger than the clipboard limit of 10 MiB");
    warden::MainThread(ctx.host()).call([&] { clip::set_html(std::move(html), std::move(alt)); });
  }, WARDEN_COMMAND_BLOCKING);

  plugin.command("write_image", [](const json::object& args, warden::Context& ctx) {
    const json::value* image = args.if_contains("image");
    if (!image || image->is_null()) throw std::invalid_argument("argument 'image' is required");
    clip::Pixels pixels = pixels_of(*image, ctx);
    warden::MainThread(ctx.host()).call([&pixels] { clip::set_image(pixels); });
  }, WARDEN_COMMAND_BLOCKING);

  plugin.command("clear", [](warden::Context& ctx) {
    warden::MainThread(ctx.host()).call([] { clip::clear(); });
  }, WARDEN_COMMAND_BLOCKING);
}
