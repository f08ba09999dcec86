// core:menu through the command table as a page calls it (desktop/menu/menu_commands.hpp): every
// command's arguments and answers, the `new` options tree (nested items, ids, predefined items,
// icons as images), the errors that name what was wrong, the limits, and items as resources of
// the page that made them (another webview, origin or page gets "not found"). Window menus and
// context menus need a window manager: tests/e2e/menus shows them. No display is needed here.
#include <gtest/gtest.h>

#include <gdk-pixbuf/gdk-pixbuf.h>

#include <boost/json.hpp>

#include "desktop/menu/menu_commands.hpp"
#include "desktop/menu/menu_item.hpp"
#include "desktop/menu/menu_resource.hpp"
#include "desktop_test_context.hpp"

namespace warden::desktop::menu {
namespace {
namespace json = boost::json;

// What the page's Channel received (the host's end records it).
struct RecordingChannel : plugin::ChannelSink {
  std::shared_ptr<std::vector<std::string>> sent;
  explicit RecordingChannel(std::shared_ptr<std::vector<std::string>> s) : sent(std::move(s)) {}
  void send(std::string message_json) override { sent->push_back(std::move(message_json)); }
  void close() override {}
};

const runtime::Caller kMain{"main", "main", "app://localhost", "app://localhost/", 0};
const runtime::Caller kOtherWindow{"second", "second", "app://localhost", "app://localhost/", 0};
const runtime::Caller kOtherOrigin{"main", "main", "https://evil.example", "https://evil.example/", 0};
const runtime::Caller kNextPage{"main", "main", "app://localhost", "app://localhost/", 1};

class MenuCommands : public ::testing::Test {
 protected:
  MenuCommands() {
    t_.context.open_channel = [this](std::string_view reference, const runtime::Caller& caller)
        -> std::unique_ptr<plugin::ChannelSink> {
      if (!reference.starts_with("__CHANNEL__:")) return nullptr;
      auto& log = channels_[std::string(reference) + "@" + caller.webview];
      if (!log) log = std::make_shared<std::vector<std::string>>();
      return std::make_unique<RecordingChannel>(log);
    };
    add_menu_commands(t_.commands, t_.context);
  }

  // The answer as JSON; fails the test when the call is refused.
  json::value ok(const std::string& command, const json::object& args, const runtime::Caller& caller = kMain) {
    auto r = call(command, args, caller);
    EXPECT_TRUE(r.first) << command << ": " << r.second;
    return r.first ? json::parse(r.second) : json::value();
  }
  // The refusal's message; fails the test when the call is answered.
  std::string refused(const std::string& command, const json::object& args, const runtime::Caller& caller = kMain) {
    auto r = call(command, args, caller);
    EXPECT_FALSE(r.first) << command << " answered " << r.second;
    return r.second;
  }
  std::pair<bool, std::string> call(const std::string& command, const json::object& args, const runtime::Caller& caller) {
    std::pair<bool, std::string> out{false, "not settled"};
    runtime::Invocation call;
    call.command = "plugin:menu|" + command;
    call.args_json = json::serialize(args);
    call.caller = caller;
    call.completion = std::make_shared<runtime::Completion>([&out](ipc::InvokeResponse r) {
      out.first = r.status >= 200 && r.status < 300;
      out.second = out.first ? r.body : std::string(json::parse(r.body).as_string());
    });
    const runtime::Command* c = t_.commands.find(call.command);
    EXPECT_NE(c, nullptr) << command;
    if (c) {
      EXPECT_FALSE(c->blocking) << command << " must run on the main thread";
      c->run(call);
    }
    EXPECT_TRUE(call.completion->settled()) << command;
    return out;
  }
  // new → [rid, id]
  std::pair<uint32_t, std::string> create(const std::string& kind, const json::value& options,
                                          const std::string& handler = "__CHANNEL__:1",
                                          const runtime::Caller& caller = kMain) {
    json::value r = ok("new", {{"kind", kind}, {"options", options}, {"handler", handler}}, caller);
    if (!r.is_array()) return {0, ""};
    return {static_cast<uint32_t>(r.as_array()[0].to_number<double>()), std::string(r.as_array()[1].as_string())};
  }
  std::shared_ptr<MenuItem> item(uint32_t rid, ItemKind kind, const runtime::Caller& caller = kMain) {
    return find_menu_item(t_.context, caller, rid, kind);
  }
  const std::vector<std::string>& sent(const std::string& channel, const std::string& webview = "main") {
    static const std::vector<std::string> none;
    auto it = channels_.find(channel + "@" + webview);
    return it == channels_.end() ? none : *it->second;
  }

