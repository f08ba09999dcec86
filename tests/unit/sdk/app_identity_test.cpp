// warden/app_identity.hpp on hosts that answer each way a host can: the identity, no app (NULL),
// no extension, an older extension without app_identity, and an answer that is not the documented
// object (never guessed from). The plugins autostart and notification rely on each refusal.
#include <cstddef>
#include <cstdlib>
#include <cstring>
#include <string>

#include <gtest/gtest.h>
#include <warden/app_identity.hpp>

namespace {

const char* g_answer = nullptr;  // what app_identity answers; nullptr: no app
uint32_t g_struct_size = sizeof(warden_host_app_lifecycle);
bool g_offered = true;

char* answer(const warden_host*) { return g_answer ? ::strdup(g_answer) : nullptr; }

warden_host host_answering(const char* json) {
  g_answer = json;
  warden_host h{};
  h.struct_size = sizeof h;
  h.abi_version = WARDEN_ABI_VERSION;
  h.host_name = "fake";
  h.host_version = "0.0.1";
  h.free_string = [](const warden_host*, char* s) { std::free(s); };
  h.get_extension = [](const warden_host*, const char* id) -> const void* {
    static warden_host_app_lifecycle lifecycle{};
    lifecycle.struct_size = g_struct_size;
    lifecycle.app_identity = answer;
    return g_offered && std::strcmp(id, WARDEN_EXT_APP_LIFECYCLE) == 0 ? &lifecycle : nullptr;
  };
  return h;
}

class AppIdentityHelper : public ::testing::Test {
 protected:
  void TearDown() override {
    g_struct_size = sizeof(warden_host_app_lifecycle);
    g_offered = true;
  }
};

}  // namespace

TEST_F(AppIdentityHelper, ReadsTheHostsAnswer) {
  warden_host raw = host_answering(R"({"identifier":"org.example.notes","productName":"Notes","version":"1.2.3"})");
  warden::AppIdentity app = warden::app_identity(warden::Host(&raw));
  EXPECT_EQ(app.identifier, "org.example.notes");
  EXPECT_EQ(app.product_name, "Notes");
  EXPECT_EQ(app.version, "1.2.3");
}

TEST_F(AppIdentityHelper, AnEmptyProductNameIsTheIdentifier) {
  warden_host raw = host_answering(R"({"identifier":"org.example.notes","productName":"","version":"0.0.0"})");
  EXPECT_EQ(warden::app_identity(warden::Host(&raw)).product_name, "org.example.notes");
}

TEST_F(AppIdentityHelper, NoAppIsRefusedSayingWhatIsMissing) {
  warden_host raw = host_answering(nullptr);
  EXPECT_FALSE(warden::find_app_identity(warden::Host(&raw)).has_value());
  try {
    warden::app_identity(warden::Host(&raw));
    FAIL() << "no app, yet an identity";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("warden.app-lifecycle/1 app_identity"), std::string::npos) << e.what();
  }
}

TEST_F(AppIdentityHelper, AHostWithoutTheExtensionOrWithAnOlderOneHasNoIdentity) {
  warden_host raw = host_answering(R"({"identifier":"a","productName":"A","version":"1"})");
  g_offered = false;
  EXPECT_FALSE(warden::find_app_identity(warden::Host(&raw)).has_value());
  g_offered = true;
  g_struct_size = offsetof(warden_host_app_lifecycle, app_identity);  // before app_identity was appended
  EXPECT_FALSE(warden::find_app_identity(warden::Host(&raw)).has_value());
  EXPECT_THROW(warden::app_identity(warden::Host(&raw)), std::runtime_error);
}

TEST_F(AppIdentityHelper, AMalformedAnswerIsNoIdentity) {
  for (const char* bad : {"not json", "[]", R"({"productName":"A","version":"1"})",
                          R"({"identifier":"","productName":"A","version":"1"})",
                          R"({"identifier":7,"productName":"A","version":"1"})",
                          R"({"identifier":"a","version":"1"})", R"({"identifier":"a","productName":"A"})"}) {
    warden_host raw = host_answering(bad);
    EXPECT_FALSE(warden::find_app_identity(warden::Host(&raw)).has_value()) << bad;
  }
}

// launch_command's answer, read as autostart and deep-link write it into desktop entries: only the
// documented array, whose first element is an absolute path, is a command line.
TEST(LaunchCommandReading, OnlyAnArrayOfStringsStartingWithAnAbsolutePath) {
  auto command = warden::detail::launch_command_from_json(R"(["/usr/bin/warden", "run", "/apps/a"])");
  ASSERT_TRUE(command);
  EXPECT_EQ(*command, (std::vector<std::string>{"/usr/bin/warden", "run", "/apps/a"}));
  for (const char* bad : {"", "null", "{}", "[]", R"("/usr/bin/warden")", R"(["warden", "run"])", R"([""])",
                          R"(["/usr/bin/warden", 1])", R"(["/usr/bin/warden", null])", "[\"/usr/bin/warden\""})
    EXPECT_FALSE(warden::detail::launch_command_from_json(bad)) << bad;
}
