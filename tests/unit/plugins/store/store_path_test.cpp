// Where a store's file is: names are checked and joined under the app data folder, the host
// resolves them (warden.path-scope/1's canonical_path, here the host's own function), symbolic
// links out of the folder are refused, names of one file agree, and a link planted after the
// file was resolved fails the save instead of being followed.
#include <gtest/gtest.h>

#include <stdexcept>

#include "plugin/canonical_path.hpp"
#include "store_collection.hpp"
#include "store_name.hpp"
#include "temp_dir.hpp"

using namespace warden::store_plugin;
namespace fs = std::filesystem;
namespace json = boost::json;

namespace {

// What the host answers: its canonical_path; every file reachable unless it is under `kept`.
HostPaths host_paths(std::string kept = "/nonexistent-kept") {
  return {[](const std::string& p) { return warden::plugin::canonical_path(p); },
          [kept](const std::string& f) { return f != kept && !f.starts_with(kept + "/"); }};
}

std::shared_ptr<StoreCollection> collection(const fs::path& root, HostPaths host = host_paths()) {
  return StoreCollection::create(root, [](const json::value&, const std::string&) {}, [](const std::string&) {},
                                 std::move(host));
}

std::string refusal(const fs::path& root, std::string_view name) {
  try {
    fs::path p = collection(root)->resolve(name);
    return "accepted as " + p.string();
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
}

StoreOptions manual() {
  StoreOptions o;
  o.auto_save.reset();
  return o;
}

}  // namespace

TEST(StorePath, RelativeNamesResolveUnderTheRoot) {
  warden::test::TempDir tmp;
  fs::path root = tmp.path / "app";
  EXPECT_EQ(store_file_path(root, "settings.json"), root / "settings.json");
  EXPECT_EQ(collection(root)->resolve("sub/deeper/s.json"), root / "sub" / "deeper" / "s.json");
  // Lexically normalised: one file, one key.
  EXPECT_EQ(collection(root)->resolve("./a//b/../s.json"), root / "a" / "s.json");
  // A '$' is an ordinary character here, not a path variable.
  EXPECT_EQ(store_file_path(root, "$HOME/x.json"), root / "$HOME" / "x.json");
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
  EXPECT_EQ(collection(root)->resolve("alias/s.json"), root / "real" / "s.json");
}

TEST(StorePath, WhatTheHostKeepsIsRefused) {
  warden::test::TempDir tmp;
  fs::path root = tmp.path / "app";
  fs::create_directories(root / "logs");
  fs::create_directory_symlink(root / "logs", root / "innocent");
  auto stores = collection(root, host_paths((root / "logs").string()));
  for (std::string name : {"logs/a.json", "innocent/a.json"}) {
    try {
      stores->resolve(name);
      ADD_FAILURE() << name << " accepted";
    } catch (const StorePathRefused& e) {
      EXPECT_NE(std::string(e.what()).find("kept by the host"), std::string::npos) << e.what();
    }
  }
}

TEST(StorePath, ALinkPlantedAfterResolutionFailsTheSave) {
  warden::test::TempDir tmp;
  fs::path root = tmp.path / "app";
  fs::create_directories(root / "sub");
  fs::create_directories(tmp.path / "outside");
  auto stores = collection(root);
  fs::path file = stores->resolve("sub/s.json");
  auto opened = stores->open(file, manual(), "main", "main");
  opened.store->set("k", 1);
  fs::rename(root / "sub", root / "sub-old");
  fs::create_directory_symlink(tmp.path / "outside", root / "sub");
  try {
    opened.store->save();
    ADD_FAILURE() << "saved through a planted link";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("became a symbolic link"), std::string::npos) << e.what();
  }
  EXPECT_FALSE(fs::exists(tmp.path / "outside" / "s.json"));
  fs::remove(root / "sub");
  fs::rename(root / "sub-old", root / "sub");
  stores->release(file, opened.holder);
}

TEST(StorePath, RefusalsAreScopeRefusals) {
  warden::test::TempDir tmp;
  EXPECT_THROW(store_file_path(tmp.path / "app", "../x.json"), StorePathRefused);
  EXPECT_THROW(store_file_path(tmp.path / "app", "/etc/passwd"), StorePathRefused);
}
