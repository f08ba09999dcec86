// core:image and the app commands that need no display, through the command table as a page
// calls them: images as resources of the calling page (real ResourceTable), decoding with caps,
// RGBA out, and the rule for image|from_path (real files: the app's folder and the asset
// protocol's scope only). No display is needed: gdk-pixbuf decodes without one.
#include <gtest/gtest.h>

#include <gdk-pixbuf/gdk-pixbuf.h>

#include <boost/json.hpp>

#include "desktop/app_commands.hpp"
#include "desktop/image_commands.hpp"
#include "desktop/image_resource.hpp"
#include "runtime/event_bus.hpp"
#include "runtime/main_thread_queue.hpp"
#include "temp_dir.hpp"
#include "webview/asset_protocol_config.hpp"
#include "webview/window_set.hpp"

namespace warden::desktop {
namespace {
namespace json = boost::json;

// What a call answered.
struct Answer {
  bool settled = false;
  bool ok = false;
  std::string content_type;
  std::string body;  // JSON text, bytes, or the rejection message (as JSON)
  std::string error() const { return ok ? "" : std::string(json::parse(body).as_string()); }
  json::value value() const { return json::parse(body); }
};

// A GdkPixbuf owned by the test.
struct Pixbuf {
  GdkPixbuf* p;
  explicit Pixbuf(GdkPixbuf* pixbuf) : p(pixbuf) {}
  ~Pixbuf() { if (p) g_object_unref(p); }
};

// A w x h image whose pixel (x, y) is (x, y, x + y, 200), encoded as `type` ("png", "jpeg", "ico").
std::string encoded_image(int w, int h, const char* type, bool alpha = true) {
  Pixbuf image(gdk_pixbuf_new(GDK_COLORSPACE_RGB, alpha, 8, w, h));
  int stride = gdk_pixbuf_get_rowstride(image.p), channels = gdk_pixbuf_get_n_channels(image.p);
  guint8* px = gdk_pixbuf_get_pixels(image.p);
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) {
      guint8* p = px + y * stride + x * channels;
      p[0] = static_cast<guint8>(x);
      p[1] = static_cast<guint8>(y);
      p[2] = static_cast<guint8>(x + y);
      if (alpha) p[3] = 200;
    }
  gchar* buffer = nullptr;
  gsize size = 0;
  GError* error = nullptr;
  EXPECT_TRUE(gdk_pixbuf_save_to_buffer(image.p, &buffer, &size, type, &error, nullptr)) << (error ? error->message : "");
  g_clear_error(&error);
  std::string out(buffer, size);
  g_free(buffer);
  return out;
}

json::array byte_array(const std::string& bytes) {
  json::array a;
  for (unsigned char c : bytes) a.push_back(c);
  return a;
}

class ImageCommands : public ::testing::Test {
 protected:
  ImageCommands() {
    paths_.resource_dir = app_.path;
    add_image_commands(commands_, context_);
    add_app_commands(commands_, context_);
  }

  Answer call(const std::string& command, const json::object& args, const runtime::Caller& caller) {
    const runtime::Command* c = commands_.find(command);
    EXPECT_NE(c, nullptr) << command;
    Answer answer;
    if (!c) return answer;
    runtime::Invocation call;
    call.command = command;
    call.args_json = json::serialize(args);
    call.caller = caller;
    call.completion = std::make_shared<runtime::Completion>([&answer](ipc::InvokeResponse r) {
      answer.settled = true;
      answer.ok = r.status >= 200 && r.status < 300;
      answer.content_type = r.content_type;
      answer.body = r.body;
    });
    c->run(call);
    call.completion.reset();  // a command that forgot to answer rejects here
    EXPECT_TRUE(answer.settled);
    return answer;
  }
  Answer call(const std::string& command, const json::object& args = {}) { return call(command, args, page_); }

  // The rid of a new image, failing the test when there is none.
  uint32_t new_image(const std::string& command, const json::object& args) {
    Answer a = call(command, args);
    EXPECT_TRUE(a.ok) << command << ": " << a.body;
    return a.ok ? static_cast<uint32_t>(a.value().to_number<uint32_t>()) : 0;
  }

