// Every name Warden compares is read as ASCII, whatever the user's locale: this process switches to
// tr_TR.ISO-8859-9 (built here with localedef), where tolower('I') is 0xfd and toupper('i') 0xdd
// and bytes above 0x7f are letters, as GTK's init does in the host and in every plugin with the
// user's locale, then runs the real SDK helpers and host/plugin code on upper- and lower-case
// spellings. Each case failed before the code moved to warden/ascii.hpp.
#include <gtest/gtest.h>

#include <cctype>
#include <clocale>
#include <cstdlib>
#include <filesystem>
#include <string>

#include <boost/json.hpp>
#include <gdk/gdk.h>

#include "accelerator.hpp"  // global-shortcut's
#include "desktop/menu/accelerator.hpp"
#include "dialog_options.hpp"
#include "ipc/invoke_request.hpp"
#include "log_core.hpp"
#include "opener_scope.hpp"
#include "output_decoder.hpp"
#include "release_json.hpp"
#include "webview/csp.hpp"
#include "webview/mime_type.hpp"
#include "warden/fetch_headers.hpp"
#include "warden/mailto.hpp"
#include "warden/url_scheme.hpp"

namespace fs = std::filesystem;
namespace json = boost::json;

namespace {

constexpr const char* kLocale = "tr_TR.ISO-8859-9";

// Builds the locale in a temporary folder (LOCPATH) and switches this process to it; fails, naming
// the packages, when localedef or the locale sources are missing: a skipped run would prove nothing.
class TurkishLocale : public ::testing::Environment {
 public:
  void SetUp() override {
    char pattern[] = "/tmp/warden-locale-XXXXXX";
    ASSERT_NE(::mkdtemp(pattern), nullptr) << "cannot create a temporary folder";
    folder_ = pattern;
    ASSERT_EQ(std::system("command -v localedef >/dev/null"), 0)
        << "localedef is missing: install the Debian package libc-bin (scripts/install-deps.sh)";
    ASSERT_TRUE(fs::exists("/usr/share/i18n/locales/tr_TR") && fs::exists("/usr/share/i18n/charmaps/ISO-8859-9.gz"))
        << "the locale sources tr_TR and ISO-8859-9 are missing under /usr/share/i18n: install the Debian "
           "package locales (scripts/install-deps.sh)";
    std::string command = "localedef -i tr_TR -f ISO-8859-9 '" + (folder_ / kLocale).string() + "'";
    ASSERT_EQ(std::system(command.c_str()), 0) << command << " failed";
    ::setenv("LOCPATH", folder_.c_str(), 1);
    ASSERT_NE(std::setlocale(LC_ALL, kLocale), nullptr) << "setlocale(LC_ALL, \"" << kLocale << "\") failed";
    // The locale is in force: these are what made the old code go wrong.
    ASSERT_EQ(std::tolower('I'), 0xfd);
    ASSERT_EQ(std::toupper('i'), 0xdd);
  }
  void TearDown() override {
    std::setlocale(LC_ALL, "C");
    std::error_code ignored;
    fs::remove_all(folder_, ignored);
  }

 private:
  fs::path folder_;
};

const auto* const kEnvironment = ::testing::AddGlobalTestEnvironment(new TurkishLocale);

}  // namespace

TEST(TurkishLocale, MailtoAttachmentFieldsInCapitalsAndACapitalScheme) {
  // "MAILTO:" lowered through the locale was "ma\xfdlto:": no mailto: URL, no field checked.
  EXPECT_EQ(warden::mailto_attachment_field("MAILTO:a@b.c?ATTACH=/etc/passwd"), "ATTACH");
  EXPECT_EQ(warden::mailto_attachment_field("Mailto:a@b.c?subject=x&ATTACHMENT=/etc/passwd"), "ATTACHMENT");
  EXPECT_EQ(warden::mailto_attachment_field("MAILTO:a@b.c?X-ATTACH=%2Fetc%2Fpasswd"), "X-ATTACH");
  EXPECT_EQ(warden::mailto_attachment_field("mailto:a@b.c?attach=/etc/passwd"), "attach");
  EXPECT_EQ(warden::mailto_attachment_field("MAILTO:a@b.c?subject=hi"), std::nullopt);
}

TEST(TurkishLocale, UrlSchemesInCapitals) {
  EXPECT_EQ(warden::url_scheme("FILE:///etc/passwd"), "file");
  EXPECT_EQ(warden::url_scheme("MAILTO:a@b.c"), "mailto");
  EXPECT_EQ(warden::url_scheme("\xddle:x"), std::nullopt);  // a Latin-5 capital dotted I is no letter of a scheme
}

TEST(TurkishLocale, OpenerRefusesACapitalFileUrlUnderAStarEntry) {
  auto everything = warden::opener_plugin::parse_opener_scope(
      json::parse(R"({"command": {"allow": [{"url": "*"}], "deny": []}, "global": null})"));
  for (const char* url : {"FILE:///etc/passwd", "File:///etc/passwd", "file:///etc/passwd", "JAVASCRIPT:alert(1)"})
    EXPECT_FALSE(warden::opener_plugin::judge_url(everything, url, std::nullopt).allowed) << url;
  EXPECT_TRUE(warden::opener_plugin::judge_url(everything, "https://x", std::nullopt).allowed);
}

