// `warden doctor` run as a user would, against a fake dpkg status and apt lists (the hidden
// --dpkg-root) and real plugin libraries: what it says about WebKitGTK's package, and what it
// says `warden run` would refuse.
#include <gtest/gtest.h>

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include <boost/json.hpp>

#include "process.hpp"
#include "temp_dir.hpp"

using warden::test::run_process;
using warden::test::TempDir;
namespace fs = std::filesystem;
namespace json = boost::json;

namespace {

const char* kSecurityList = "var/lib/apt/lists/deb.debian.org_debian-security_dists_bookworm-security_main_binary-amd64_Packages";
const char* kMainList = "var/lib/apt/lists/deb.debian.org_debian_dists_bookworm_main_binary-amd64_Packages";

std::string package(const std::string& version, bool installed = false) {
  return "Package: libwebkit2gtk-4.1-0\n" + std::string(installed ? "Status: install ok installed\n" : "") +
         "Architecture: amd64\nMulti-Arch: same\nVersion: " + version + "\nDescription: Web content engine\n more\n\n";
}

// A root where 2.50.6-1~deb12u2 is installed.
void install_webkit(const TempDir& root) {
  root.write("var/lib/dpkg/status", "Package: bash\nStatus: install ok installed\nArchitecture: amd64\nVersion: 5.2.15-2+b2\n\n" +
                                        package("2.50.6-1~deb12u2", true));
}

std::vector<std::string> doctor(const TempDir& root, std::vector<std::string> extra = {}) {
  std::vector<std::string> argv{WARDEN_BIN, "doctor", "--dpkg-root", root.path.string()};
  argv.insert(argv.end(), extra.begin(), extra.end());
  return argv;
}

json::object webkit_of(const std::string& out) {
  json::value report = json::parse(out);
  for (auto& lib : report.at("webview").as_array())
    if (lib.at("name") == "WebKitGTK") return lib.as_object();
  throw std::runtime_error("no WebKitGTK entry in " + out);
}

}  // namespace

#if defined(__x86_64__)  // the fake lists are amd64 ones

TEST(DoctorCli, SaysASecurityUpdateIsAvailableAndExits1) {
  TempDir root;
  install_webkit(root);
  root.write(kMainList, package("2.48.7-1~deb12u1") + package("2.50.6-1~deb12u2"));
  root.write(kSecurityList, package("2.50.6-1~deb12u3"));
  auto r = run_process(doctor(root));
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_NE(r.out.find("a security update is available: libwebkit2gtk-4.1-0 2.50.6-1~deb12u3"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("package libwebkit2gtk-4.1-0 2.50.6-1~deb12u2 (amd64)"), std::string::npos) << r.out;

  auto j = run_process(doctor(root, {"--json"}));
  EXPECT_EQ(j.exit_code, 1) << j.err;
  auto webkit = webkit_of(j.out);
  EXPECT_EQ(webkit.at("status"), "outdated");
  EXPECT_EQ(webkit.at("newest").at("version"), "2.50.6-1~deb12u3");
  EXPECT_EQ(webkit.at("newest").at("security"), true);
  EXPECT_EQ(webkit.at("package").at("version"), "2.50.6-1~deb12u2");
  // The version of the library this process linked, not the package's.
  EXPECT_FALSE(std::string(webkit.at("runtime_version").as_string()).empty());
  EXPECT_EQ(json::parse(j.out).at("problems").as_array().size(), 1u);
}

TEST(DoctorCli, TildeVersionsOfAStableUpdateSortBelowTheRelease) {
  TempDir root;
  install_webkit(root);
  // 2.50.6-1 is newer than any 2.50.6-1~deb12uN: an update, though not from the security suite.
  root.write(kMainList, package("2.50.6-1"));
  root.write(kSecurityList, package("2.50.6-1~deb12u1"));
  auto j = run_process(doctor(root, {"--json"}));
  EXPECT_EQ(j.exit_code, 1) << j.err;
  auto webkit = webkit_of(j.out);
  EXPECT_EQ(webkit.at("status"), "outdated");
  EXPECT_EQ(webkit.at("newest").at("version"), "2.50.6-1");
  EXPECT_EQ(webkit.at("newest").at("security"), false);
}

TEST(DoctorCli, CurrentWhenNoListOffersANewerVersion) {
  TempDir root;
  install_webkit(root);
  root.write(kMainList, package("2.50.6-1~deb12u2"));
  root.write(kSecurityList, package("2.50.6-1~deb12u1"));
  auto r = run_process(doctor(root));
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("the newest version the package lists offer (2.50.6-1~deb12u2) is installed"), std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("No problems found."), std::string::npos) << r.out;
  EXPECT_EQ(webkit_of(run_process(doctor(root, {"--json"})).out).at("status"), "current");
}