  std::pair<int64_t, int64_t> size_of(uint32_t rid) {
    Answer a = call("plugin:image|size", {{"rid", rid}});
    EXPECT_TRUE(a.ok) << a.body;
    if (!a.ok) return {-1, -1};
    json::value v = a.value();
    auto& o = v.as_object();
    return {o.at("width").to_number<int64_t>(), o.at("height").to_number<int64_t>()};
  }

  test::TempDir app_{"warden-image-app"};
  test::TempDir outside_{"warden-image-home"};
  runtime::MainThreadQueue main_thread_;
  runtime::EventBus events_{main_thread_, [](const std::string&, uint64_t, uint32_t, const std::string&) {}};
  webview::WindowSet windows_;
  plugin::ResourceTable resources_;
  plugin::PathEnvironment paths_;
  DesktopContext context_{windows_, events_, main_thread_, resources_, paths_, {}};
  runtime::CommandTable commands_;
  runtime::Caller page_{"main", "main", "app://localhost", "app://localhost/index.html", 0};
};

TEST_F(ImageCommands, NewTakesRgbaOfTheRightLength) {
  std::string rgba;
  for (int i = 0; i < 2 * 3 * 4; ++i) rgba.push_back(static_cast<char>(i * 7));
  uint32_t rid = new_image("plugin:image|new", {{"rgba", byte_array(rgba)}, {"width", 2}, {"height", 3}});
  ASSERT_NE(rid, 0u);
  EXPECT_EQ(size_of(rid), (std::pair<int64_t, int64_t>{2, 3}));
  Answer pixels = call("plugin:image|rgba", {{"rid", rid}});
  ASSERT_TRUE(pixels.ok);
  EXPECT_EQ(pixels.content_type, "application/octet-stream");
  EXPECT_EQ(pixels.body, rgba);

  Answer short_by_one = call("plugin:image|new", {{"rgba", byte_array(rgba.substr(1))}, {"width", 2}, {"height", 3}});
  EXPECT_NE(short_by_one.error().find("needs width * height * 4 = 24"), std::string::npos) << short_by_one.body;
  EXPECT_FALSE(call("plugin:image|new", {{"rgba", json::array{1, 2, 3, 300}}, {"width", 1}, {"height", 1}}).ok);
  EXPECT_FALSE(call("plugin:image|new", {{"rgba", json::array{}}, {"width", 0}, {"height", 1}}).ok);
  EXPECT_NE(call("plugin:image|new", {{"width", 1}, {"height", 1}}).error().find("missing argument 'rgba'"),
            std::string::npos);
}

// A Uint8Array reaches the host as JSON.stringify writes it: {"0": .., "1": ..}.
TEST_F(ImageCommands, BytesMayComeAsATypedArrayObject) {
  json::object typed;
  std::string rgba = "\x01\x02\x03\x04";
  for (size_t i = 0; i < rgba.size(); ++i) typed[std::to_string(i)] = static_cast<unsigned char>(rgba[i]);
  uint32_t rid = new_image("plugin:image|new", {{"rgba", typed}, {"width", 1}, {"height", 1}});
  EXPECT_EQ(call("plugin:image|rgba", {{"rid", rid}}).body, rgba);
  json::object gap{{"0", 1}, {"2", 2}};
  EXPECT_FALSE(call("plugin:image|new", {{"rgba", gap}, {"width", 1}, {"height", 1}}).ok);
}

TEST_F(ImageCommands, FromBytesDecodesPngJpegAndIco) {
  std::string png = encoded_image(5, 4, "png");
  uint32_t rid = new_image("plugin:image|from_bytes", {{"bytes", byte_array(png)}});
  EXPECT_EQ(size_of(rid), (std::pair<int64_t, int64_t>{5, 4}));
  std::string rgba = call("plugin:image|rgba", {{"rid", rid}}).body;
  ASSERT_EQ(rgba.size(), 5u * 4 * 4);
  // Pixel (3, 2): (3, 2, 5, 200).
  size_t at = (2 * 5 + 3) * 4;
  EXPECT_EQ(std::string(rgba, at, 4), std::string("\x03\x02\x05\xc8", 4));

  uint32_t jpeg = new_image("plugin:image|from_bytes", {{"bytes", byte_array(encoded_image(16, 8, "jpeg", false))}});
  EXPECT_EQ(size_of(jpeg), (std::pair<int64_t, int64_t>{16, 8}));
  std::string jpeg_rgba = call("plugin:image|rgba", {{"rid", jpeg}}).body;
  ASSERT_EQ(jpeg_rgba.size(), 16u * 8 * 4);
  EXPECT_EQ(static_cast<unsigned char>(jpeg_rgba[3]), 255u) << "JPEG has no alpha: opaque";

  uint32_t ico = new_image("plugin:image|from_bytes", {{"bytes", byte_array(encoded_image(16, 16, "ico"))}});
  EXPECT_EQ(size_of(ico), (std::pair<int64_t, int64_t>{16, 16}));
}

TEST_F(ImageCommands, FromBytesRefusesOtherFormatsAndBrokenImages) {
  EXPECT_EQ(call("plugin:image|from_bytes", {{"bytes", byte_array("GIF89a......")}}).error(),
            "not a PNG, ICO or JPEG image");
  EXPECT_EQ(call("plugin:image|from_bytes", {{"bytes", byte_array(encoded_image(4, 4, "bmp"))}}).error(),
            "not a PNG, ICO or JPEG image");
  std::string png = encoded_image(20, 20, "png");
  Answer truncated = call("plugin:image|from_bytes", {{"bytes", byte_array(png.substr(0, png.size() / 2))}});
  EXPECT_NE(truncated.error().find("cannot be decoded"), std::string::npos) << truncated.body;
  EXPECT_FALSE(call("plugin:image|from_bytes", {{"bytes", "not bytes"}}).ok);
}

// PNG's chunk checksum (CRC-32, ISO 3309), to write a header that a decoder accepts.
uint32_t png_crc(const std::string& bytes) {
  uint32_t crc = 0xffffffffu;
  for (unsigned char c : bytes) {
    crc ^= c;
    for (int k = 0; k < 8; ++k) crc = (crc >> 1) ^ (0xedb88320u & (0u - (crc & 1u)));
  }
  return crc ^ 0xffffffffu;
}

// A small PNG whose valid header claims 8192 x 8192 (256 MiB of RGBA): refused from the header,
// before the pixels are decoded.
TEST_F(ImageCommands, ImagesOverTheCapAreRefused) {
  std::string png = encoded_image(1, 1, "png");
  auto put32 = [&](size_t at, uint32_t v) {
    for (int i = 0; i < 4; ++i) png[at + i] = static_cast<char>(v >> (24 - 8 * i));
  };
  // IHDR: type at 12..15, width 16..19, height 20..23, its CRC (over type and data) at 29..32.
  ASSERT_EQ(png.substr(12, 4), "IHDR");
  put32(16, 8192);
  put32(20, 8192);
  put32(29, png_crc(png.substr(12, 17)));
  Answer refused = call("plugin:image|from_bytes", {{"bytes", byte_array(png)}});
  EXPECT_NE(refused.error().find("the image is 8192 x 8192 pixels; at most 64 MiB"), std::string::npos)
      << refused.body;

  Answer big = call("plugin:image|new", {{"rgba", json::array{}}, {"width", 8192}, {"height", 8192}});
  EXPECT_NE(big.error().find("8192 x 8192 pixels; at most 64 MiB"), std::string::npos) << big.body;
  // Just under the cap passes the size check (and then fails only on the byte count).
  Answer under = call("plugin:image|new", {{"rgba", json::array{}}, {"width", 4096}, {"height", 4096}});
  EXPECT_NE(under.error().find("needs width * height * 4"), std::string::npos) << under.body;
}

TEST_F(ImageCommands, ImagesBelongToTheCallingPage) {
  uint32_t rid = new_image("plugin:image|new", {{"rgba", json::array{1, 2, 3, 4}}, {"width", 1}, {"height", 1}});
  runtime::Caller other_origin = page_;
  other_origin.origin = "https://evil.example";
  runtime::Caller next_page = page_;
  next_page.page = 1;
  runtime::Caller other_webview = page_;
  other_webview.webview = "other";
  for (const auto& caller : {other_origin, next_page, other_webview}) {
    Answer a = call("plugin:image|size", {{"rid", rid}}, caller);
    EXPECT_EQ(a.error(), "image resource id " + std::to_string(rid) + " not found");
  }
  EXPECT_TRUE(call("plugin:image|size", {{"rid", rid}}).ok);
  // plugin:resources|close closes it (ResourceTable::remove_any_plugin): then it is gone.
  EXPECT_TRUE(resources_.remove_any_plugin({page_.webview, page_.origin, page_.page}, rid));
  EXPECT_FALSE(call("plugin:image|size", {{"rid", rid}}).ok);
  EXPECT_FALSE(call("plugin:image|rgba", {{"rid", "1"}}).ok);
}

TEST_F(ImageCommands, FromPathReadsTheAppsOwnFolder) {
  app_.write("icons/logo.png", encoded_image(7, 3, "png"));
  uint32_t rid = new_image("plugin:image|from_path", {{"path", (app_ / "icons/logo.png").string()}});
  EXPECT_EQ(size_of(rid), (std::pair<int64_t, int64_t>{7, 3}));
  // Relative: against the app's folder.
  uint32_t relative = new_image("plugin:image|from_path", {{"path", "icons/logo.png"}});
  EXPECT_EQ(size_of(relative), (std::pair<int64_t, int64_t>{7, 3}));
  EXPECT_NE(call("plugin:image|from_path", {{"path", "icons/missing.png"}}).error().find("is not a regular file"),
            std::string::npos);
  EXPECT_NE(call("plugin:image|from_path", {{"path", "icons"}}).error().find("is not a regular file"),
            std::string::npos);
}

// A page must not read ~/secret.png, nor reach it through "..", a symlink in the app's folder, or
// a host-private path, and cannot tell whether a file outside exists.
TEST_F(ImageCommands, FromPathRefusesFilesOutsideWhatTheAppMayRead) {
  auto secret = outside_.write("secret.png", encoded_image(2, 2, "png"));
  const std::string refused = "is not a file this app may read as an image";
  EXPECT_NE(call("plugin:image|from_path", {{"path", secret.string()}}).error().find(refused), std::string::npos);
  EXPECT_NE(call("plugin:image|from_path", {{"path", (outside_ / "nothing.png").string()}}).error().find(refused),
            std::string::npos);
  auto dotdot = (app_ / ".." / secret.parent_path().filename() / "secret.png").string();
  EXPECT_NE(call("plugin:image|from_path", {{"path", dotdot}}).error().find(refused), std::string::npos);
  std::filesystem::create_symlink(secret, app_ / "link.png");
  EXPECT_NE(call("plugin:image|from_path", {{"path", "link.png"}}).error().find(refused), std::string::npos);
  EXPECT_NE(call("plugin:image|from_path", {{"path", "/etc/passwd"}}).error().find(refused), std::string::npos);
  // A host-private path inside the app's folder stays out of reach.
  paths_.private_paths.push_back((app_ / "private").string());
  app_.write("private/p.png", encoded_image(2, 2, "png"));
  EXPECT_NE(call("plugin:image|from_path", {{"path", "private/p.png"}}).error().find(refused), std::string::npos);
  // No app folder known: nothing but the asset scope.
  paths_.resource_dir.reset();
  app_.write("a.png", encoded_image(2, 2, "png"));
  EXPECT_NE(call("plugin:image|from_path", {{"path", (app_ / "a.png").string()}}).error().find(refused),
            std::string::npos);
}

TEST_F(ImageCommands, FromPathReadsInsideTheAssetProtocolScope) {
  auto picture = outside_.write("pictures/p.png", encoded_image(3, 3, "png"));
  auto secret = outside_.write("secret.png", encoded_image(2, 2, "png"));
  webview::AssetProtocolConfig asset;
  asset.enabled = true;
  asset.scope = json::parse(R"({"allow": [")" + (outside_ / "pictures").string() + R"(/**"], "deny": []})");
  context_.asset_protocol = &asset;
  EXPECT_EQ(size_of(new_image("plugin:image|from_path", {{"path", picture.string()}})),
            (std::pair<int64_t, int64_t>{3, 3}));
  EXPECT_FALSE(call("plugin:image|from_path", {{"path", secret.string()}}).ok);
  asset.enabled = false;  // the scope counts only while the asset protocol is on
  EXPECT_FALSE(call("plugin:image|from_path", {{"path", picture.string()}}).ok);
}

TEST_F(ImageCommands, ImageArgumentsInEveryFormThePackageSends) {
  app_.write("i.png", encoded_image(6, 2, "png"));
  uint32_t rid = new_image("plugin:image|new", {{"rgba", json::array{1, 2, 3, 4}}, {"width", 1}, {"height", 1}});
  auto size_of_arg = [&](const json::value& arg, const runtime::Caller& caller) -> std::pair<int, int> {
    std::string error;
    GdkPixbuf* image = image_from_arg(arg, caller, context_, error);
    if (!image) return {-1, -1};
    std::pair<int, int> size{gdk_pixbuf_get_width(image), gdk_pixbuf_get_height(image)};
    g_object_unref(image);
    return size;
  };
  EXPECT_EQ(size_of_arg(json::value(rid), page_), (std::pair<int, int>{1, 1}));
  runtime::Caller stranger = page_;
  stranger.webview = "other";
  EXPECT_EQ(size_of_arg(json::value(rid), stranger), (std::pair<int, int>{-1, -1}));
  EXPECT_EQ(size_of_arg(json::value("i.png"), page_), (std::pair<int, int>{6, 2}));
  EXPECT_EQ(size_of_arg(byte_array(encoded_image(4, 5, "png")), page_), (std::pair<int, int>{4, 5}));
  json::object rgba{{"rgba", json::array{9, 9, 9, 9, 9, 9, 9, 9}}, {"width", 2}, {"height", 1}};
  EXPECT_EQ(size_of_arg(rgba, page_), (std::pair<int, int>{2, 1}));
  auto secret = outside_.write("s.png", encoded_image(2, 2, "png"));
  std::string error;
  EXPECT_EQ(image_from_arg(json::value(secret.string()), page_, context_, error), nullptr);
  EXPECT_NE(error.find("is not a file this app may read"), std::string::npos);
  EXPECT_EQ(image_from_arg(json::value(true), page_, context_, error), nullptr);
  EXPECT_NE(error.find("an image must be"), std::string::npos);
}

TEST_F(ImageCommands, DefaultWindowIconIsAnImageOfTheCallingPage) {
  EXPECT_EQ(call("plugin:app|default_window_icon").body, "null");
  context_.app_icon = app_.write("icons/icon.png", encoded_image(32, 32, "png"));
  uint32_t rid = new_image("plugin:app|default_window_icon", {});
  EXPECT_EQ(size_of(rid), (std::pair<int64_t, int64_t>{32, 32}));
}

TEST_F(ImageCommands, AppCommandsTauriAnswersWithoutEffectOnLinux) {
  EXPECT_EQ(call("plugin:app|app_show").body, "null");
  EXPECT_EQ(call("plugin:app|app_hide").body, "null");
  EXPECT_EQ(call("plugin:app|fetch_data_store_identifiers").body, "[]");
  EXPECT_EQ(call("plugin:app|remove_data_store", {{"uuid", json::array{}}}).body, "null");
  EXPECT_EQ(call("plugin:app|set_dock_visibility", {{"visible", false}}).body, "null");
  EXPECT_EQ(call("plugin:app|bundle_type").body, "null");
  EXPECT_EQ(call("plugin:app|supports_multiple_windows").body, "true");
  EXPECT_EQ(call("plugin:app|register_listener", {{"event", "back-button"}, {"handler", "__CHANNEL__:1"}}).body, "null");
}

TEST_F(ImageCommands, SetAppThemeTakesLightDarkOrNull) {
  EXPECT_EQ(call("plugin:app|set_app_theme", {{"theme", "blue"}}).error(),
            "argument 'theme' must be \"light\", \"dark\" or null");
  EXPECT_FALSE(call("plugin:app|set_app_theme", {{"theme", 1}}).ok);
}

TEST_F(ImageCommands, ExitAnswersThenEndsTheRunWithTheCode) {
  EXPECT_FALSE(call("plugin:app|exit", {{"code", 3}}).ok) << "no way to end the run: refused";
  std::optional<int> ended;
  context_.exit_app = [&ended](int code) { ended = code; };
  EXPECT_FALSE(call("plugin:app|exit", {{"code", 1.5}}).ok);
  EXPECT_FALSE(ended);
  EXPECT_TRUE(call("plugin:app|exit", {{"code", 3}}).ok);
  EXPECT_EQ(ended, 3);
  EXPECT_TRUE(call("plugin:app|exit", {}).ok);
  EXPECT_EQ(ended, 0);
}

}  // namespace
}  // namespace warden::desktop
