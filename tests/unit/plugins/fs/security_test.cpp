// The fs plugin's answers to issue 12 (findings 2 and 5) on a real temporary tree: open's
// options need the grants of the commands with the same effect, a handle does only what its
// opening was granted for, no set-id or sticky mode, and no command acting on a whole folder
// (rename, recursive remove, listing, size) hands over what a deny below it hides.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include "deny_reach.hpp"
#include "fs_test_support.hpp"
#include "open_file.hpp"
#include "path_commands.hpp"

using namespace warden::fs_plugin;
using warden::fs_test::args;
using warden::fs_test::Tree;
namespace fs = std::filesystem;
namespace json = boost::json;

namespace {
json::value path_args(const std::string& path, const std::string& options = "null") {
  return args(R"({"path": )" + json::serialize(json::value(path)) + R"(, "options": )" + options + "}");
}
json::value two_paths(const char* a, const std::string& from, const char* b, const std::string& to) {
  json::object o;
  o[a] = from;
  o[b] = to;
  return o;
}
std::span<const std::uint8_t> bytes(const std::string& s) {
  return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()};
}
VariableResolver home_is(const std::string& home) {
  return [home](const std::string& v) -> std::optional<std::string> {
    if (v == "HOME") return home;
    return std::nullopt;
  };
}
// A read-only grant: open and the read commands on allowed/, nothing that writes.
const std::string kAllowed = R"({"allow": ["$HOME/allowed", "$HOME/allowed/**"]})";
std::map<std::string, std::string> read_only() { return {{"read_file", kAllowed}, {"open", kAllowed}}; }
}  // namespace

TEST(DenyReach, ADenyBelowAFolderReachesIt) {
  auto d = DenyReach::from_scopes(R"({"command": null, "global": {"allow": [], "deny": ["$HOME/data/work/confidential/**", {"path": "$HOME/data/vault/**"}]}})",
                                  home_is("/h"), warden::fs_test::host_canonical);
  EXPECT_TRUE(d.reaches_below("/h/data/work"));
  EXPECT_TRUE(d.reaches_below("/h/data"));
  EXPECT_TRUE(d.reaches_below("/h"));
  EXPECT_TRUE(d.reaches_below("/h/data/work/confidential"));
  EXPECT_TRUE(d.reaches_below("/h/data/vault"));
  EXPECT_FALSE(d.reaches_below("/h/data/plain"));
  EXPECT_FALSE(d.reaches_below("/h/data/work/notes"));
  EXPECT_FALSE(d.reaches_below("/other"));
  // `X/**` is what is inside X, not X itself, as the host's matcher has it.
  EXPECT_FALSE(d.matches("/h/data/vault"));
  EXPECT_TRUE(d.matches("/h/data/vault/v.txt"));
  EXPECT_TRUE(d.matches("/h/data/vault/a/b/c"));
  EXPECT_TRUE(d.covers_every_entry("/h/data/vault"));
  EXPECT_FALSE(d.covers_every_entry("/h/data/work"));
  EXPECT_TRUE(d.matches("/h/data/work/confidential/c.txt"));
  EXPECT_FALSE(d.matches("/h/data/work/confidential"));
}

TEST(DenyReach, GlobsAreMatchedPerComponent) {
  auto d = DenyReach::from_scopes(R"({"allow": [], "deny": ["/h/*.key", "/h/**/secrets/*", "/h/[ab]x/**"]})", home_is("/h"), warden::fs_test::host_canonical);
  EXPECT_TRUE(d.matches("/h/id.key"));
  EXPECT_FALSE(d.matches("/h/docs/id.key"));
  // `**/secrets/*` can be below any folder in /h.
  EXPECT_TRUE(d.reaches_below("/h/docs"));
  EXPECT_TRUE(d.matches("/h/docs/deep/secrets/s"));
  EXPECT_TRUE(d.reaches_below("/h/ax"));
  EXPECT_FALSE(d.matches("/h/cx/file"));
  auto only_keys = DenyReach::from_scopes(R"({"allow": [], "deny": ["/h/*.key"]})", home_is("/h"), warden::fs_test::host_canonical);
  EXPECT_FALSE(only_keys.reaches_below("/h/docs"));  // a file name pattern reaches nothing inside docs
  EXPECT_TRUE(only_keys.reaches_below("/h"));
  EXPECT_FALSE(only_keys.covers_every_entry("/h"));
}

TEST(DenyReach, ManyGlobstarsOnADeepPathStayCheap) {
  auto d = DenyReach::from_scopes(R"({"allow": [], "deny": ["/**/a/**/b/**/c/**/d/**/nomatch"]})", home_is("/h"), warden::fs_test::host_canonical);
  std::string deep;
  for (int i = 0; i < 400; ++i) deep += "/a";
  EXPECT_TRUE(d.reaches_below(deep));
  EXPECT_FALSE(d.matches(deep));
}

