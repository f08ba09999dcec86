#include "gtk_clipboard.hpp"

#include <gtk/gtk.h>

#include <cstring>
#include <memory>

namespace warden::clipboard {
namespace {

GtkClipboard* the_clipboard() { return gtk_clipboard_get(GDK_SELECTION_CLIPBOARD); }

void text_arrived(GtkClipboard*, const gchar* text, gpointer data) {
  std::unique_ptr<std::function<void(std::optional<std::string>)>> done(
      static_cast<std::function<void(std::optional<std::string>)>*>(data));
  (*done)(text ? std::optional<std::string>(text) : std::nullopt);
}

// 8-bit RGBA without row padding, whatever layout the loader produced.
Pixels straight_rgba(GdkPixbuf* image) {
  GdkPixbuf* rgba = gdk_pixbuf_get_has_alpha(image) ? GDK_PIXBUF(g_object_ref(image))
                                                     : gdk_pixbuf_add_alpha(image, FALSE, 0, 0, 0);
  Pixels out;
  out.width = static_cast<uint32_t>(gdk_pixbuf_get_width(rgba));
  out.height = static_cast<uint32_t>(gdk_pixbuf_get_height(rgba));
  size_t row = size_t{out.width} * 4;
  int stride = gdk_pixbuf_get_rowstride(rgba);
  const guchar* src = gdk_pixbuf_read_pixels(rgba);
  out.rgba.resize(row * out.height);
  for (uint32_t y = 0; y < out.height; ++y) std::memcpy(out.rgba.data() + y * row, src + size_t{y} * stride, row);
  g_object_unref(rgba);
  return out;
}

void image_arrived(GtkClipboard*, GdkPixbuf* image, gpointer data) {
  using Done = std::function<void(std::optional<Pixels>, std::string)>;
  std::unique_ptr<Done> done(static_cast<Done*>(data));
  if (!image) return (*done)(std::nullopt, "the clipboard holds no image");
  if (gdk_pixbuf_get_bits_per_sample(image) != 8 || gdk_pixbuf_get_colorspace(image) != GDK_COLORSPACE_RGB)
    return (*done)(std::nullopt, "the clipboard's image is not 8-bit RGB");
  size_t bytes = size_t(gdk_pixbuf_get_width(image)) * size_t(gdk_pixbuf_get_height(image)) * 4;
  if (bytes > max_image_bytes)
    return (*done)(std::nullopt, "the clipboard's image is larger than 64 MiB of RGBA (" +
                                     std::to_string(gdk_pixbuf_get_width(image)) + " x " +
                                     std::to_string(gdk_pixbuf_get_height(image)) + ")");
  (*done)(straight_rgba(image), {});
}

struct HtmlOffer {
  std::string html;
  std::optional<std::string> alt;
};
constexpr guint html_target = 0;
constexpr guint text_target = 1;

void serve_html(GtkClipboard*, GtkSelectionData* selection, guint info, gpointer data) {
  auto* offer = static_cast<HtmlOffer*>(data);
  if (info == html_target)
    gtk_selection_data_set(selection, gdk_atom_intern_static_string("text/html"), 8,
                           reinterpret_cast<const guchar*>(offer->html.data()), static_cast<gint>(offer->html.size()));
  else if (offer->alt)
    gtk_selection_data_set_text(selection, offer->alt->data(), static_cast<gint>(offer->alt->size()));
}

void drop_html(GtkClipboard*, gpointer data) { delete static_cast<HtmlOffer*>(data); }

}  // namespace

void request_text(std::function<void(std::optional<std::string>)> done) {
  gtk_clipboard_request_text(the_clipboard(), text_arrived,
                             new std::function<void(std::optional<std::string>)>(std::move(done)));
}

void request_image(std::function<void(std::optional<Pixels>, std::string)> done) {
  gtk_clipboard_request_image(the_clipboard(), image_arrived,
                              new std::function<void(std::optional<Pixels>, std::string)>(std::move(done)));
}

void set_text(const std::string& text) {
  gtk_clipboard_set_text(the_clipboard(), text.data(), static_cast<gint>(text.size()));
}

void set_html(std::string html, std::optional<std::string> alt) {
  GtkTargetList* list = gtk_target_list_new(nullptr, 0);
  gtk_target_list_add(list, gdk_atom_intern_static_string("text/html"), 0, html_target);
  if (alt) gtk_target_list_add_text_targets(list, text_target);
  gint count = 0;
  GtkTargetEntry* targets = gtk_target_table_new_from_list(list, &count);
  auto* offer = new HtmlOffer{std::move(html), std::move(alt)};
  if (!gtk_clipboard_set_with_data(the_clipboard(), targets, static_cast<guint>(count), serve_html, drop_html, offer))
    delete offer;  // GTK did not take it (its clear function will never run)
  gtk_target_table_free(targets, count);
  gtk_target_list_unref(list);
}

void set_image(const Pixels& pixels) {
  GBytes* bytes = g_bytes_new(pixels.rgba.data(), pixels.rgba.size());
  GdkPixbuf* image = gdk_pixbuf_new_from_bytes(bytes, GDK_COLORSPACE_RGB, TRUE, 8, static_cast<int>(pixels.width),
                                               static_cast<int>(pixels.height), static_cast<int>(pixels.width) * 4);
  g_bytes_unref(bytes);
  gtk_clipboard_set_image(the_clipboard(), image);
  g_object_unref(image);
}

void clear() {
  // gtk_clipboard_clear gives the selection up only while this process owns it: own it first.
  gtk_clipboard_set_text(the_clipboard(), "", 0);
  gtk_clipboard_clear(the_clipboard());
}

}  // namespace warden::clipboard
