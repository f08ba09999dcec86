// Reading a page's arguments to a desktop command (host/desktop/command_arguments): what is
// refused and with which message, since the image, tray and menu commands answer the page with it.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "desktop/command_arguments.hpp"
#include "runtime/completion.hpp"

namespace warden::desktop {
namespace {
namespace json = boost::json;

std::string refusal_of(const std::string& args_json) {
  runtime::Invocation call;
  call.args_json = args_json;
  try {
    arguments_of(call);
  } catch (const BadArgument& e) {
    return e.what();
  }
  return "";
}

TEST(CommandArguments, OnlyAJsonObjectIsTaken) {
  EXPECT_EQ(refusal_of("[1, 2]"), "the arguments must be a JSON object");
  EXPECT_EQ(refusal_of("{\"rid\": "), "the arguments must be a JSON object");
  EXPECT_EQ(refusal_of("null"), "the arguments must be a JSON object");
  runtime::Invocation call;
  call.args_json = R"({"rid": 3})";
  EXPECT_EQ(arguments_of(call).at("rid").as_int64(), 3);
}

TEST(CommandArguments, NullCountsAsMissing) {
  json::object args = json::parse(R"({"given": 0, "empty": null})").as_object();
  EXPECT_NE(optional_argument(args, "given"), nullptr);
  EXPECT_EQ(optional_argument(args, "empty"), nullptr);
  EXPECT_EQ(optional_argument(args, "absent"), nullptr);
  EXPECT_EQ(required_argument(args, "given").as_int64(), 0);
  for (const char* key : {"empty", "absent"}) {
    try {
      required_argument(args, key);
      ADD_FAILURE() << key << " was taken";
    } catch (const BadArgument& e) {
      EXPECT_EQ(std::string(e.what()), std::string("missing argument '") + key + "'");
    }
  }
}

TEST(CommandArguments, WholeNumbersWithinTheirRangeOnly) {
  EXPECT_EQ(whole_number(json::value(1), 1, UINT32_MAX), 1u);
  EXPECT_EQ(whole_number(json::value(4294967295.0), 1, UINT32_MAX), 4294967295u);
  EXPECT_EQ(whole_number(json::value(7.0), 0, 10), 7u);
  EXPECT_EQ(whole_number(json::value(0), 1, UINT32_MAX), std::nullopt);
  EXPECT_EQ(whole_number(json::value(-1), 0, 10), std::nullopt);
  EXPECT_EQ(whole_number(json::value(11), 0, 10), std::nullopt);
  EXPECT_EQ(whole_number(json::value(2.5), 0, 10), std::nullopt);
  EXPECT_EQ(whole_number(json::value(4294967296.0), 1, UINT32_MAX), std::nullopt);
  EXPECT_EQ(whole_number(json::value(1e300), 1, UINT32_MAX), std::nullopt);
  EXPECT_EQ(whole_number(json::value("3"), 0, 10), std::nullopt);
  EXPECT_EQ(whole_number(json::value(true), 0, 10), std::nullopt);
}

// A command's BadArgument is its refusal, with the message; another failure is not turned into one.
TEST(CommandArguments, BadArgumentIsTheRefusal) {
  ipc::InvokeResponse answer;
  runtime::Invocation call;
  call.completion = std::make_shared<runtime::Completion>([&answer](ipc::InvokeResponse r) { answer = std::move(r); });
  refusing_bad_arguments([](runtime::Invocation&) { throw BadArgument("missing argument 'rid'"); })(call);
  ASSERT_TRUE(call.completion->settled());
  EXPECT_NE(answer.status, 200);
  EXPECT_EQ(json::parse(answer.body).as_string(), "missing argument 'rid'");

  runtime::Invocation other;
  other.completion = std::make_shared<runtime::Completion>([](ipc::InvokeResponse) {});
  auto failing = refusing_bad_arguments([](runtime::Invocation&) { throw std::logic_error("a bug"); });
  EXPECT_THROW(failing(other), std::logic_error);
  EXPECT_FALSE(other.completion->settled());
}

}  // namespace
}  // namespace warden::desktop