  test::DesktopTestContext t_;
  std::map<std::string, std::shared_ptr<std::vector<std::string>>> channels_;
};

TEST_F(MenuCommands, AllTwentyTwoAreRegistered) {
  size_t menu_commands = 0;
  for (const auto& name : test::package_core_commands())
    if (name.starts_with("menu|")) {
      ++menu_commands;
      EXPECT_NE(t_.commands.find("plugin:" + name), nullptr) << name;
    }
  EXPECT_EQ(menu_commands, 22u);
}

TEST_F(MenuCommands, NewMakesEachKindWithItsOptions) {
  auto [rid, id] = create("MenuItem", json::object{{"id", "save"}, {"text", "&Save"}, {"enabled", false},
                                                   {"accelerator", "CmdOrCtrl+S"}});
  EXPECT_EQ(id, "save");
  auto save = item(rid, ItemKind::normal);
  ASSERT_TRUE(save);
  EXPECT_EQ(save->text(), "&Save");
  EXPECT_FALSE(save->enabled());
  EXPECT_EQ(save->accelerator(), "CmdOrCtrl+S");
  EXPECT_EQ(ok("text", {{"rid", rid}, {"kind", "MenuItem"}}), json::value("&Save"));
  EXPECT_EQ(ok("is_enabled", {{"rid", rid}, {"kind", "MenuItem"}}), json::value(false));

  auto check = create("Check", json::object{{"text", "Wrap"}, {"checked", true}});
  EXPECT_EQ(ok("is_checked", {{"rid", check.first}}), json::value(true));
  auto predefined = create("Predefined", json::object{{"item", "Copy"}, {"id", "ignored"}});
  EXPECT_NE(predefined.second, "ignored");  // as Tauri: predefined items get a made-up id
  EXPECT_EQ(ok("text", {{"rid", predefined.first}, {"kind", "Predefined"}}), json::value("&Copy"));
  auto about = create("Predefined", json::object{{"item", json::object{{"About", json::object{{"name", "Notes"},
                                                                                               {"authors", json::array{"Ann"}}}}}},
                                                 {"text", "About Notes"}});
  auto about_item = item(about.first, ItemKind::predefined);
  ASSERT_TRUE(about_item && about_item->about());
  EXPECT_EQ(about_item->about()->name, "Notes");
  EXPECT_EQ(about_item->about()->authors, std::vector<std::string>{"Ann"});
  EXPECT_EQ(about_item->text(), "About Notes");
  auto icon = create("Icon", json::object{{"text", "Home"}, {"icon", "Home"}});  // a NativeIcon: no image on Linux
  EXPECT_EQ(item(icon.first, ItemKind::icon)->icon(), nullptr);
  auto menu = create("Menu", nullptr);
  EXPECT_TRUE(item(menu.first, ItemKind::menu));
}

TEST_F(MenuCommands, MadeUpIdsAreNumbersCountingUp) {
  auto a = create("MenuItem", json::object{{"text", "a"}});
  auto b = create("MenuItem", json::object{{"text", "b"}});
  EXPECT_EQ(std::stoull(b.second), std::stoull(a.second) + 1);
}

TEST_F(MenuCommands, NestedItemsFromOptionsAndFromResources) {
  auto existing = create("Check", json::object{{"id", "wrap"}, {"text", "Wrap"}});
  json::object options{{"id", "file"},
                       {"text", "File"},
                       {"items", json::array{json::object{{"id", "open"}, {"text", "Open"}, {"handler", "__CHANNEL__:7"}},
                                             json::object{{"item", "Separator"}},
                                             json::object{{"id", "sub"}, {"text", "More"},
                                                          {"items", json::array{json::object{{"id", "deep"}, {"text", "Deep"}}}}},
                                             json::object{{"id", "bold"}, {"text", "Bold"}, {"checked", false}},
                                             json::array{existing.first, "Check"}}}};
  auto [rid, id] = create("Submenu", options);
  auto file = item(rid, ItemKind::submenu);
  ASSERT_TRUE(file);
  ASSERT_EQ(file->children().size(), 5u);
  EXPECT_EQ(file->children()[0]->kind(), ItemKind::normal);
  EXPECT_EQ(file->children()[1]->predefined(), Predefined::separator);
  EXPECT_EQ(file->children()[2]->kind(), ItemKind::submenu);
  EXPECT_EQ(file->children()[3]->kind(), ItemKind::check);
  EXPECT_EQ(file->children()[4], item(existing.first, ItemKind::check));

  // items: each a new resource [rid, id, kind]
  json::array items = ok("items", {{"rid", rid}, {"kind", "Submenu"}}).as_array();
  ASSERT_EQ(items.size(), 5u);
  EXPECT_EQ(items[0].as_array()[1], json::value("open"));
  EXPECT_EQ(items[2].as_array()[2], json::value("Submenu"));
  EXPECT_EQ(items[4].as_array()[2], json::value("Check"));
  auto open_rid = static_cast<uint32_t>(items[0].as_array()[0].to_number<double>());
  EXPECT_EQ(ok("text", {{"rid", open_rid}, {"kind", "MenuItem"}}), json::value("Open"));

  // get: the menu's own items, not its submenus'
  json::value got = ok("get", {{"rid", rid}, {"kind", "Submenu"}, {"id", "bold"}});
  EXPECT_EQ(got.as_array()[1], json::value("bold"));
  EXPECT_EQ(ok("get", {{"rid", rid}, {"kind", "Submenu"}, {"id", "deep"}}), json::value(nullptr));

  // The nested item's handler hears its id when picked.
  file->children()[0]->activate();
  EXPECT_EQ(sent("__CHANNEL__:7"), std::vector<std::string>{"\"open\""});
}

TEST_F(MenuCommands, TheNewItemsHandlerHearsItsIdAndChecksToggle) {
  auto [rid, id] = create("Check", json::object{{"id", "wrap"}, {"text", "Wrap"}}, "__CHANNEL__:3");
  auto wrap = item(rid, ItemKind::check);
  wrap->activate();
  EXPECT_EQ(sent("__CHANNEL__:3"), std::vector<std::string>{"\"wrap\""});
  EXPECT_EQ(ok("is_checked", {{"rid", rid}}), json::value(true));
  ok("set_checked", {{"rid", rid}, {"checked", false}});  // the page's change is no pick
  EXPECT_EQ(sent("__CHANNEL__:3").size(), 1u);
  ok("set_enabled", {{"rid", rid}, {"kind", "Check"}, {"enabled", false}});
  wrap->activate();
  EXPECT_EQ(sent("__CHANNEL__:3").size(), 1u);
  EXPECT_EQ(ok("is_checked", {{"rid", rid}}), json::value(false));
}

TEST_F(MenuCommands, AppendPrependInsertRemove) {
  auto [menu, id] = create("Menu", json::object{});
  auto a = create("MenuItem", json::object{{"id", "a"}, {"text", "A"}});
  auto b = create("MenuItem", json::object{{"id", "b"}, {"text", "B"}});
  ok("append", {{"rid", menu}, {"kind", "Menu"}, {"items", json::array{json::array{a.first, "MenuItem"}}}});
  ok("prepend", {{"rid", menu}, {"kind", "Menu"}, {"items", json::array{json::array{b.first, "MenuItem"}}}});
  ok("insert", {{"rid", menu},
                {"kind", "Menu"},
                {"items", json::array{json::object{{"id", "c"}, {"text", "C"}}, json::object{{"id", "d"}, {"text", "D"}}}},
                {"position", 1}});
  auto m = item(menu, ItemKind::menu);
  std::vector<std::string> ids;
  for (auto& c : m->children()) ids.push_back(c->id());
  EXPECT_EQ(ids, (std::vector<std::string>{"b", "c", "d", "a"}));
  ok("remove", {{"rid", menu}, {"kind", "Menu"}, {"item", json::array{a.first, "MenuItem"}}});
  EXPECT_NE(refused("remove", {{"rid", menu}, {"kind", "Menu"}, {"item", json::array{a.first, "MenuItem"}}})
                .find("not in this menu"),
            std::string::npos);
  json::value removed = ok("remove_at", {{"rid", menu}, {"kind", "Menu"}, {"position", 0}});
  EXPECT_EQ(removed.as_array()[1], json::value("b"));
  EXPECT_EQ(ok("remove_at", {{"rid", menu}, {"kind", "Menu"}, {"position", 9}}), json::value(nullptr));
  EXPECT_NE(refused("insert", {{"rid", menu}, {"kind", "Menu"}, {"items", json::array{}}, {"position", -1}})
                .find("'position'"),
            std::string::npos);
  EXPECT_NE(refused("insert", {{"rid", menu}, {"kind", "Menu"},
                               {"items", json::array{json::object{{"text", "x"}}}}, {"position", 7}})
                .find("past the end"),
            std::string::npos);
  // A menu is no item; a MenuItem holds nothing; a menu cannot hold itself.
  EXPECT_NE(refused("append", {{"rid", menu}, {"kind", "Menu"}, {"items", json::array{json::array{menu, "Menu"}}}})
                .find("cannot be an item"),
            std::string::npos);
  EXPECT_NE(refused("append", {{"rid", a.first}, {"kind", "MenuItem"}, {"items", json::array{}}}).find("Menu or Submenu"),
            std::string::npos);
  auto sub = create("Submenu", json::object{{"text", "S"}});
  ok("append", {{"rid", menu}, {"kind", "Menu"}, {"items", json::array{json::array{sub.first, "Submenu"}}}});
  EXPECT_NE(refused("append", {{"rid", sub.first}, {"kind", "Submenu"}, {"items", json::array{json::array{sub.first, "Submenu"}}}})
                .find("cannot hold itself"),
            std::string::npos);
}

TEST_F(MenuCommands, ItemCommandsAndWhichKindsTheyTake) {
  auto [rid, id] = create("MenuItem", json::object{{"text", "A"}});
  ok("set_text", {{"rid", rid}, {"kind", "MenuItem"}, {"text", "B"}});
  EXPECT_EQ(ok("text", {{"rid", rid}, {"kind", "MenuItem"}}), json::value("B"));
  ok("set_accelerator", {{"rid", rid}, {"kind", "MenuItem"}, {"accelerator", "Alt+F4"}});
  EXPECT_EQ(item(rid, ItemKind::normal)->accelerator(), "Alt+F4");
  ok("set_accelerator", {{"rid", rid}, {"kind", "MenuItem"}, {"accelerator", nullptr}});
  EXPECT_FALSE(item(rid, ItemKind::normal)->accelerator());
  EXPECT_NE(refused("set_accelerator", {{"rid", rid}, {"kind", "MenuItem"}, {"accelerator", "Ctrl+Nope"}}).find("\"Nope\""),
            std::string::npos);
  auto p = create("Predefined", json::object{{"item", "Paste"}});
  EXPECT_NE(refused("set_enabled", {{"rid", p.first}, {"kind", "Predefined"}, {"enabled", true}}).find("Predefined"),
            std::string::npos);
  EXPECT_NE(refused("set_accelerator", {{"rid", p.first}, {"kind", "Predefined"}, {"accelerator", "A"}}).find("Predefined"),
            std::string::npos);
  EXPECT_NE(refused("text", {{"rid", rid}, {"kind", "Menu"}}).find("Menu"), std::string::npos);
  EXPECT_NE(refused("set_icon", {{"rid", rid}, {"kind", "MenuItem"}, {"icon", nullptr}}).find("MenuItem"),
            std::string::npos);
  // The kind must match the resource's: another kind is "not found", as an unknown id.
  EXPECT_NE(refused("text", {{"rid", rid}, {"kind", "Check"}}).find("not found"), std::string::npos);
  EXPECT_NE(refused("is_checked", {{"rid", rid}}).find("not found"), std::string::npos);
  EXPECT_NE(refused("text", {{"rid", rid}, {"kind", "Bogus"}}).find("'kind'"), std::string::npos);
  EXPECT_NE(refused("text", {{"rid", "1"}, {"kind", "MenuItem"}}).find("'rid'"), std::string::npos);
  EXPECT_NE(refused("set_enabled", {{"rid", rid}, {"kind", "MenuItem"}, {"enabled", "yes"}}).find("'enabled'"),
            std::string::npos);
  EXPECT_NE(refused("set_text", {{"rid", rid}, {"kind", "MenuItem"}}).find("missing argument 'text'"), std::string::npos);
}

TEST_F(MenuCommands, IconsAreImages) {
  GdkPixbuf* px = gdk_pixbuf_new(GDK_COLORSPACE_RGB, TRUE, 8, 4, 4);
  gdk_pixbuf_fill(px, 0xff0000ff);
  gchar* png = nullptr;
  gsize size = 0;
  ASSERT_TRUE(gdk_pixbuf_save_to_buffer(px, &png, &size, "png", nullptr, nullptr));
  g_object_unref(px);
  json::array bytes;
  for (gsize i = 0; i < size; ++i) bytes.push_back(static_cast<unsigned char>(png[i]));
  g_free(png);
  auto [rid, id] = create("Icon", json::object{{"text", "Red"}, {"icon", bytes}});
  auto red = item(rid, ItemKind::icon);
  ASSERT_TRUE(red && red->icon());
  EXPECT_EQ(gdk_pixbuf_get_width(red->icon()), 4);
  ok("set_icon", {{"rid", rid}, {"kind", "Icon"}, {"icon", nullptr}});
  EXPECT_EQ(red->icon(), nullptr);
  ok("set_icon", {{"rid", rid}, {"kind", "Icon"}, {"icon", bytes}});
  EXPECT_NE(red->icon(), nullptr);
  EXPECT_NE(refused("set_icon", {{"rid", rid}, {"kind", "Icon"}, {"icon", json::array{1, 2, 3}}}).find("'icon'"),
            std::string::npos);
  auto sub = create("Submenu", json::object{{"text", "S"}, {"icon", bytes}});
  EXPECT_NE(item(sub.first, ItemKind::submenu)->icon(), nullptr);
}

TEST_F(MenuCommands, OptionsAreChecked) {
  EXPECT_NE(refused("new", {{"kind", "Predefined"}, {"options", json::object{}}}).find("'item'"), std::string::npos);
  EXPECT_NE(refused("new", {{"kind", "Predefined"}, {"options", json::object{{"item", "Frobnicate"}}}})
                .find("not a predefined item"),
            std::string::npos);
  EXPECT_NE(refused("new", {{"kind", "MenuItem"}, {"options", json::object{{"text", 5}}}}).find("'text'"),
            std::string::npos);
  EXPECT_NE(refused("new", {{"kind", "MenuItem"}, {"options", json::object{{"id", json::array{}}}}}).find("'id'"),
            std::string::npos);
  EXPECT_NE(refused("new", {{"kind", "MenuItem"}, {"options", json::object{{"accelerator", "Ctrl+"}}}})
                .find("'accelerator'"),
            std::string::npos);
  EXPECT_NE(refused("new", {{"kind", "Menu"}, {"options", json::object{{"items", json::array{json::object{{"id", "x"}}}}}}})
                .find("'text'"),
            std::string::npos);
  EXPECT_NE(refused("new", {{"kind", "Menu"}, {"options", json::object{{"items", json::array{json::array{9999, "MenuItem"}}}}}})
                .find("9999 not found"),
            std::string::npos);
  EXPECT_NE(refused("new", {{"kind", "Widget"}}).find("'kind'"), std::string::npos);
  EXPECT_NE(refused("new", {{"kind", "MenuItem"}, {"options", json::object{{"text", std::string(5000, 'x')}}}})
                .find("4096"),
            std::string::npos);
}

TEST_F(MenuCommands, SizesAreBounded) {
  // Submenus appended one into the next, down to the deepest level menus may nest.
  auto [rid, id] = create("Menu", json::object{});
  std::string kind = "Menu";
  std::string too_deep;
  for (size_t level = 2; level <= MenuItem::kMaxLevels + 1; ++level) {
    auto sub = create("Submenu", json::object{{"text", "s"}});
    auto answer = call("append", {{"rid", rid}, {"kind", kind}, {"items", json::array{json::array{sub.first, "Submenu"}}}}, kMain);
    if (!answer.first) {
      too_deep = answer.second;
      EXPECT_EQ(level, MenuItem::kMaxLevels + 1);
      break;
    }
    rid = sub.first;
    kind = "Submenu";
  }
  EXPECT_NE(too_deep.find("16 levels"), std::string::npos) << too_deep;
  // More items in one call than allowed.
  json::array many;
  for (int i = 0; i < 1001; ++i) many.push_back(json::object{{"text", "x"}});
  EXPECT_NE(refused("new", {{"kind", "Menu"}, {"options", json::object{{"items", many}}}}).find("at most"),
            std::string::npos);
}

TEST_F(MenuCommands, ItemsBelongToThePageThatMadeThem) {
  auto [rid, id] = create("Check", json::object{{"text", "Mine"}});
  auto [menu, menu_id] = create("Menu", json::object{});
  for (const runtime::Caller& other : {kOtherWindow, kOtherOrigin, kNextPage}) {
    EXPECT_NE(refused("text", {{"rid", rid}, {"kind", "Check"}}, other).find("not found"), std::string::npos);
    EXPECT_NE(refused("set_text", {{"rid", rid}, {"kind", "Check"}, {"text", "x"}}, other).find("not found"),
              std::string::npos);
    EXPECT_NE(refused("set_checked", {{"rid", rid}, {"checked", true}}, other).find("not found"), std::string::npos);
    EXPECT_NE(refused("items", {{"rid", menu}, {"kind", "Menu"}}, other).find("not found"), std::string::npos);
    EXPECT_NE(refused("popup", {{"rid", menu}, {"kind", "Menu"}}, other).find("not found"), std::string::npos);
    EXPECT_NE(refused("set_as_window_menu", {{"rid", menu}}, other).find("not found"), std::string::npos);
    EXPECT_NE(refused("set_as_app_menu", {{"rid", menu}}, other).find("not found"), std::string::npos);
    // Nor can it put the item in a menu of its own.
    auto theirs = create("Menu", json::object{}, "__CHANNEL__:1", other);
    EXPECT_NE(refused("append", {{"rid", theirs.first}, {"kind", "Menu"}, {"items", json::array{json::array{rid, "Check"}}}},
                      other)
                  .find("not found"),
              std::string::npos);
  }
  EXPECT_FALSE(item(rid, ItemKind::check)->checked());
}

TEST_F(MenuCommands, DefaultMenuIsTauris) {
  json::value made = ok("create_default", json::object{});
  auto menu = item(static_cast<uint32_t>(made.as_array()[0].to_number<double>()), ItemKind::menu);
  ASSERT_TRUE(menu);
  ASSERT_EQ(menu->children().size(), 3u);
  EXPECT_EQ(menu->children()[0]->text(), "Edit");
  EXPECT_EQ(menu->children()[0]->children().size(), 7u);
  EXPECT_EQ(menu->children()[1]->id(), "__tauri_window_menu__");
  EXPECT_EQ(menu->children()[1]->children()[2]->predefined(), Predefined::close_window);
  EXPECT_EQ(menu->children()[2]->id(), "__tauri_help_menu__");
  EXPECT_EQ(menu->children()[2]->children()[0]->predefined(), Predefined::about);
}

TEST_F(MenuCommands, TheDefaultMenusAboutNamesTheApp) {
  t_.context.app_name = "Hello";
  t_.context.app_version = "1.2.3";
  json::value made = ok("create_default", json::object{});
  auto menu = item(static_cast<uint32_t>(made.as_array()[0].to_number<double>()), ItemKind::menu);
  ASSERT_TRUE(menu);
  const auto& about = menu->children()[2]->children()[0]->about();
  ASSERT_TRUE(about);
  EXPECT_EQ(about->name, std::optional<std::string>("Hello"));
  EXPECT_EQ(about->version, std::optional<std::string>("1.2.3"));
}

TEST_F(MenuCommands, WindowCommandsWithoutTheWindowAnswerNullAsTauri) {
  auto [menu, id] = create("Menu", json::object{});
  // No window is open in this test: as in Tauri, a missing window is no error.
  EXPECT_EQ(ok("set_as_window_menu", {{"rid", menu}, {"window", "nowhere"}}), json::value(nullptr));
  EXPECT_EQ(ok("popup", {{"rid", menu}, {"kind", "Menu"}, {"window", nullptr}, {"at", nullptr}}), json::value(nullptr));
  EXPECT_EQ(ok("set_as_windows_menu_for_nsapp", {{"rid", menu}}), json::value(nullptr));
  EXPECT_EQ(ok("set_as_help_menu_for_nsapp", {{"rid", menu}}), json::value(nullptr));
  EXPECT_NE(refused("popup", {{"rid", menu}, {"kind", "MenuItem"}}).find("Menu or Submenu"), std::string::npos);
}

TEST_F(MenuCommands, TheAppMenuAnswersThePreviousOneToItsOwnPageOnly) {
  auto first = create("Menu", json::object{{"id", "first"}});
  auto second = create("Menu", json::object{{"id", "second"}});
  EXPECT_EQ(ok("set_as_app_menu", {{"rid", first.first}}), json::value(nullptr));
  json::value previous = ok("set_as_app_menu", {{"rid", second.first}});
  ASSERT_TRUE(previous.is_array());
  EXPECT_EQ(previous.as_array()[1], json::value("first"));
  EXPECT_EQ(item(static_cast<uint32_t>(previous.as_array()[0].to_number<double>()), ItemKind::menu),
            item(first.first, ItemKind::menu));
  // Another window's page replacing it does not get main's menu.
  auto theirs = create("Menu", json::object{{"id", "theirs"}}, "__CHANNEL__:1", kOtherWindow);
  EXPECT_EQ(ok("set_as_app_menu", {{"rid", theirs.first}}, kOtherWindow), json::value(nullptr));
}

}  // namespace
}  // namespace warden::desktop::menu
