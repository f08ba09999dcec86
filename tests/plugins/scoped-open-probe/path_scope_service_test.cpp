// warden.path-scope/1's host side through its C vtable, as a plugin calls it: the return
// convention (1 / 0 / negative), what is handed over and when, the call's own scopes versus
// scopes passed in, host-private folders, and input a plugin could get wrong.
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include <gtest/gtest.h>

#include "plugin/call.hpp"
#include "plugin/host_extensions.hpp"
#include "plugin/host_services.hpp"
#include "plugin/path_scope_service.hpp"
#include "warden/ext/path_scope.h"

using namespace warden::plugin;
namespace fs = std::filesystem;

namespace {

class PathScopeService : public ::testing::Test {
 protected:
  PathScopeService() {
    std::string tmpl = (fs::temp_directory_path() / "warden-path-scope-XXXXXX").string();
    if (!::mkdtemp(tmpl.data())) throw std::runtime_error("mkdtemp failed");
    root_ = fs::canonical(tmpl);
    fs::create_directories(root_ / "allowed/logs");
    fs::create_directories(root_ / "outside");
    std::ofstream(root_ / "allowed/file") << "x";
    fs::create_directory_symlink(root_ / "outside", root_ / "allowed/out");
    HostOptions options;
    options.paths.private_paths = {(root_ / "allowed/logs").string()};
    services_ = std::make_unique<HostServices>("probe", options);
    api_ = static_cast<const warden_host_path_scope*>(path_scope_extension());
  }
  ~PathScopeService() override {
    std::error_code ec;
    fs::remove_all(root_, ec);
  }

  PendingCall call() {
    CallRequest r;
    r.command = "read";
    r.scopes_json = R"({"command": {"allow": [")" + (root_ / "allowed").string() + R"(/**"]}, "global": null})";
    r.services = services_.get();
    return PendingCall("probe", std::move(r));
  }
  // check_path's answer with both strings taken over (and released as a plugin would).
  struct Answer {
    int result;
    std::string canonical, reason;
    bool has_canonical, has_reason;
  };
  Answer check(warden_call* c, const std::string& path, const char* scopes = nullptr) {
    char* canonical = reinterpret_cast<char*>(1);  // set by the host whatever the answer
    char* reason = reinterpret_cast<char*>(1);
    int r = api_->check_path(c, path.c_str(), scopes, &canonical, &reason);
    Answer a{r, canonical ? canonical : "", reason ? reason : "", canonical != nullptr, reason != nullptr};
    services_->vtable()->free_string(services_->vtable(), canonical);
    services_->vtable()->free_string(services_->vtable(), reason);
    return a;
  }
  std::string path(const std::string& rel) const { return (root_ / rel).string(); }

  fs::path root_;
  std::unique_ptr<HostServices> services_;
  const warden_host_path_scope* api_ = nullptr;
};

TEST_F(PathScopeService, IsWhatGetExtensionHandsOut) {
  const warden_host* host = services_->vtable();
  EXPECT_EQ(host->get_extension(host, WARDEN_EXT_PATH_SCOPE), path_scope_extension());
  EXPECT_EQ(api_->struct_size, sizeof(warden_host_path_scope));
}

TEST_F(PathScopeService, AllowedHandsBackTheCanonicalPathAndNoReason) {
  PendingCall c = call();
  Answer a = check(c.handle(), path("allowed/./file"));
  EXPECT_EQ(a.result, 1);
  EXPECT_EQ(a.canonical, path("allowed/file"));
  EXPECT_FALSE(a.has_reason);
  // Not existing yet: taken as written below what exists.
  EXPECT_EQ(check(c.handle(), path("allowed/new/deeper.txt")).canonical, path("allowed/new/deeper.txt"));
  c.complete(CallResult::from_json("null"));
}

TEST_F(PathScopeService, DeniedGivesAReasonNamingTheCanonicalPath) {
  PendingCall c = call();
  Answer through_link = check(c.handle(), path("allowed/out/x"));
  EXPECT_EQ(through_link.result, 0);
  EXPECT_FALSE(through_link.has_canonical);
  EXPECT_NE(through_link.reason.find(path("outside/x")), std::string::npos) << through_link.reason;
  Answer private_folder = check(c.handle(), path("allowed/logs/app.log"));
  EXPECT_EQ(private_folder.result, 0);
  EXPECT_NE(private_folder.reason.find("host"), std::string::npos) << private_folder.reason;
  // Scopes passed in replace the call's own.
  std::string other = R"({"allow": [")" + path("outside") + R"(/**"]})";
  EXPECT_EQ(check(c.handle(), path("allowed/out/x"), other.c_str()).result, 1);
  EXPECT_EQ(check(c.handle(), path("allowed/file"), other.c_str()).result, 0);
  c.complete(CallResult::from_json("null"));
}

TEST_F(PathScopeService, MalformedInputIsNegativeWithAReason) {
  PendingCall c = call();
  for (const char* bad : {"relative/file", "", "/a/\xff\xfe"}) {
    Answer a = check(c.handle(), bad);
    EXPECT_LT(a.result, 0) << bad;
    EXPECT_FALSE(a.has_canonical);
    EXPECT_TRUE(a.has_reason) << bad;
  }
  EXPECT_LT(check(c.handle(), path("allowed/file"), "{not json").result, 0);
  EXPECT_LT(check(c.handle(), path("allowed/file"), R"({"allow": ["relative/**"]})").result, 0);
  EXPECT_LT(api_->check_path(c.handle(), nullptr, nullptr, nullptr, nullptr), 0);
  EXPECT_EQ(api_->check_path(c.handle(), path("allowed/file").c_str(), nullptr, nullptr, nullptr), 1);  // results not wanted
  c.complete(CallResult::from_json("null"));
}

TEST_F(PathScopeService, ACompletedCallGetsNoAnswer) {
  PendingCall c = call();
  warden_call* handle = c.handle();
  c.complete(CallResult::from_json("null"));
  // The handle stays allocated while the PendingCall lives, so asking is safe here (for a
  // plugin it is a contract violation); the host answers "malformed", never "allowed".
  EXPECT_LT(check(handle, path("allowed/file")).result, 0);
}

TEST_F(PathScopeService, HostFunctionsWithoutACall) {
  const warden_host* host = services_->vtable();
  char* c = api_->canonical_path(host, path("allowed/out/../file").c_str());
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(std::string(c), (root_ / "file").string());  // the '..' leaves the link's target, not the link's folder
  host->free_string(host, c);
  EXPECT_EQ(api_->canonical_path(host, "relative"), nullptr);
  EXPECT_EQ(api_->canonical_path(host, nullptr), nullptr);
  std::string scopes = R"({"allow": [")" + path("allowed") + R"(/**"]})";
  EXPECT_EQ(api_->path_in_scope(host, path("allowed/file").c_str(), scopes.c_str()), 1);
  EXPECT_EQ(api_->path_in_scope(host, path("allowed/logs/a").c_str(), scopes.c_str()), 0);
  EXPECT_LT(api_->path_in_scope(host, path("allowed/file").c_str(), "[]"), 0);
  char* r = api_->resolve_path(host, "/a/./b/../c/");
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(std::string(r), "/a/c");
  host->free_string(host, r);
  EXPECT_EQ(api_->resolve_path(host, "$NO_SUCH_VARIABLE/x"), nullptr);
  EXPECT_EQ(api_->resolve_path(host, "relative"), nullptr);
}

}  // namespace