TEST(DoctorCli, CannotTellWithoutPackageListsAndSaysToUpdateThem) {
  TempDir root;
  install_webkit(root);
  auto r = run_process(doctor(root));
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("cannot tell: there are no package lists in " + (root.path / "var/lib/apt/lists").string() +
                       " (run `apt-get update`"),
            std::string::npos)
      << r.out;
  auto webkit = webkit_of(run_process(doctor(root, {"--json"})).out);
  EXPECT_EQ(webkit.at("status"), "unknown");
  EXPECT_TRUE(webkit.at("newest").is_null());
}

TEST(DoctorCli, CannotTellWithoutADpkgStatus) {
  TempDir root;
  root.write(kMainList, package("2.50.6-1~deb12u3"));
  auto r = run_process(doctor(root));
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("cannot tell: there is no dpkg status file"), std::string::npos) << r.out;
}

TEST(DoctorCli, CannotTellWhenTheListsDoNotMentionThePackage) {
  TempDir root;
  install_webkit(root);
  root.write(kMainList, "Package: bash\nArchitecture: amd64\nVersion: 9.9-1\n");
  auto r = run_process(doctor(root));
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("cannot tell: no package list offers libwebkit2gtk-4.1-0"), std::string::npos) << r.out;
}

// apt may keep its lists compressed; they are read through apt's own helper.
TEST(DoctorCli, ReadsCompressedListsThroughAptHelper) {
  ASSERT_TRUE(fs::exists("/usr/lib/apt/apt-helper")) << "Debian's apt is required (apt-helper)";
  TempDir root;
  install_webkit(root);
  auto list = root.write(kSecurityList, package("2.50.6-1~deb12u3"));
  ASSERT_EQ(std::system(("gzip " + list.string()).c_str()), 0);
  ASSERT_TRUE(fs::exists(list.string() + ".gz"));
  auto j = run_process(doctor(root, {"--json"}));
  EXPECT_EQ(j.exit_code, 1) << j.err;
  EXPECT_EQ(webkit_of(j.out).at("newest").at("version"), "2.50.6-1~deb12u3");
  // Without the helper the list cannot be read, and doctor says so instead of guessing.
  auto without = run_process(doctor(root, {"--apt-helper", (root.path / "missing").string()}));
  EXPECT_EQ(without.exit_code, 0) << without.err;
  EXPECT_NE(without.out.find("cannot tell: the package lists cannot be read"), std::string::npos) << without.out;
}

#endif

TEST(DoctorCli, ListsPluginsAndWhatWouldBeRefused) {
  TempDir s;
  TempDir root;  // an empty root: the WebView part says "cannot tell" and does not change the exit status
  s.copy(WARDEN_TEST_GOOD, "plugins/good.so");
  s.copy(WARDEN_TEST_NO_ENTRY, "plugins/no-entry.so");
  s.copy(WARDEN_PING, "plugins/ping.so");
  s.write("app/warden.conf.json",
          R"({"identifier": "dev.warden.doctor", "plugins": {"ping": {"sha256": ")" + std::string(64, '0') + R"("}}})");
  s.write("app/capabilities/main.json", R"({"identifier": "main", "windows": ["main"], "permissions": ["core:default"]})");

  auto r = run_process(doctor(root, {(s.path / "app").string(), "--plugins", (s.path / "plugins").string()}));
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_NE(r.out.find("load     test-good 1.2.3  " + (s.path / "plugins/good.so").string()), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("refused  " + (s.path / "plugins/no-entry.so").string() + ": missing entry symbol"),
            std::string::npos)
      << r.out;
  // The wording of `warden run`'s refusal (one admission: plugin/plugin_admission.hpp).
  EXPECT_NE(r.out.find("refused  " + (s.path / "plugins/ping.so").string() +
                       ": SHA-256 mismatch: the app config's plugins.ping.sha256 pins " + std::string(64, '0')),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("ACL: ok"), std::string::npos) << r.out;

  auto j = run_process(doctor(root, {(s.path / "app").string(), "--plugins", (s.path / "plugins").string(), "--json"}));
  EXPECT_EQ(j.exit_code, 1) << j.err;
  auto out = json::parse(j.out).as_object();
  std::map<std::string, json::object> by_file;
  for (auto& p : out.at("plugins").as_array())
    by_file[fs::path(std::string(p.at("file").as_string())).filename().string()] = p.as_object();
  ASSERT_EQ(by_file.size(), 3u) << j.out;
  EXPECT_EQ(by_file["good.so"].at("status"), "load");
  EXPECT_EQ(by_file["good.so"].at("name"), "test-good");
  EXPECT_GT(by_file["good.so"].at("permissions").as_int64(), 0);
  EXPECT_FALSE(by_file["good.so"].at("commands").as_array().empty());
  EXPECT_EQ(by_file["no-entry.so"].at("status"), "refused");
  EXPECT_EQ(by_file["ping.so"].at("status"), "refused");
  EXPECT_EQ(out.at("problems").as_array().size(), 2u) << j.out;
  EXPECT_EQ(out.at("acl").at("status"), "ok");
  ASSERT_EQ(out.at("plugin_folders").as_array().size(), 1u);
  EXPECT_TRUE(out.at("plugin_folders").as_array()[0].at("mode").is_string());
}

