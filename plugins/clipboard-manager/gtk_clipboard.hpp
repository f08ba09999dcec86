#pragma once
// The GTK clipboard (the CLIPBOARD selection of the display), as the plugin's commands use it.
// [main-thread] every function: GTK may be touched only there. Reads are asynchronous (GTK's
// request functions, answered from the main loop), never GTK's wait_* functions, which would
// spin a nested main loop inside the host's.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>

namespace warden::clipboard {

// Straight RGBA rows, width * height * 4 bytes.
struct Pixels {
  std::string rgba;
  uint32_t width = 0;
  uint32_t height = 0;
};

// The largest image read from the clipboard: the host's Image limit (64 MiB of RGBA).
inline constexpr size_t max_image_bytes = size_t{64} << 20;

// `done` gets the clipboard's text (UTF-8), or nullopt when it holds none.
void request_text(std::function<void(std::optional<std::string>)> done);
// `done` gets the clipboard's image as RGBA, or an error (no image, or larger than
// max_image_bytes).
void request_image(std::function<void(std::optional<Pixels>, std::string error)> done);

void set_text(const std::string& text);
// text/html, and the plain-text targets with `alt` when given (a paste as plain text gets it).
void set_html(std::string html, std::optional<std::string> alt);
// The image offered in every format gdk-pixbuf can write (image/png among them).
void set_image(const Pixels& pixels);
// Takes the clipboard, then gives it up: it has no owner and no content afterwards.
void clear();

}  // namespace warden::clipboard
