// Store names are confined to the app data folder: adversarial names are refused with a message
// naming them, symbolic links out of the folder are refused, and names of one file agree.
#include <gtest/gtest.h>

#include <stdexcept>

#include "store_path.hpp"
#include "temp_dir.hpp"

using warden::store_plugin::confine_store_path;
using warden::store_plugin::still_resolves_to_itself;
namespace fs = std::filesystem;

namespace {

std::string refusal(const fs::path& root, std::string_view name) {
  try {
    fs::path p = confine_store_path(root, name);
    return "accepted as " + p.string();
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
}

}  // namespace

TEST(StorePath, RelativeNamesResolveUnderTheRoot) {
  warden::test::TempDir tmp;
  fs::path root = tmp.path / "app";
  EXPECT_EQ(confine_store_path(root, "settings.json"), root / "settings.json");
  EXPECT_EQ(confine_store_path(root, "sub/deeper/s.json"), root / "sub" / "deeper" / "s.json");
  // Lexically normalised: one file, one key.
  EXPECT_EQ(confine_store_path(root, "./a//b/../s.json"), root / "a" / "s.json");
  // A '$' is an ordinary character here, not a path variable.
  EXPECT_EQ(confine_store_path(root, "$HOME/x.json"), root / "$HOME" / "x.json");
}

TEST(StorePath, AdversarialNamesAreRefusedNamingThem) {
  warden::test::TempDir tmp;
  fs::path root = tmp.path / "app";
  fs::create_directories(root / "sub");
  struct Case {
    std::string name;
    std::string reason;
  };
  for (const Case& c : std::vector<Case>{
           {"", "is empty"},
           {"/etc/passwd", "is absolute"},
           {"//etc/passwd", "is absolute"},
           {"../escape.json", "leaves the app data folder"},
           {"..", "leaves the app data folder"},
           {"sub/../../escape.json", "leaves the app data folder"},
           {"a/b/../../../escape.json", "leaves the app data folder"},
           {"./../app/../../x.json", "leaves the app data folder"},
           {".", "names a folder"},
           {"sub", "names a folder"},
           {"sub/", "names a folder"},
           {"sub/..", "names a folder"},
           {std::string("a\0b.json", 8), "'a\\x00b.json' contains a NUL byte"},
       }) {
    std::string message = refusal(root, c.name);
    EXPECT_NE(message.find(c.reason), std::string::npos) << "'" << c.name << "': " << message;
    EXPECT_EQ(message.rfind("store path '", 0), 0u) << message;
  }
  // The message names the path as given.
  EXPECT_NE(refusal(root, "../escape.json").find("'../escape.json'"), std::string::npos);
}

TEST(StorePath, SymbolicLinksOutOfTheFolderAreRefused) {
  warden::test::TempDir tmp;
  fs::path root = tmp.path / "app";
  fs::path outside = tmp.path / "outside";
  fs::create_directories(root);
  fs::create_directories(outside);
  fs::create_directory_symlink(outside, root / "linked");
  fs::create_symlink(outside / "secret.json", root / "file-link.json");
  fs::create_symlink("../outside/x.json", root / "relative-link.json");
  for (std::string name : {"linked/s.json", "linked/../linked/s.json"}) {
    std::string message = refusal(root, name);
    EXPECT_NE(message.find("through a symbolic link (to '"), std::string::npos) << name << ": " << message;
  }
  // Links whose target does not exist yet: reading through them later could lead anywhere.
  fs::create_directory_symlink(tmp.path / "nowhere", root / "dangling-dir");
  for (std::string name : {"file-link.json", "relative-link.json", "dangling-dir/s.json"}) {
    std::string message = refusal(root, name);
    EXPECT_NE(message.find("symbolic link that leads nowhere"), std::string::npos) << name << ": " << message;
  }
  // Once the target exists, the link leads out: refused as well.
  warden::test::write_file(outside / "secret.json", "{}");
  EXPECT_NE(refusal(root, "file-link.json").find("through a symbolic link (to '"), std::string::npos);
  // A link that stays inside is followed: its target is the store's file.
  fs::create_directories(root / "real");
  fs::create_directory_symlink(root / "real", root / "alias");
  EXPECT_EQ(confine_store_path(root, "alias/s.json"), root / "real" / "s.json");
}

TEST(StorePath, ALinkPlantedAfterResolutionIsNoticed) {
  warden::test::TempDir tmp;
  fs::path root = tmp.path / "app";
  fs::create_directories(root / "sub");
  fs::path file = confine_store_path(root, "sub/s.json");
  EXPECT_TRUE(still_resolves_to_itself(file));
  fs::remove(root / "sub");
  fs::create_directory_symlink(tmp.path, root / "sub");
  EXPECT_FALSE(still_resolves_to_itself(file));
}

TEST(StorePath, LiteralPatternsEscapeGlobCharacters) {
  using warden::store_plugin::literal_path_pattern;
  EXPECT_EQ(literal_path_pattern("/data/app/settings.json"), "/data/app/settings.json");
  EXPECT_EQ(literal_path_pattern("/data/a*b?c[d]/.e"), "/data/a[*]b[?]c[[]d]/.e");
}

TEST(StorePath, RefusalsAreScopeRefusals) {
  warden::test::TempDir tmp;
  EXPECT_THROW(confine_store_path(tmp.path / "app", "../x.json"), warden::store_plugin::StorePathRefused);
  EXPECT_THROW(confine_store_path(tmp.path / "app", "/etc/passwd"), warden::store_plugin::StorePathRefused);
}