TEST(DoctorCli, TheRightPinLoadsAndAnAclNamingARefusedPluginIsRefused) {
  TempDir s;
  TempDir root;
  s.copy(WARDEN_PING, "plugins/ping.so");
  s.copy(WARDEN_TEST_NO_ENTRY, "other/no-entry.so");
  auto sum = run_process({"sha256sum", (s.path / "plugins/ping.so").string()});
  ASSERT_EQ(sum.exit_code, 0) << sum.err;
  std::string pin = sum.out.substr(0, 64);
  s.write("app/warden.conf.json",
          R"({"identifier": "dev.warden.doctor", "plugins": {"ping": {"sha256": ")" + pin + R"("}}})");
  s.write("app/capabilities/main.json",
          R"({"identifier": "main", "windows": ["main"], "permissions": ["core:default", "ping:default"]})");
  auto good = run_process(doctor(root, {(s.path / "app").string(), "--plugins", (s.path / "plugins").string()}));
  EXPECT_EQ(good.exit_code, 0) << good.out << good.err;
  EXPECT_NE(good.out.find("load     ping"), std::string::npos) << good.out;
  EXPECT_NE(good.out.find("No problems found."), std::string::npos) << good.out;

  // Without the plugin folder, ping:default names a plugin that would not be there.
  auto bad = run_process(doctor(root, {(s.path / "app").string(), "--json"}));
  EXPECT_EQ(bad.exit_code, 1) << bad.out << bad.err;
  auto out = json::parse(bad.out).as_object();
  EXPECT_EQ(out.at("acl").at("status"), "refused");
  EXPECT_NE(std::string(out.at("acl").at("error").as_string()).find("ping"), std::string::npos) << bad.out;
}

TEST(DoctorCli, BadInputExits2) {
  TempDir s;
  s.write("app/warden.conf.json", "{ not json");
  auto r = run_process({WARDEN_BIN, "doctor", (s.path / "app").string()});
  EXPECT_EQ(r.exit_code, 2) << r.out;
  EXPECT_NE(r.err.find("warden.conf.json"), std::string::npos) << r.err;
  auto missing = run_process({WARDEN_BIN, "doctor", (s.path / "nope").string()});
  EXPECT_EQ(missing.exit_code, 2);
}

TEST(DoctorCli, WarnsWhenOthersCouldReplacePluginCode) {
  TempDir s;
  TempDir root;
  auto lib = s.copy(WARDEN_TEST_GOOD, "plugins/good.so");
  fs::permissions(s.path / "plugins", fs::perms::all);  // 0777
  auto r = run_process(doctor(root, {"--plugins", (s.path / "plugins").string(), "--json"}));
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;  // a warning, not a refusal: warden run would load it
  auto out = json::parse(r.out).as_object();
  auto& folder = out.at("plugin_folders").as_array().at(0).as_object();
  EXPECT_EQ(folder.at("mode"), "0777");
  ASSERT_EQ(folder.at("warnings").as_array().size(), 1u) << r.out;
  EXPECT_NE(std::string(folder.at("warnings").as_array()[0].as_string()).find("writable by every user"),
            std::string::npos);
  EXPECT_TRUE(out.at("plugins").as_array().at(0).at("warnings").as_array().empty()) << r.out;

  fs::permissions(s.path / "plugins", fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                                          fs::perms::others_read | fs::perms::others_exec);
  fs::permissions(lib, fs::perms::group_write, fs::perm_options::add);
  auto text = run_process(doctor(root, {"--plugins", (s.path / "plugins").string()}));
  EXPECT_EQ(text.exit_code, 0) << text.err;
  EXPECT_NE(text.out.find("warning: the library is writable by its group"), std::string::npos) << text.out;
  EXPECT_EQ(text.out.find("warning: the folder"), std::string::npos) << text.out;
}
