#include "opener_scope.hpp"

#include <stdexcept>

#include <boost/json.hpp>
#include <warden/url_scheme.hpp>

namespace json = boost::json;

namespace warden::opener_plugin {
namespace {

std::optional<AppChoice> app_choice(const json::object& entry, std::string& problem) {
  AppChoice choice;
  const json::value* app = entry.if_contains("app");
  if (!app || app->is_null()) return choice;
  if (app->is_bool()) {
    choice.kind = app->as_bool() ? AppChoice::any : AppChoice::none;
    return choice;
  }
  if (app->is_string() && !app->as_string().empty()) {
    choice.kind = AppChoice::named;
    choice.name = std::string(app->as_string());
    return choice;
  }
  problem = "\"app\" must be true, false or an application name";
  return std::nullopt;
}

struct Parsed {
  std::optional<UrlEntry> url;
  std::optional<PathEntry> path;
};

Parsed parse_entry(const json::value& v, std::string& problem) {
  const json::object* o = v.if_object();
  if (!o) {
    problem = "an entry must be an object with \"url\" or \"path\"";
    return {};
  }
  const json::value* url = o->if_contains("url");
  const json::value* path = o->if_contains("path");
  if ((url != nullptr) == (path != nullptr)) {
    problem = "an entry must have exactly one of \"url\" and \"path\"";
    return {};
  }
  auto app = app_choice(*o, problem);
  if (!app) return {};
  if (url) {
    if (!url->is_string()) {
      problem = "\"url\" must be a string";
      return {};
    }
    auto glob = UrlGlob::compile(url->as_string(), problem);
    if (!glob) {
      problem = "\"url\" " + json::serialize(*url) + ": " + problem;
      return {};
    }
    return {UrlEntry{std::move(*glob), std::move(*app)}, std::nullopt};
  }
  if (!path->is_string() || path->as_string().empty()) {
    problem = "\"path\" must be a non-empty string";
    return {};
  }
  PathEntry entry{std::string(path->as_string()), std::move(*app), false};
  if (const json::value* exe = o->if_contains("executables")) {
    if (!exe->is_bool()) {
      problem = "\"executables\" must be true or false";
      return {};
    }
    entry.executables = exe->as_bool();
  }
  return {std::nullopt, std::move(entry)};
}

void collect(const json::value& scope, OpenerScope& out) {
  if (scope.is_null()) return;
  const json::object* o = scope.if_object();
  if (!o) throw std::runtime_error("the opener scope is not an object");
  for (const char* list : {"allow", "deny"}) {
    const json::value* entries = o->if_contains(list);
    if (!entries || entries->is_null()) continue;
    if (!entries->is_array()) throw std::runtime_error(std::string("the opener scope's ") + list + " is not a list");
    bool deny = list[0] == 'd';
    for (const auto& e : entries->as_array()) {
      std::string problem;
      Parsed p = parse_entry(e, problem);
      if (!p.url && !p.path) {
        if (deny) throw std::runtime_error("a deny entry of the opener scope is malformed: " + problem);
        out.ignored.push_back(json::serialize(e) + ": " + problem);
        continue;
      }
      if (p.url) (deny ? out.deny_urls : out.allow_urls).push_back(std::move(*p.url));
      if (p.path) (deny ? out.deny_paths : out.allow_paths).push_back(std::move(*p.path));
    }
  }
}

}  // namespace

bool AppChoice::allows(const std::optional<std::string>& with) const {
  switch (kind) {
    case default_only: return !with;
    case any: return true;
    case none: return false;
    case named: return with && *with == name;
  }
  return false;
}

std::string AppChoice::describe() const {
  switch (kind) {
    case default_only: return "the default application only";
    case any: return "any application";
    case none: return "no application";
    case named: return "only '" + name + "'";
  }
  return "?";
}

OpenerScope parse_opener_scope(const json::value& scopes) {
  OpenerScope out;
  const json::object* o = scopes.if_object();
  if (!o) throw std::runtime_error("the call's scopes are not an object");
  for (const char* part : {"command", "global"})
    if (const json::value* s = o->if_contains(part)) collect(*s, out);
  return out;
}

bool is_local_content_scheme(std::string_view scheme) {
  return scheme == "file" || scheme == "javascript" || scheme == "data" || scheme == "vbscript";
}

UrlJudgment judge_url(const OpenerScope& scope, std::string_view url, const std::optional<std::string>& with) {
  std::string quoted = "'" + std::string(url) + "'";
  for (const auto& e : scope.deny_urls)
    if (e.glob.matches(url)) return {false, "URL " + quoted + " matches the deny entry '" + e.glob.pattern() + "'"};
  std::optional<std::string> scheme = warden::url_scheme(url);
  bool local = scheme && is_local_content_scheme(*scheme);
  std::string near_miss;
  for (const auto& e : scope.allow_urls) {
    if (!e.glob.matches(url)) continue;
    if (!e.app.allows(with)) {
      near_miss = "the entry '" + e.glob.pattern() + "' matches but allows " + e.app.describe() +
                  (with ? ", not '" + *with + "'" : ", and no application was named");
      continue;
    }
    if (local && e.glob.literal_scheme() != *scheme) {
      near_miss = "the entry '" + e.glob.pattern() + "' matches, but a " + *scheme +
                  ": URL is allowed only by an entry that names the scheme (\"" + *scheme + ":...\")";
      continue;
    }
    return {true, {}};
  }
  if (!near_miss.empty()) return {false, "URL " + quoted + ": " + near_miss};
  return {false, "URL " + quoted + " matches no url entry of the opener scope (allow-default-urls allows "
                 "mailto:, tel:, http: and https: URLs)"};
}

}  // namespace warden::opener_plugin
