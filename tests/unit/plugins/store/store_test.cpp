// One store: values, defaults and their options, change events, reload, saves (explicit,
// automatic, refused through a planted link), sets from many threads, and a process killed
// between saves loses nothing beyond its last save.
#include <gtest/gtest.h>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "store.hpp"
#include "store_file.hpp"
#include "temp_dir.hpp"

using namespace warden::store_plugin;
namespace fs = std::filesystem;
namespace json = boost::json;
using namespace std::chrono_literals;

namespace {

struct Change {
  std::string key;
  std::optional<json::value> value;
  bool operator==(const Change&) const = default;
};

struct Recorder {
  std::mutex mutex;
  std::vector<Change> changes;
  ChangeListener listener() {
    return [this](std::string_view key, const json::value* value) {
      std::lock_guard lock(mutex);
      changes.push_back({std::string(key), value ? std::optional(*value) : std::nullopt});
    };
  }
};

StoreOptions manual() {
  StoreOptions o;
  o.auto_save.reset();
  return o;
}

StoreOptions with_defaults(const char* defaults) {
  StoreOptions o = manual();
  o.defaults = json::parse(defaults).as_object();
  return o;
}

json::value on_disk(const fs::path& file) { return json::value(read_store_file(file).value()); }

}  // namespace

TEST(Store, ValuesKeysEntriesAndChangeEvents) {
  warden::test::TempDir tmp;
  Recorder rec;
  auto store = Store::open(tmp.path / "s.json", manual(), nullptr, rec.listener());
  EXPECT_EQ(store->length(), 0u);
  store->set("a", 1);
  store->set("b", json::parse(R"({"x":[1,2]})"));
  store->set("a", "again");
  EXPECT_EQ(store->get("a"), json::value("again"));
  EXPECT_FALSE(store->get("none").has_value());
  EXPECT_TRUE(store->has("b"));
  EXPECT_EQ(store->keys(), (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(store->values().size(), 2u);
  EXPECT_EQ(store->entries()[1].second, json::parse(R"({"x":[1,2]})"));
  EXPECT_TRUE(store->erase("a"));
  EXPECT_FALSE(store->erase("a"));
  store->set("c", nullptr);  // null is a value: the key exists
  EXPECT_TRUE(store->has("c"));
  store->clear();
  EXPECT_EQ(store->length(), 0u);
  std::vector<Change> expected{{"a", json::value(1)},
                               {"b", json::parse(R"({"x":[1,2]})")},
                               {"a", json::value("again")},
                               {"a", std::nullopt},
                               {"c", json::value(nullptr)},
                               {"b", std::nullopt},
                               {"c", std::nullopt}};
  EXPECT_EQ(rec.changes, expected);
  EXPECT_FALSE(fs::exists(tmp.path / "s.json"));  // nothing saved without a save
}

TEST(Store, SaveWritesPrettyJsonThatAReopenReads) {
  warden::test::TempDir tmp;
  fs::path file = tmp.path / "sub" / "s.json";
  auto store = Store::open(file, manual());
  store->set("name", "Ana");
  store->set("n", 3);
  EXPECT_TRUE(store->dirty());
  store->save();
  EXPECT_FALSE(store->dirty());
  EXPECT_EQ(warden::test::read_file(file), "{\n  \"name\": \"Ana\",\n  \"n\": 3\n}");
  auto again = Store::open(file, manual());
  EXPECT_EQ(again->get("name"), json::value("Ana"));
  EXPECT_EQ(again->length(), 2u);
}

TEST(Store, DefaultsUnderTheFileOverrideDefaultsCreateNewAndReset) {
  warden::test::TempDir tmp;
  fs::path file = tmp.path / "s.json";
  warden::test::write_file(file, R"({"theme": "dark", "extra": 1})");
  const char* defaults = R"({"theme": "light", "size": 12})";

  auto merged = Store::open(file, with_defaults(defaults));
  EXPECT_EQ(merged->get("theme"), json::value("dark"));  // the file wins over a default
  EXPECT_EQ(merged->get("size"), json::value(12));       // a default fills what the file lacks
  EXPECT_FALSE(merged->dirty());

  StoreOptions override_options = with_defaults(defaults);
  override_options.override_defaults = true;
  auto overridden = Store::open(file, override_options);
  EXPECT_FALSE(overridden->has("size"));
  EXPECT_EQ(overridden->length(), 2u);

  StoreOptions fresh = with_defaults(defaults);
  fresh.create_new = true;
  auto created = Store::open(file, fresh);
  EXPECT_EQ(created->get("theme"), json::value("light"));
  EXPECT_FALSE(created->has("extra"));
  EXPECT_TRUE(created->dirty());  // the next save replaces the old file, as asked

  Recorder rec;
  auto store = Store::open(file, with_defaults(defaults), nullptr, rec.listener());
  store->reset();
  EXPECT_EQ(json::value_from(store->entries()), json::value_from(created->entries()));
  // Changed: theme (dark -> light), extra (removed); size was already the default.
  std::vector<Change> expected{{"theme", json::value("light")}, {"extra", std::nullopt}};
  EXPECT_EQ(rec.changes, expected);
  auto plain = Store::open(tmp.path / "none.json", manual());
  plain->set("k", 1);
  plain->reset();  // no defaults: a clear
  EXPECT_EQ(plain->length(), 0u);
}

TEST(Store, ReloadTakesTheFileAgainAndADamagedFileChangesNothing) {
  warden::test::TempDir tmp;
  fs::path file = tmp.path / "s.json";
  auto store = Store::open(file, with_defaults(R"({"d": 0})"));
  store->set("a", 1);
  store->save();
  store->set("a", 2);
  store->set("unsaved", true);
  warden::test::write_file(file, R"({"a": 10, "other": "x"})");  // changed by someone else
  store->reload(false);
  EXPECT_EQ(store->get("a"), json::value(10));
  EXPECT_FALSE(store->has("unsaved"));
  EXPECT_EQ(store->get("d"), json::value(0));
  EXPECT_FALSE(store->dirty());
  store->reload(true);  // ignoreDefaults
  EXPECT_FALSE(store->has("d"));

  warden::test::write_file(file, R"({"a": )");
  try {
    store->reload(false);
    FAIL() << "reloaded a damaged file";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find(file.string()), std::string::npos) << e.what();
  }
  EXPECT_EQ(store->get("a"), json::value(10));
  EXPECT_EQ(warden::test::read_file(file), R"({"a": )");
  // Opening it is refused the same way: the file is never silently replaced.
  EXPECT_THROW(Store::open(file, manual()), std::runtime_error);
}

TEST(Store, AutoSaveWritesAfterTheDebounce) {
  warden::test::TempDir tmp;
  fs::path file = tmp.path / "s.json";
  auto scheduler = std::make_shared<SaveScheduler>();
  StoreOptions options;
  options.auto_save = 50ms;
  auto store = Store::open(file, options, scheduler);
  for (int i = 0; i < 20; ++i) store->set("i", i);
  auto deadline = std::chrono::steady_clock::now() + 10s;
  while (store->dirty() && std::chrono::steady_clock::now() < deadline) std::this_thread::sleep_for(10ms);
  EXPECT_FALSE(store->dirty());
  EXPECT_EQ(on_disk(file), json::parse(R"({"i": 19})"));
  EXPECT_EQ(scheduler->pending(), 0u);
}

TEST(Store, SaveRefusesAPathThatBecameALinkOut) {
  warden::test::TempDir tmp;
  fs::path root = tmp.path / "app";
  fs::create_directories(root / "sub");
  fs::create_directories(tmp.path / "outside");
  auto store = Store::open(root / "sub" / "s.json", manual());
  store->set("k", 1);
  fs::remove(root / "sub");
  fs::create_directory_symlink(tmp.path / "outside", root / "sub");
  try {
    store->save();
    FAIL() << "saved through a link";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("symbolic link"), std::string::npos) << e.what();
  }
  EXPECT_FALSE(fs::exists(tmp.path / "outside" / "s.json"));
  EXPECT_TRUE(store->dirty());
}

