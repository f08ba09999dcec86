// The open stores: two opens of one file share one store, change events go to every holder with
// its own resource id, the last holder's release saves unsaved changes and closes the store, and
// shutdown saves what is unsaved.
#include <gtest/gtest.h>

#include "plugin/canonical_path.hpp"
#include "store_collection.hpp"
#include "store_file.hpp"
#include "temp_dir.hpp"

using namespace warden::store_plugin;
namespace fs = std::filesystem;
namespace json = boost::json;

namespace {

struct Sent {
  json::value payload;
  std::string window;
};

struct Fixture {
  warden::test::TempDir tmp;
  fs::path root = tmp.path / "app";
  std::vector<Sent> sent;
  std::vector<std::string> errors;
  std::shared_ptr<StoreCollection> stores = StoreCollection::create(
      root, [this](const json::value& p, const std::string& w) { sent.push_back({p, w}); },
      [this](const std::string& m) { errors.push_back(m); },
      HostPaths{[](const std::string& p) { return warden::plugin::canonical_path(p); },
                [](const std::string&) { return true; }});
};

StoreOptions manual() {
  StoreOptions o;
  o.auto_save.reset();
  return o;
}

}  // namespace

TEST(StoreCollection, OneStorePerFileAndEventsPerHolder) {
  Fixture f;
  fs::path file = f.stores->resolve("s.json");
  auto a = f.stores->open(file, manual(), "main", "main");
  f.stores->set_resource_id(file, a.holder, 3);
  auto b = f.stores->open(f.stores->resolve("x/../s.json"), manual(), "second", "second");
  f.stores->set_resource_id(file, b.holder, 9);
  EXPECT_EQ(a.store, b.store);
  EXPECT_EQ(f.stores->open_count(), 1u);
  EXPECT_EQ(f.stores->resource_ids(file, "second"), std::vector<std::uint32_t>{9});

  a.store->set("k", "v");
  ASSERT_EQ(f.sent.size(), 2u);
  EXPECT_EQ(f.sent[0].window, "main");
  EXPECT_EQ(f.sent[0].payload, json::parse(R"({"path":")" + file.string() +
                                           R"(","resourceId":3,"key":"k","value":"v","exists":true})"));
  EXPECT_EQ(f.sent[1].window, "second");
  EXPECT_EQ(f.sent[1].payload.at("resourceId"), json::value(9));
  b.store->erase("k");
  EXPECT_EQ(f.sent.back().payload.at("exists"), json::value(false));
  EXPECT_EQ(f.sent.back().payload.at("value"), json::value(nullptr));
}

TEST(StoreCollection, TheLastReleaseSavesAndClosesAndAReopenReadsTheFile) {
  Fixture f;
  fs::path file = f.stores->resolve("s.json");
  auto a = f.stores->open(file, manual(), "main", "main");
  auto b = f.stores->open(file, manual(), "main", "main");
  a.store->set("kept", 1);
  f.stores->release(file, a.holder);
  EXPECT_TRUE(f.stores->is_open(file));
  EXPECT_FALSE(fs::exists(file));
  f.stores->release(file, b.holder);
  EXPECT_FALSE(f.stores->is_open(file));
  EXPECT_EQ(json::value(read_store_file(file).value()), json::parse(R"({"kept":1})"));
  auto c = f.stores->open(file, manual(), "main", "main");
  EXPECT_EQ(c.store->get("kept"), json::value(1));
  EXPECT_TRUE(f.errors.empty());
}

TEST(StoreCollection, ShutdownSavesEveryDirtyStoreAndReportsFailures) {
  Fixture f;
  auto one = f.stores->open(f.stores->resolve("one.json"), manual(), "main", "main");
  auto two = f.stores->open(f.stores->resolve("two.json"), manual(), "main", "main");
  one.store->set("a", 1);
  auto three = f.stores->open(f.stores->resolve("blocked/three.json"), manual(), "main", "main");
  three.store->set("b", 2);
  // A file where its folder must be: this save fails and is reported.
  warden::test::write_file(f.root / "blocked", "");
  f.stores->stop_auto_save();
  f.stores->save_all_dirty();
  EXPECT_TRUE(fs::exists(f.root / "one.json"));
  EXPECT_FALSE(fs::exists(f.root / "two.json"));  // nothing changed: nothing written
  ASSERT_EQ(f.errors.size(), 1u);
  EXPECT_NE(f.errors[0].find("blocked"), std::string::npos) << f.errors[0];
}

TEST(StoreCollection, ADamagedFileIsRefusedAndNotOpened) {
  Fixture f;
  warden::test::write_file(f.root / "bad.json", "{\"a\": [1,}");
  fs::path file = f.stores->resolve("bad.json");
  EXPECT_THROW(f.stores->open(file, manual(), "main", "main"), std::runtime_error);
  EXPECT_FALSE(f.stores->is_open(file));
  EXPECT_EQ(warden::test::read_file(f.root / "bad.json"), "{\"a\": [1,}");
}

TEST(StoreCollection, CreateNewStartsAnOpenStoreOver) {
  Fixture f;
  fs::path file = f.stores->resolve("s.json");
  auto a = f.stores->open(file, manual(), "main", "main");
  a.store->set("old", 1);
  StoreOptions fresh = manual();
  fresh.create_new = true;
  auto b = f.stores->open(file, fresh, "main", "main");
  EXPECT_EQ(a.store, b.store);
  EXPECT_FALSE(a.store->has("old"));
}