TEST(TurkishLocale, ForbiddenRequestHeadersInCapitals) {
  for (const char* name : {"HOST", "COOKIE", "ORIGIN", "PROXY-AUTHORIZATION", "SEC-FETCH-SITE", "CONNECTION", "TE",
                           "ACCESS-CONTROL-REQUEST-HEADERS", "KEEP-ALIVE", "VIA"})
    EXPECT_TRUE(warden::is_forbidden_header(name, "x")) << name;
  EXPECT_TRUE(warden::is_forbidden_header("X-HTTP-METHOD-OVERRIDE", "TRACE"));
  EXPECT_TRUE(warden::is_forbidden_method("TRACE"));
  EXPECT_EQ(warden::normalize_method("delete"), "DELETE");
  EXPECT_EQ(warden::normalize_method("options"), "OPTIONS");
  auto verdict = warden::filter_request_headers({{"ORIGIN", "https://evil"}, {"X-ID", "1"}}, false);
  ASSERT_EQ(verdict.kept.size(), 1u);
  EXPECT_EQ(verdict.kept[0].first, "x-id");
}

TEST(TurkishLocale, CspDirectiveNamesInCapitals) {
  // "SCRIPT-SRC" lowered through the locale was "scr\xfdpt-src", a directive no browser knows:
  // the app's script rule was lost and default-src's sources governed scripts instead.
  auto policy = warden::webview::parse_csp("DEFAULT-SRC 'self' https:; SCRIPT-SRC 'self'");
  warden::webview::InlineHashes hashes;
  hashes.scripts.push_back("'sha256-abc'");
  std::string csp = warden::webview::asset_csp(policy, hashes, {});
  EXPECT_EQ(csp, "default-src 'self' https:; script-src 'self' 'sha256-abc'");
  // Inline scripts in a capital <SCRIPT> tag are hashed, as the browser runs them.
  auto found = warden::webview::inline_hashes("<SCRIPT>alert(1)</SCRIPT>");
  EXPECT_EQ(found.scripts.size(), 1u);
  // 'UNSAFE-INLINE' is seen: no hash is added (a hash would turn it off).
  auto inline_ok = warden::webview::parse_csp("script-src 'self' 'UNSAFE-INLINE'");
  EXPECT_EQ(warden::webview::asset_csp(inline_ok, hashes, {}), "script-src 'self' 'UNSAFE-INLINE'");
}

TEST(TurkishLocale, InvokeContentTypesInCapitals) {
  auto json_call = warden::ipc::decode_invoke_call("ping", "APPLICATION/JSON", "{}", {});
  EXPECT_TRUE(std::holds_alternative<warden::ipc::InvokeRequest>(json_call));
  auto binary = warden::ipc::decode_invoke_call("ping", "APPLICATION/OCTET-STREAM", "x", {});
  ASSERT_TRUE(std::holds_alternative<warden::ipc::InvokeRequest>(binary));
  EXPECT_TRUE(std::get<warden::ipc::InvokeRequest>(binary).binary);
  EXPECT_FALSE(warden::ipc::parse_caller_header_names("ID,id")) << "ID and id are one header";
}

TEST(TurkishLocale, MenuAcceleratorsWithAnI) {
  std::string error;
  auto a = warden::desktop::menu::parse_accelerator("shift+i", error);
  ASSERT_TRUE(a) << error;
  EXPECT_EQ(a->key, unsigned(GDK_KEY_i));
  EXPECT_EQ(a->modifiers, unsigned(GDK_SHIFT_MASK));
  auto digit = warden::desktop::menu::parse_accelerator("ctrl+digit1", error);
  ASSERT_TRUE(digit) << error;
  EXPECT_EQ(digit->key, unsigned(GDK_KEY_1));
}

TEST(TurkishLocale, GlobalShortcutsWithAnI) {
  auto a = warden::global_shortcut::parse_accelerator("shift+i");
  EXPECT_EQ(a.canonical(), "shift+KeyI");
  EXPECT_EQ(warden::global_shortcut::parse_accelerator("ctrl+digit1").canonical(), "control+Digit1");
}

TEST(TurkishLocale, AssetTypesOfCapitalExtensions) {
  EXPECT_EQ(warden::webview::mime_type_for("LOGO.GIF"), "image/gif");
  EXPECT_EQ(warden::webview::mime_type_for("FAVICON.ICO"), "image/x-icon");
}

TEST(TurkishLocale, PluginKeywordsInCapitals) {
  EXPECT_EQ(warden::log_plugin::parse_level("INFO"), warden::log_plugin::Level::info);
  auto message = warden::dialog_plugin::message_options(json::parse(R"({"message": "m", "kind": "WARNING"})"));
  EXPECT_EQ(message.kind, warden::dialog_plugin::MessageKind::warning);
  EXPECT_NO_THROW(warden::shell_plugin::OutputDecoder::for_encoding(std::string("ISO-8859-1")));
  // A byte above 0x7f is percent-encoded into an update URL, never sent raw.
  EXPECT_EQ(warden::updater::percent_encode("1.0\xe7"), "1.0%E7");
}
