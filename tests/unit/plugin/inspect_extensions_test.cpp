// `warden plugin inspect` shows the extensions a plugin declares in its section: the host
// extensions it uses, each with whether this host has it, and the ones it offers. Read from the
// file: no plugin code runs.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "process.hpp"

using warden::test::run_process;

namespace {

boost::json::object inspect(const char* library) {
  auto r = run_process({WARDEN_BIN, "plugin", "inspect", library});
  if (r.exit_code != 0) throw std::runtime_error("inspect failed: " + r.err);
  return boost::json::parse(r.out).as_object();
}

}  // namespace

TEST(InspectExtensions, UsesSayWhetherThisHostHasEachAndOffersAreListed) {
  auto j = inspect(WARDEN_TEST_PLAIN_C);
  EXPECT_EQ(j.at("abi"), 2);
  EXPECT_EQ(boost::json::serialize(j.at("extensions")),
            R"({"uses":[{"id":"warden.channels/1","host_has":true},{"id":"warden.no-such-thing/1","host_has":false}],)"
            R"("offers":[]})");
  auto offers = inspect(WARDEN_TEST_FALSE_OFFER);
  EXPECT_EQ(boost::json::serialize(offers.at("extensions")), R"({"uses":[],"offers":["warden.init-script/1"]})");
}

TEST(InspectExtensions, AnAbiOnePluginDeclaresNone) {
  auto j = inspect(WARDEN_TEST_ABI1);
  EXPECT_EQ(j.at("abi"), 1);
  EXPECT_EQ(boost::json::serialize(j.at("extensions")), R"({"uses":[],"offers":[]})");
}

TEST(InspectExtensions, EmbedRefusesAnInvalidExtensionIdNamingIt) {
  auto r = run_process({WARDEN_BIN, "plugin", "embed", "--name", "x", "--version", "1.0.0", "--commands=a",
                        "--uses-extensions=warden.channels/1,channels", "--out-source", "/dev/null"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("USES_EXTENSIONS: invalid extension id 'channels'"), std::string::npos) << r.err;
}