TEST(DenyReach, AnUnreadableDenyRefusesInsteadOfCountingAsNone) {
  EXPECT_THROW(DenyReach::from_scopes(R"({"allow": [], "deny": ["$NOPE/x/**"]})", home_is("/h"), warden::fs_test::host_canonical), ScopeRefusal);
  EXPECT_THROW(DenyReach::from_scopes(R"({"allow": [], "deny": [{"cmd": "git"}]})", home_is("/h"), warden::fs_test::host_canonical), ScopeRefusal);
  EXPECT_THROW(DenyReach::from_scopes(R"({"allow": [], "deny": ["relative/**"]})", home_is("/h"), warden::fs_test::host_canonical), ScopeRefusal);
  EXPECT_THROW(DenyReach::from_scopes("not json", home_is("/h"), warden::fs_test::host_canonical), ScopeRefusal);
  EXPECT_TRUE(DenyReach::from_scopes(R"({"command": null, "global": null})", home_is("/h"), warden::fs_test::host_canonical).empty());
}

TEST(DenyReach, APatternThroughASymlinkedFolderReachesItsTarget) {
  Tree t;
  fs::create_directories(t.path("real/secret"));
  fs::create_directory_symlink(t.path("real"), t.path("link"));
  auto d = DenyReach::from_scopes(R"({"allow": [], "deny": ["$HOME/link/secret/**"]})", home_is(t.root().string()), warden::fs_test::host_canonical);
  EXPECT_TRUE(d.reaches_below(t.path("real")));
  EXPECT_TRUE(d.reaches_below(t.path("link")));
}

TEST(FsOpenGrants, AReadGrantOpensForReadingOnly) {
  Tree t;
  t.write("allowed/doc.txt", "DOCUMENT");
  auto access = t.access(kAllowed, read_only());
  for (const char* options : {R"({"write": true})", R"({"append": true})", R"({"write": true, "truncate": true})",
                              R"({"write": true, "create": true, "mode": 493})", R"({"write": true, "createNew": true})"}) {
    EXPECT_THROW(OpenFile::open(path_args(t.path("allowed/doc.txt"), options), access), ScopeRefusal) << options;
    EXPECT_THROW(OpenFile::open(path_args(t.path("allowed/new.sh"), options), access), ScopeRefusal) << options;
  }
  EXPECT_EQ(t.read("allowed/doc.txt"), "DOCUMENT");
  EXPECT_FALSE(fs::exists(t.path("allowed/new.sh")));
  // Reading still works, and the handle refuses what its opening was not granted.
  auto file = OpenFile::open(path_args(t.path("allowed/doc.txt")), access);
  auto r = file->read(3);
  EXPECT_EQ(std::string(r.begin(), r.begin() + 3), "DOC");
  EXPECT_THROW(file->write(bytes("PWNED")), ScopeRefusal);
  EXPECT_THROW(file->truncate(0), ScopeRefusal);
  EXPECT_EQ(t.read("allowed/doc.txt"), "DOCUMENT");
}

TEST(FsOpenGrants, EachOptionNeedsItsOwnCommandsScopeOnThePath) {
  Tree t;
  t.write("allowed/doc.txt", "DOCUMENT");
  fs::create_directories(t.path("allowed/scratch"));
  const std::string scratch = R"({"allow": ["$HOME/allowed/scratch/**"]})";
  // A write grant elsewhere (scratch/) does not make allowed/ writable.
  auto access = t.access(kAllowed, std::map<std::string, std::string>{
                                       {"open", kAllowed}, {"write_file", scratch}, {"truncate", scratch}, {"create", scratch}});
  EXPECT_THROW(OpenFile::open(path_args(t.path("allowed/doc.txt"), R"({"read": true, "write": true})"), access), ScopeRefusal);
  auto handle = OpenFile::open(path_args(t.path("allowed/scratch/n.txt"), R"({"read": false, "write": true, "create": true})"), access);
  EXPECT_EQ(handle->write(bytes("hello")), 5u);
  handle->truncate(2);
  EXPECT_EQ(t.read("allowed/scratch/n.txt"), "he");
  EXPECT_THROW(handle->read(1), std::invalid_argument);  // opened without read
  // write_file alone: writing yes, truncating or creating no.
  auto write_only = t.access(kAllowed, std::map<std::string, std::string>{{"open", kAllowed}, {"write_file", kAllowed}});
  auto w = OpenFile::open(path_args(t.path("allowed/doc.txt"), R"({"write": true})"), write_only);
  EXPECT_EQ(w->write(bytes("X")), 1u);
  EXPECT_THROW(w->truncate(0), ScopeRefusal);
  EXPECT_EQ(t.read("allowed/doc.txt"), "XOCUMENT");
  EXPECT_THROW(OpenFile::open(path_args(t.path("allowed/doc.txt"), R"({"write": true, "truncate": true})"), write_only), ScopeRefusal);
  EXPECT_THROW(OpenFile::open(path_args(t.path("allowed/c.txt"), R"({"write": true, "create": true})"), write_only), ScopeRefusal);
  EXPECT_FALSE(fs::exists(t.path("allowed/c.txt")));
  // A host that cannot tell about other commands: nothing but reading.
  auto unknown = t.access(kAllowed);
  unknown.grant_of = nullptr;
  EXPECT_THROW(OpenFile::open(path_args(t.path("allowed/doc.txt"), R"({"write": true})"), unknown), ScopeRefusal);
}

TEST(FsModes, SetIdAndStickyBitsAreRefused) {
  Tree t;
  auto access = t.access();
  for (const char* mode : {"2048", "1024", "512", "3565", "4096"}) {  // 04000 02000 01000 06755 010000
    std::string options = std::string(R"({"write": true, "create": true, "mode": )") + mode + "}";
    EXPECT_THROW(OpenFile::open(path_args(t.path("allowed/f"), options), access), std::invalid_argument) << mode;
    EXPECT_THROW(write_file(path_args(t.path("allowed/g"), std::string(R"({"mode": )") + mode + "}"), bytes("x"), access),
                 std::invalid_argument) << mode;
    EXPECT_THROW(mkdir(path_args(t.path("allowed/d"), std::string(R"({"mode": )") + mode + "}"), access),
                 std::invalid_argument) << mode;
  }
  EXPECT_FALSE(fs::exists(t.path("allowed/f")));
  EXPECT_FALSE(fs::exists(t.path("allowed/g")));
  EXPECT_FALSE(fs::exists(t.path("allowed/d")));
  // A copy of a set-id file is an ordinary file.
  t.write("allowed/suid", "x");
  ASSERT_EQ(::chmod(t.path("allowed/suid").c_str(), 04755), 0);
  copy_file(two_paths("fromPath", t.path("allowed/suid"), "toPath", t.path("allowed/copy")), access);
  struct stat st {};
  ASSERT_EQ(::stat(t.path("allowed/copy").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 07000, 0u);
  EXPECT_EQ(st.st_mode & 0700, 0700u);
}

TEST(FsDenies, FolderCommandsRefuseWhenADenyReachesBelow) {
  Tree t;
  t.write("data/work/confidential/c.txt", "CONFIDENTIAL");
  t.write("data/work/notes.txt", "notes");
  t.write("data/vault/v.txt", "VAULT");
  t.write("data/drop/planted.txt", "planted");
  t.write("data/plain/p.txt", "plain");
  const std::string scopes = R"({"allow": ["$HOME/data", "$HOME/data/**"],
    "deny": ["$HOME/data/work/confidential/**", "$HOME/data/vault/**", "$HOME/data/sealed/**"]})";
  auto access = t.access(scopes);
  EXPECT_THROW(rename(two_paths("oldPath", t.path("data/work"), "newPath", t.path("data/work2")), access), ScopeRefusal);
  EXPECT_THROW(rename(two_paths("oldPath", t.path("data/vault"), "newPath", t.path("data/vault2")), access), ScopeRefusal);
  EXPECT_THROW(rename(two_paths("oldPath", t.path("data/drop"), "newPath", t.path("data/sealed")), access), ScopeRefusal);
  EXPECT_THROW(remove(path_args(t.path("data/work"), R"({"recursive": true})"), access), ScopeRefusal);
  EXPECT_THROW(remove(path_args(t.path("data/vault"), R"({"recursive": true})"), access), ScopeRefusal);
  EXPECT_THROW(read_dir(path_args(t.path("data/vault")), access), ScopeRefusal);
  EXPECT_THROW(size(path_args(t.path("data/work")), access), ScopeRefusal);
  EXPECT_EQ(t.read("data/work/confidential/c.txt"), "CONFIDENTIAL");
  EXPECT_EQ(t.read("data/vault/v.txt"), "VAULT");
  EXPECT_FALSE(fs::exists(t.path("data/sealed")));
  EXPECT_FALSE(fs::exists(t.path("data/work2")));
  // X itself stays usable where nothing below it is handed over.
  EXPECT_NO_THROW(stat_path(path_args(t.path("data/vault")), access, true));
  EXPECT_TRUE(exists(path_args(t.path("data/vault")), access));
  // What no deny reaches works as before, files included.
  rename(two_paths("oldPath", t.path("data/plain"), "newPath", t.path("data/plain2")), access);
  rename(two_paths("oldPath", t.path("data/work/notes.txt"), "newPath", t.path("data/notes.txt")), access);
  auto listing = read_dir(path_args(t.path("data/work")), access).as_array();
  ASSERT_EQ(listing.size(), 1u);
  EXPECT_EQ(listing[0].at("name").as_string(), "confidential");
  EXPECT_EQ(size(path_args(t.path("data/plain2")), access), 5u);
  remove(path_args(t.path("data/plain2"), R"({"recursive": true})"), access);
  EXPECT_FALSE(fs::exists(t.path("data/plain2")));
}

TEST(FsDenies, ListingsLeaveOutWhatADenyNames) {
  Tree t;
  t.write("data/a.txt", "a");
  t.write("data/id.key", "k");
  auto access = t.access(R"({"allow": ["$HOME/data", "$HOME/data/**"], "deny": ["$HOME/data/*.key"]})");
  auto listing = read_dir(path_args(t.path("data")), access).as_array();
  ASSERT_EQ(listing.size(), 1u);
  EXPECT_EQ(listing[0].at("name").as_string(), "a.txt");
}

TEST(FsDenies, WholeFolderCommandsRefuseWhatTheHostKeepsOutOfReachInside) {
  // The host refuses paths of its own (the log folder inside $APPDATA) whatever the scope says;
  // no deny pattern names them, so rename and recursive remove ask the host about each entry.
  Tree t;
  t.write("data/app/logs/app.log", "LOG");
  t.write("data/app/store.json", "{}");
  t.write("data/plain/p.txt", "plain");
  fs::create_directory_symlink(t.path("outside"), t.path("data/plain/out-link"));
  auto access = t.access(R"({"allow": ["$HOME/data", "$HOME/data/**"]})");
  const std::string logs = t.path("data/app/logs");
  auto base = access.in_scope;
  access.in_scope = [base, logs](const std::string& p) { return p != logs && p.rfind(logs + "/", 0) != 0 && base(p); };
  auto base_check = access.check;
  access.check = [base_check, logs](const std::string& p, std::string& reason) -> std::optional<std::string> {
    auto c = base_check(p, reason);
    if (c && (*c == logs || c->rfind(logs + "/", 0) == 0)) return std::nullopt;
    return c;
  };
  EXPECT_THROW(remove(path_args(t.path("data/app"), R"({"recursive": true})"), access), ScopeRefusal);
  EXPECT_THROW(rename(two_paths("oldPath", t.path("data/app"), "newPath", t.path("data/app2")), access), ScopeRefusal);
  EXPECT_EQ(t.read("data/app/logs/app.log"), "LOG");
  EXPECT_EQ(t.read("data/app/store.json"), "{}");
  // A link inside is moved or removed as a link: its target is not judged, nor touched.
  rename(two_paths("oldPath", t.path("data/plain"), "newPath", t.path("data/plain2")), access);
  remove(path_args(t.path("data/plain2"), R"({"recursive": true})"), access);
  EXPECT_FALSE(fs::exists(t.path("data/plain2")));
  EXPECT_TRUE(fs::exists(t.path("outside")));
}
