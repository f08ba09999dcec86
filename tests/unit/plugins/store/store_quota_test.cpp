// Store quotas (issue 13, finding 9): the size of one store, measured as its file is written,
// and the number of store files in the app data folder; each refusal names its setting and
// changes nothing.
#include <gtest/gtest.h>

#include "store.hpp"
#include "plugin/canonical_path.hpp"
#include "store_collection.hpp"
#include "store_file.hpp"
#include "store_quota.hpp"
#include "temp_dir.hpp"

using namespace warden::store_plugin;
namespace fs = std::filesystem;
namespace json = boost::json;

namespace {

StoreOptions manual() {
  StoreOptions o;
  o.auto_save.reset();
  return o;
}

void expect_refused(const std::function<void()>& f, const std::string& setting) {
  try {
    f();
    ADD_FAILURE() << "not refused";
  } catch (const StoreQuotaExceeded& e) {
    EXPECT_NE(std::string(e.what()).find(setting), std::string::npos) << e.what();
  }
}

}  // namespace

TEST(StoreQuota, LimitsFromTheAppConfig) {
  StoreLimits d = parse_store_limits(json::value(nullptr));
  EXPECT_EQ(d.max_bytes, kDefaultMaxStoreBytes);
  EXPECT_EQ(d.max_files, kDefaultMaxStoreFiles);
  StoreLimits c = parse_store_limits(json::parse(R"({"maxStoreBytes": 2048, "maxStoreFiles": 3})"));
  EXPECT_EQ(c.max_bytes, 2048u);
  EXPECT_EQ(c.max_files, 3u);
  for (const char* bad : {R"({"maxStoreBytes": 100})", R"({"maxStoreFiles": 0})", R"({"maxStoreFiles": -3})",
                          R"({"maxStoreBytes": "1MB"})", R"({"autoSave": true})", "[]",
                          R"({"path": "x"})", R"({"sha256": "ab"})"})  // the host removes its keys before init
    EXPECT_THROW(parse_store_limits(json::parse(bad)), std::invalid_argument) << bad;
}

TEST(StoreQuota, SizeIsTheSizeOfTheFileWritten) {
  json::object o{{"a", 1}, {"nested", json::object{{"x", json::array{1, 2, json::object{{"y", "z"}}}}}}, {"e", json::array{}}};
  EXPECT_EQ(pretty_bytes(o), to_pretty_json(o).size());
  EXPECT_EQ(pretty_bytes(json::object{}), to_pretty_json(json::object{}).size());
  warden::test::TempDir tmp;
  auto store = Store::open(tmp.path / "s.json", manual());
  store->set("a", "x");
  store->set("b", json::array{1, 2, 3});
  store->set("a", json::object{{"deeper", json::array{json::object{}}}});
  store->erase("b");
  store->set("c", nullptr);
  store->save();
  EXPECT_EQ(store->bytes(), fs::file_size(tmp.path / "s.json"));
}

TEST(StoreQuota, ASetPastTheLimitIsRefusedAndChangesNothing) {
  warden::test::TempDir tmp;
  auto store = Store::open(tmp.path / "s.json", manual(), nullptr, {}, {}, StoreQuota{4096, {}});
  store->set("small", "value");
  expect_refused([&] { store->set("big", json::string(std::string(5000, 'x'))); }, "plugins.store.maxStoreBytes");
  EXPECT_FALSE(store->has("big"));
  // Replacing a value counts what it replaces: the store may shrink and grow again.
  store->set("half", json::string(std::string(3000, 'x')));
  expect_refused([&] { store->set("more", json::string(std::string(1500, 'x'))); }, "maxStoreBytes");
  store->set("half", "");
  store->set("more", json::string(std::string(1500, 'x')));
  store->save();
  EXPECT_LE(fs::file_size(tmp.path / "s.json"), 4096u);
}

TEST(StoreQuota, LargeFilesAndDefaultsAreRefusedAtLoad) {
  warden::test::TempDir tmp;
  warden::test::write_file(tmp.path / "big.json", "{\"k\": \"" + std::string(5000, 'x') + "\"}");
  expect_refused([&] { Store::open(tmp.path / "big.json", manual(), nullptr, {}, {}, StoreQuota{4096, {}}); },
                 "maxStoreBytes");
  StoreOptions with_defaults = manual();
  with_defaults.defaults = json::object{{"k", std::string(5000, 'x')}};
  expect_refused([&] { Store::open(tmp.path / "new.json", with_defaults, nullptr, {}, {}, StoreQuota{4096, {}}); },
                 "maxStoreBytes");
}

TEST(StoreQuota, NewStoreFilesPastTheLimitAreRefused) {
  warden::test::TempDir tmp;
  fs::path root = tmp.path / "app";
  // Files that are no stores do not count; files that hold an object do, whoever wrote them.
  warden::test::write_file(root / "picture.png", "\x89PNG");
  warden::test::write_file(root / "notes.txt", "notes");
  warden::test::write_file(root / "written-by-fs.json", "  {}");
  auto stores = StoreCollection::create(root, [](const json::value&, const std::string&) {}, [](const std::string&) {},
                                        HostPaths{[](const std::string& p) { return warden::plugin::canonical_path(p); },
                                                  [](const std::string&) { return true; }},
                                        StoreLimits{kDefaultMaxStoreBytes, 3});
  auto save_new = [&](const std::string& name) {
    auto opened = stores->open(stores->resolve(name), manual(), "main", "main");
    opened.store->set("k", 1);
    opened.store->save();
    stores->release(stores->resolve(name), opened.holder);
  };
  save_new("one.json");
  save_new("sub/two");  // any name, any folder: it still counts
  expect_refused([&] { save_new("three.json"); }, "plugins.store.maxStoreFiles");
  EXPECT_FALSE(fs::exists(root / "three.json"));
  save_new("one.json");  // an existing store file still saves
  EXPECT_EQ(count_store_files(root, 100), 3u);
}
