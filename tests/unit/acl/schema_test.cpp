// The JSON Schemas in manifests/ are valid JSON and agree with the parser: a small
// validator (the keywords these schemas use) checks the corpus and fixtures against them.
#include <gtest/gtest.h>

#include <map>
#include <regex>

#include <boost/json/parse.hpp>

#include "acl/document.hpp"
#include "acl_test_support.hpp"

using namespace warden::acl;
using namespace warden::acl::test;
namespace json = boost::json;
namespace fs = std::filesystem;

namespace {

const fs::path kSchemas = fs::path(WARDEN_TEST_DATA) / ".." / ".." / "manifests";

class SchemaValidator {
 public:
  const json::value& load(const std::string& file) {
    auto it = schemas_.find(file);
    if (it == schemas_.end()) it = schemas_.emplace(file, json::parse(read_text_file(kSchemas / file))).first;
    return it->second;
  }

  // Empty when `v` is valid; else the first problem found.
  std::string validate(const std::string& file, const json::value& v) { return check(file, load(file), v, "$"); }

 private:
  std::map<std::string, json::value> schemas_;

  const json::value& resolve(std::string& file, const std::string& ref) {
    auto hash = ref.find('#');
    if (hash > 0) file = ref.substr(0, hash);
    const json::value* node = &load(file);
    std::string pointer = ref.substr(hash + 1);
    for (std::size_t pos = 1; pos < pointer.size();) {
      auto next = pointer.find('/', pos);
      node = &node->at(pointer.substr(pos, next - pos));
      pos = next == std::string::npos ? pointer.size() : next + 1;
    }
    return *node;
  }

  static bool has_type(const json::value& v, std::string_view type) {
    if (type == "object") return v.is_object();
    if (type == "array") return v.is_array();
    if (type == "string") return v.is_string();
    if (type == "boolean") return v.is_bool();
    if (type == "null") return v.is_null();
    if (type == "integer") return v.is_int64() || v.is_uint64();
    if (type == "number") return v.is_number();
    return false;
  }

  std::string check(std::string file, const json::value& schema, const json::value& v, const std::string& at) {
    const auto& s = schema.as_object();
    if (auto* ref = s.if_contains("$ref")) {
      std::string target_file = file;
      const auto& target = resolve(target_file, std::string(ref->as_string()));
      if (auto e = check(target_file, target, v, at); !e.empty()) return e;
    }
    if (auto* type = s.if_contains("type")) {
      bool ok = false;
      if (type->is_string()) ok = has_type(v, type->as_string());
      else for (const auto& t : type->as_array()) ok = ok || has_type(v, t.as_string());
      if (!ok) return at + ": wrong type";
    }
    if (auto* e = s.if_contains("enum")) {
      bool ok = false;
      for (const auto& x : e->as_array()) ok = ok || x == v;
      if (!ok) return at + ": not in enum";
    }
    if (v.is_string()) {
      if (auto* p = s.if_contains("pattern"); p && !std::regex_search(std::string(v.as_string()), std::regex(std::string(p->as_string()))))
        return at + ": does not match pattern";
      if (auto* m = s.if_contains("maxLength"); m && v.as_string().size() > m->to_number<std::size_t>()) return at + ": too long";
      if (auto* m = s.if_contains("minLength"); m && v.as_string().size() < m->to_number<std::size_t>()) return at + ": too short";
    }
    if (auto* m = s.if_contains("minimum"); m && v.is_number() && v.to_number<double>() < m->to_number<double>())
      return at + ": below minimum";
    if (v.is_object()) {
      const auto& o = v.as_object();
      if (auto* req = s.if_contains("required"))
        for (const auto& r : req->as_array())
          if (!o.contains(r.as_string())) return at + ": missing " + std::string(r.as_string());
      const auto* props = s.if_contains("properties");
      for (const auto& [key, value] : o) {
        std::string child = at + "." + std::string(key);
        if (auto* names = s.if_contains("propertyNames"))
          if (auto e = check(file, *names, json::value(key), child); !e.empty()) return e;
        if (props && props->as_object().contains(key)) {
          if (auto e = check(file, props->as_object().at(key), value, child); !e.empty()) return e;
        } else if (auto* extra = s.if_contains("additionalProperties")) {
          if (extra->is_bool() && !extra->as_bool()) return child + ": not allowed";
          if (extra->is_object())
            if (auto e = check(file, *extra, value, child); !e.empty()) return e;
        }
      }
    }
    if (v.is_array())
      if (auto* items = s.if_contains("items"))
        for (std::size_t i = 0; i < v.as_array().size(); ++i)
          if (auto e = check(file, *items, v.as_array()[i], at + "[" + std::to_string(i) + "]"); !e.empty()) return e;
    if (auto* one = s.if_contains("oneOf")) {
      int matches = 0;
      for (const auto& alt : one->as_array()) matches += check(file, alt, v, at).empty();
      if (matches != 1) return at + ": matches " + std::to_string(matches) + " of oneOf";
    }
    if (auto* any = s.if_contains("anyOf")) {
      bool ok = false;
      for (const auto& alt : any->as_array()) ok = ok || check(file, alt, v, at).empty();
      if (!ok) return at + ": matches none of anyOf";
    }
    return "";
  }
};

json::value as_json(const fs::path& p) {
  auto format = format_of(p);
  return parse_document(read_text_file(p), *format, p.string()).root;
}

}  // namespace

TEST(Schemas, AreValidJsonWithTitles) {
  for (const char* name : {"permission-file.schema.json", "capability.schema.json", "app-config.schema.json"}) {
    auto schema = json::parse(read_text_file(kSchemas / name));
    EXPECT_TRUE(schema.as_object().contains("title")) << name;
    EXPECT_EQ(schema.at("$id").as_string(), name);
  }
}

