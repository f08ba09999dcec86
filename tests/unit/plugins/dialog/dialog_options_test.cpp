// What the dialog plugin reads from @tauri-apps/plugin-dialog 2.8.4's arguments: the buttons and
// answers of each kind of message box, the options of open and save, and the bounds a hostile
// page meets (each refusal names what it refused).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include <boost/json.hpp>

#include "dialog_options.hpp"

namespace dp = warden::dialog_plugin;
namespace json = boost::json;

namespace {

std::vector<std::string> answers(const dp::MessageOptions& o) {
  std::vector<std::string> out;
  for (const auto& b : o.buttons) out.push_back(b.answer);
  return out;
}

dp::MessageOptions message_with(json::value buttons) {
  json::object args{{"message", "text"}};
  if (!buttons.is_null()) args["buttons"] = std::move(buttons);
  return dp::message_options(args);
}

// The message of the refusal of `args` (empty when they were read).
template <class Read>
std::string refusal(Read read) {
  try {
    read();
  } catch (const dp::BadDialogArguments& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST(DialogMessage, PresetButtonsAnswerTheirNamesAffirmativeLast) {
  using V = std::vector<std::string>;
  EXPECT_EQ(answers(message_with(nullptr)), V{"Ok"});
  EXPECT_EQ(answers(message_with("Ok")), V{"Ok"});
  EXPECT_EQ(answers(message_with("OkCancel")), (V{"Cancel", "Ok"}));
  EXPECT_EQ(answers(message_with("YesNo")), (V{"No", "Yes"}));
  EXPECT_EQ(answers(message_with("YesNoCancel")), (V{"Cancel", "No", "Yes"}));
}

TEST(DialogMessage, DismissedAnswersTheCancellingButtonOrTheOnlyOne) {
  EXPECT_EQ(message_with(nullptr).dismissed_answer, "Ok");
  EXPECT_EQ(message_with("OkCancel").dismissed_answer, "Cancel");
  EXPECT_EQ(message_with("YesNo").dismissed_answer, "No");
  EXPECT_EQ(message_with("YesNoCancel").dismissed_answer, "Cancel");
  EXPECT_EQ(message_with(json::object{{"OkCancelCustom", json::array{"Go", "Stay"}}}).dismissed_answer, "Stay");
}

// What the package's ask/confirm with okLabel/cancelLabel and message with custom buttons send.
TEST(DialogMessage, CustomLabelsAreAnswersAndShownAsWritten) {
  using V = std::vector<std::string>;
  auto ok = message_with(json::object{{"OkCustom", "Got_it"}});
  EXPECT_EQ(answers(ok), V{"Got_it"});
  EXPECT_FALSE(ok.buttons[0].mnemonic);  // the underscore is not a mnemonic
  EXPECT_EQ(answers(message_with(json::object{{"OkCancelCustom", json::array{"Go", "Stay"}}})), (V{"Stay", "Go"}));
  EXPECT_EQ(answers(message_with(json::object{{"YesNoCancelCustom", json::array{"Save", "Discard", "Keep"}}})),
            (V{"Keep", "Discard", "Save"}));
  EXPECT_TRUE(message_with("YesNo").buttons[0].mnemonic);
}

TEST(DialogMessage, KindIsReadAsTauriReadsIt) {
  auto kind = [](const char* k) { return dp::message_options(json::object{{"message", "m"}, {"kind", k}}).kind; };
  EXPECT_EQ(kind("warning"), dp::MessageKind::warning);
  EXPECT_EQ(kind("ERROR"), dp::MessageKind::error);
  EXPECT_EQ(kind("something else"), dp::MessageKind::info);
  EXPECT_NE(refusal([] { dp::message_options(json::object{{"message", "m"}, {"kind", 3}}); }), "");
}

TEST(DialogMessage, HostileArgumentsAreRefusedNamingWhat) {
  EXPECT_EQ(refusal([] { dp::message_options(json::object{}); }), "message is missing");
  EXPECT_NE(refusal([] { dp::message_options(json::object{{"message", std::string(64 * 1024 + 1, 'x')}}); })
                .find("message is 65537 bytes long"),
            std::string::npos);
  EXPECT_NE(refusal([] { dp::message_options(json::object{{"message", std::string("a\0b", 3)}}); }).find("NUL"),
            std::string::npos);
  EXPECT_NE(refusal([] { message_with(json::object{{"Detonate", "now"}}); }).find("not a kind of buttons"), std::string::npos);
  EXPECT_NE(refusal([] { message_with(json::object{{"OkCancelCustom", json::array{"only one"}}}); }).find("2 labels"),
            std::string::npos);
  EXPECT_NE(refusal([] { message_with(json::object{{"OkCustom", ""}}); }).find("must not be empty"), std::string::npos);
  EXPECT_NE(refusal([] { message_with(json::object{{"OkCustom", std::string(257, 'l')}}); }).find("257 bytes"),
            std::string::npos);
  EXPECT_NE(refusal([] { message_with("Maybe"); }), "");
}

TEST(DialogFile, OpenOptionsAsThePackageSendsThem) {
  json::value args = json::parse(R"({"options": {"title": "Pick", "multiple": true, "directory": true,
    "recursive": true, "defaultPath": "/tmp", "canCreateDirectories": false, "pickerMode": "image",
    "filters": [{"name": "Images", "extensions": ["png", "jpeg"]}]}})");
  dp::FileDialogOptions o = dp::open_options(args);
  EXPECT_FALSE(o.save);
  EXPECT_EQ(o.title, "Pick");
  EXPECT_TRUE(o.multiple && o.directory && o.recursive);
  EXPECT_EQ(o.default_path, "/tmp");
  EXPECT_EQ(o.can_create_directories, false);
  ASSERT_EQ(o.filters.size(), 1u);
  EXPECT_EQ(o.filters[0].extensions, (std::vector<std::string>{"png", "jpeg"}));
  // An empty object (the package's default) is a plain file pick.
  dp::FileDialogOptions plain = dp::open_options(json::parse(R"({"options": {}})"));
  EXPECT_FALSE(plain.multiple || plain.directory || plain.recursive || plain.title || plain.default_path);
}

TEST(DialogFile, SaveIgnoresOpenOnlyOptions) {
  dp::FileDialogOptions o = dp::save_options(json::parse(R"({"options": {"multiple": true, "directory": true}})"));
  EXPECT_TRUE(o.save);
  EXPECT_FALSE(o.multiple || o.directory);
}

TEST(DialogFile, HostileOptionsAreRefusedNamingWhat) {
  auto open = [](const char* options) { return refusal([&] { dp::open_options(json::parse(options)); }); };
  EXPECT_EQ(open(R"({})"), "options must be an object");
  EXPECT_EQ(open(R"({"options": {"multiple": "yes"}})"), "multiple must be true or false");
  EXPECT_EQ(open(R"({"options": {"filters": [{"name": "x", "extensions": ["../x"]}]}})"),
            "filters[0].extensions[0] must not contain '/'");
  EXPECT_EQ(open(R"({"options": {"filters": [{"name": "x", "extensions": [""]}]}})"),
            "filters[0].extensions[0] must not be empty");
  EXPECT_EQ(open(R"({"options": {"filters": [{"extensions": []}]}})"), "filters[0].name is missing");
  json::array many;
  for (int i = 0; i < 65; ++i) many.push_back(json::object{{"name", "f"}, {"extensions", json::array{"x"}}});
  EXPECT_NE(refusal([&] { dp::open_options(json::object{{"options", json::object{{"filters", many}}}}); })
                .find("65 entries"),
            std::string::npos);
  json::array exts(65, json::value("x"));
  json::array one{json::object{{"name", "f"}, {"extensions", exts}}};
  EXPECT_NE(refusal([&] { dp::open_options(json::object{{"options", json::object{{"filters", one}}}}); })
                .find("65 entries"),
            std::string::npos);
  EXPECT_NE(refusal([] {
              dp::save_options(json::object{{"options", json::object{{"defaultPath", std::string(4097, 'p')}}}});
            }).find("defaultPath is 4097 bytes"),
            std::string::npos);
  EXPECT_NE(refusal([] {
              dp::save_options(json::object{{"options", json::object{{"title", std::string(1025, 't')}}}});
            }).find("title is 1025 bytes"),
            std::string::npos);
}
