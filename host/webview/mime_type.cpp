#include "webview/mime_type.hpp"

#include <map>
#include <string_view>

#include "warden/ascii.hpp"

namespace warden::webview {

std::string mime_type_for(const std::filesystem::path& file) {
  static const std::map<std::string_view, std::string_view> types = {
      {".html", "text/html; charset=utf-8"},     {".htm", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"}, {".mjs", "text/javascript; charset=utf-8"},
      {".cjs", "text/javascript; charset=utf-8"}, {".css", "text/css; charset=utf-8"},
      {".json", "application/json"},             {".map", "application/json"},
      {".webmanifest", "application/manifest+json"}, {".txt", "text/plain; charset=utf-8"},
      {".xml", "application/xml"},               {".svg", "image/svg+xml"},
      {".png", "image/png"},                     {".jpg", "image/jpeg"},
      {".jpeg", "image/jpeg"},                   {".gif", "image/gif"},
      {".webp", "image/webp"},                   {".avif", "image/avif"},
      {".ico", "image/x-icon"},                  {".bmp", "image/bmp"},
      {".woff", "font/woff"},                    {".woff2", "font/woff2"},
      {".ttf", "font/ttf"},                      {".otf", "font/otf"},
      {".wasm", "application/wasm"},             {".mp3", "audio/mpeg"},
      {".ogg", "audio/ogg"},                     {".wav", "audio/wav"},
      {".mp4", "video/mp4"},                     {".webm", "video/webm"},
      {".pdf", "application/pdf"},
  };
  std::string ext = warden::ascii_lower(file.extension().string());  // "LOGO.GIF" in any locale
  auto it = types.find(ext);
  return std::string(it == types.end() ? "application/octet-stream" : it->second);
}

}  // namespace warden::webview