TEST(Schemas, CorpusFilesValidateExceptTheDetachedScope) {
  SchemaValidator validator;
  std::size_t files = 0;
  for (const auto& e : fs::recursive_directory_iterator(kCorpus)) {
    if (!e.is_regular_file() || !format_of(e.path())) continue;
    ++files;
    auto problem = validator.validate("permission-file.schema.json", as_json(e.path()));
    if (e.path().filename() == "deny-webview-data.toml") EXPECT_NE(problem, "") << "the schema must flag the top-level scope";
    else EXPECT_EQ(problem, "") << e.path();
  }
  EXPECT_EQ(files, 207u);
}

TEST(Schemas, ConformanceFilesValidate) {
  SchemaValidator validator;
  for (const auto& e : fs::recursive_directory_iterator(kConformance / "plugins"))
    if (e.is_regular_file()) EXPECT_EQ(validator.validate("permission-file.schema.json", as_json(e.path())), "") << e.path();
  for (const auto& e : fs::recursive_directory_iterator(kConformance / "capabilities"))
    if (e.is_regular_file() && e.path().filename().string().starts_with("cap"))
      EXPECT_EQ(validator.validate("capability.schema.json", as_json(e.path())), "") << e.path();
}

TEST(Schemas, RejectWhatTheParserRejects) {
  SchemaValidator validator;
  auto perm = [&](const char* text) { return validator.validate("permission-file.schema.json", json::parse(text)); };
  EXPECT_EQ(perm(R"({"permission": [{"identifier": "allow-x", "commands": {"allow": ["x"]}}]})"), "");
  EXPECT_NE(perm(R"({"permission": [{"identifier": "Allow_X"}]})"), "");
  EXPECT_NE(perm(R"({"permission": [{"identifier": "x", "platforms": ["bsd"]}]})"), "");
  EXPECT_NE(perm(R"({"set": [{"identifier": "s", "permissions": ["a::b"]}]})"), "");
  auto cap = [&](const char* text) { return validator.validate("capability.schema.json", json::parse(text)); };
  EXPECT_EQ(cap(R"([{"identifier": "c", "permissions": ["fs:read", {"identifier": "fs:x", "allow": [1]}]}])"), "");
  EXPECT_NE(cap(R"({"identifier": "c", "permissions": [], "window": ["main"]})"), "");
  auto app = [&](const char* text) { return validator.validate("app-config.schema.json", json::parse(text)); };
  EXPECT_EQ(app(R"({"app": {"security": {"capabilities": ["main", {"identifier": "i", "permissions": []}]}},
                   "plugins": {"fs": {"path": "plugins/fs"}}})"), "");
  EXPECT_NE(app(R"({"app": {"security": {"capabilities": [{"permissions": []}]}}})"), "");
  EXPECT_NE(app(R"({"plugins": {"Bad_Name": {}}})"), "");
  EXPECT_EQ(app(R"({"app": {"singleInstance": true}})"), "");
  EXPECT_NE(app(R"({"app": {"singleInstance": "yes"}})"), "");
  // app.security.pattern and assetProtocol, as the host parses them.
  EXPECT_EQ(app(R"({"app": {"security": {"pattern": {"use": "isolation", "options": {"dir": "isolation"}}}}})"), "");
  EXPECT_EQ(app(R"({"app": {"security": {"pattern": {"use": "brownfield"}}}})"), "");
  EXPECT_NE(app(R"({"app": {"security": {"pattern": {"use": "isolation"}}}})"), "");
  EXPECT_NE(app(R"({"app": {"security": {"pattern": {"use": "isolation", "options": {"dir": ""}}}}})"), "");
  EXPECT_NE(app(R"({"app": {"security": {"pattern": {"use": "other"}}}})"), "");
  EXPECT_EQ(app(R"({"app": {"security": {"assetProtocol": {"enable": true, "scope": ["$PICTURE/**"]}}}})"), "");
  EXPECT_EQ(app(R"({"app": {"security": {"assetProtocol": {"enable": true,
                   "scope": {"allow": ["$HOME/a/**"], "deny": ["$HOME/a/b"], "requireLiteralLeadingDot": false}}}}})"), "");
  EXPECT_NE(app(R"({"app": {"security": {"assetProtocol": {"enable": "yes"}}}})"), "");
  EXPECT_NE(app(R"({"app": {"security": {"assetProtocol": {"enable": true, "scope": [1]}}}})"), "");
  EXPECT_NE(app(R"({"app": {"security": {"assetProtocol": {"enable": true, "scope": {"other": []}}}}})"), "");
  // app.ipc (runtime/ipc_limits.cpp reads it).
  EXPECT_EQ(app(R"({"app": {"ipc": {"maxCallsInFlight": 256, "blockingThreads": 8, "blockingThreadsPerWebview": 2}}})"), "");
  EXPECT_NE(app(R"({"app": {"ipc": {"maxCallsInFlight": 0}}})"), "");
  EXPECT_NE(app(R"({"app": {"ipc": {"sampleCommands": true}}})"), "");  // gone: app.library instead
  // app.library and its pin (cli/app_config.cpp reads them).
  EXPECT_EQ(app(R"({"app": {"library": "libhello.app.so",
                   "sha256": "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"}})"), "");
  EXPECT_NE(app(R"({"app": {"library": ""}})"), "");
  EXPECT_NE(app(R"({"app": {"library": "x.app.so", "sha256": "ABC"}})"), "");
  EXPECT_NE(app(R"({"app": {"ipc": {"other": 1}}})"), "");
}