TEST(Store, SetsFromManyThreadsAllLandAndSaveConcurrently) {
  warden::test::TempDir tmp;
  fs::path file = tmp.path / "s.json";
  std::atomic<int> events{0};
  auto scheduler = std::make_shared<SaveScheduler>();
  StoreOptions options;
  options.auto_save = 1ms;  // automatic saves race with explicit ones and with the sets
  auto store = Store::open(file, options, scheduler, [&](std::string_view, const json::value*) { ++events; });
  constexpr int threads = 8, per_thread = 500;
  std::vector<std::thread> pool;
  for (int t = 0; t < threads; ++t) {
    pool.emplace_back([&, t] {
      for (int i = 0; i < per_thread; ++i) {
        store->set("t" + std::to_string(t) + "-" + std::to_string(i), i);
        store->set("shared", t);
        if (i % 100 == 0) store->save();
      }
    });
  }
  for (auto& th : pool) th.join();
  EXPECT_EQ(store->length(), static_cast<std::size_t>(threads * per_thread + 1));
  EXPECT_EQ(events.load(), threads * per_thread * 2);
  store->save();
  json::value saved = on_disk(file);
  EXPECT_EQ(saved.as_object().size(), static_cast<std::size_t>(threads * per_thread + 1));
  EXPECT_EQ(saved.at("t7-499"), json::value(499));
  EXPECT_EQ(saved.at("shared"), *store->get("shared"));
}

TEST(Store, AProcessKilledBetweenSavesLosesNothingBeyondItsLastSave) {
  warden::test::TempDir tmp;
  fs::path file = tmp.path / "s.json";
  int ready[2];
  ASSERT_EQ(::pipe(ready), 0);
  pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    // Saves generation after generation; tells the parent after the first one.
    ::close(ready[0]);
    auto store = Store::open(file, manual());
    for (int g = 0;; ++g) {
      store->set("generation", g);
      store->set("payload", json::string(static_cast<std::size_t>(4096 + g % 4096), 'p'));
      store->erase("unsaved");
      store->save();
      store->set("unsaved", g);  // never saved: must never appear on disk
      if (g == 0) {
        char c = 'r';
        if (::write(ready[1], &c, 1) != 1) ::_exit(2);
      }
    }
  }
  ::close(ready[1]);
  char c;
  ASSERT_EQ(::read(ready[0], &c, 1), 1);
  ::close(ready[0]);
  std::this_thread::sleep_for(200ms);
  ::kill(child, SIGKILL);
  int status = 0;
  ::waitpid(child, &status, 0);
  ASSERT_TRUE(WIFSIGNALED(status));
  json::value saved = on_disk(file);  // parses: a whole save, never a torn one
  const auto& object = saved.as_object();
  EXPECT_FALSE(object.contains("unsaved"));
  ASSERT_TRUE(object.contains("generation"));
  std::int64_t g = object.at("generation").as_int64();
  EXPECT_GE(g, 0);
  EXPECT_EQ(object.at("payload").as_string().size(), static_cast<std::size_t>(4096 + g % 4096));
  for (const auto& entry : fs::directory_iterator(tmp.path))
    EXPECT_TRUE(entry.path() == file || entry.path().filename().string().rfind(".s.json.tmp-", 0) == 0)
        << entry.path();
}
