// The os plugin's values, checked against the system they describe.
#include <gtest/gtest.h>
#include <sys/utsname.h>
#include <unistd.h>

#include <fstream>
#include <map>
#include <sstream>

#include <boost/json.hpp>

#include "os_info.hpp"

namespace os = warden::os_plugin;

namespace {
// A JSON string's text, or "<json>" for anything else (so a wrong type shows in the failure).
std::string text(const boost::json::value& v) {
  return v.is_string() ? std::string(v.get_string()) : "<" + boost::json::serialize(v) + ">";
}
}  // namespace

TEST(OsInfo, CompileTimeFactsOfThisLinuxBuild) {
  EXPECT_EQ(os::platform(), "linux");
  EXPECT_EQ(os::os_type(), "linux");
  EXPECT_EQ(os::family(), "unix");
  EXPECT_EQ(os::eol(), "\n");
  EXPECT_EQ(os::exe_extension(), "");
  struct utsname u {};
  ASSERT_EQ(::uname(&u), 0);
  std::string machine = u.machine;
  if (machine == "i686" || machine == "i386") machine = "x86";
  if (machine == "armv7l") machine = "arm";
  EXPECT_EQ(os::arch(), machine);
}

TEST(OsInfo, VersionIdOfOsRelease) {
  EXPECT_EQ(os::os_release_version("NAME=\"Debian GNU/Linux\"\nVERSION_ID=\"12\"\nVERSION=\"12 (bookworm)\"\n"), "12");
  EXPECT_EQ(os::os_release_version("ID=ubuntu\nVERSION_ID='22.04'"), "22.04");
  EXPECT_EQ(os::os_release_version("VERSION_ID=3.19.1\r\n"), "3.19.1");
  EXPECT_EQ(os::os_release_version("  VERSION_ID=\"40\"  \n"), "40");
  EXPECT_FALSE(os::os_release_version("NAME=Arch\nBUILD_ID=rolling\n"));
  EXPECT_FALSE(os::os_release_version("VERSION_ID=\"\"\n"));
  EXPECT_FALSE(os::os_release_version("MY_VERSION_ID=1\n"));
  EXPECT_FALSE(os::os_release_version(""));
}

TEST(OsInfo, VersionIsThisSystemsVersionId) {
  std::ifstream in("/etc/os-release");
  if (!in) in.open("/usr/lib/os-release");
  ASSERT_TRUE(in) << "no os-release on this system";
  std::string line, expected;
  while (std::getline(in, line))
    if (line.rfind("VERSION_ID=", 0) == 0) {
      expected = line.substr(11);
      if (expected.size() >= 2 && expected.front() == '"') expected = expected.substr(1, expected.size() - 2);
    }
  ASSERT_FALSE(expected.empty());
  EXPECT_EQ(os::version(), expected);
}

TEST(OsInfo, PosixLocaleToBcp47) {
  EXPECT_EQ(os::bcp47_from_posix("en_US.UTF-8"), "en-US");
  EXPECT_EQ(os::bcp47_from_posix("de_AT.UTF-8@euro"), "de-AT");
  EXPECT_EQ(os::bcp47_from_posix("fr"), "fr");
  EXPECT_EQ(os::bcp47_from_posix("sr_RS@latin"), "sr-RS");
  EXPECT_FALSE(os::bcp47_from_posix("C"));
  EXPECT_FALSE(os::bcp47_from_posix("C.UTF-8"));
  EXPECT_FALSE(os::bcp47_from_posix("POSIX"));
  EXPECT_FALSE(os::bcp47_from_posix(""));
  EXPECT_FALSE(os::bcp47_from_posix("en US"));
  EXPECT_FALSE(os::bcp47_from_posix("x\"';alert(1)"));
}

TEST(OsInfo, LocaleFollowsTheEnvironmentOrder) {
  std::map<std::string, std::string> env;
  auto get = [&](const char* k) -> const char* {
    auto it = env.find(k);
    return it == env.end() ? nullptr : it->second.c_str();
  };
  EXPECT_FALSE(os::locale(get));
  env["LANG"] = "pt_BR.UTF-8";
  EXPECT_EQ(os::locale(get), "pt-BR");
  env["LC_MESSAGES"] = "ja_JP.eucJP";
  EXPECT_EQ(os::locale(get), "ja-JP");
  env["LC_ALL"] = "";  // empty counts as unset
  EXPECT_EQ(os::locale(get), "ja-JP");
  env["LC_ALL"] = "C";  // set, but no language
  EXPECT_FALSE(os::locale(get));
}

TEST(OsInfo, HostnameIsGethostname) {
  char buf[256] = {0};
  ASSERT_EQ(::gethostname(buf, sizeof buf - 1), 0);
  EXPECT_EQ(os::hostname(), buf);
  EXPECT_FALSE(os::hostname().empty());
}

TEST(OsInfo, InitScriptDefinesTheInternalsTheNpmPackageReads) {
  std::string js = os::init_script("12\"</script>\n");
  const std::string head = "Object.defineProperty(window, '__TAURI_OS_PLUGIN_INTERNALS__', {value: Object.freeze(";
  ASSERT_EQ(js.rfind(head, 0), 0u) << js;
  auto end = js.find("), writable: false");
  ASSERT_NE(end, std::string::npos);
  auto values = boost::json::parse(js.substr(head.size(), end - head.size())).as_object();
  EXPECT_EQ(text(values.at("eol")), "\n");
  EXPECT_EQ(text(values.at("os_type")), "linux");
  EXPECT_EQ(text(values.at("platform")), "linux");
  EXPECT_EQ(text(values.at("family")), "unix");
  EXPECT_EQ(text(values.at("version")), "12\"</script>\n");  // escaped as a JSON string
  EXPECT_EQ(text(values.at("arch")), std::string(os::arch()));
  EXPECT_EQ(text(values.at("exe_extension")), "");
  EXPECT_EQ(values.size(), 7u);
}
