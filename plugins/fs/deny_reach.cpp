#include "deny_reach.hpp"

#include <fnmatch.h>

#include <boost/json.hpp>

#include "scoped_path.hpp"

namespace warden::fs_plugin {
namespace json = boost::json;
namespace {

using Components = std::vector<std::string>;

Components split(std::string_view path) {
  Components out;
  for (auto part : warden::scoped_file::components(path))
    if (part != ".") out.emplace_back(part);
  return out;
}

bool has_glob(std::string_view component) { return component.find_first_of("*?[") != std::string_view::npos; }

// Whether pattern[i..] can match path[j..] exactly (below == false), or path[j..] followed by one
// or more components of any name (below == true). `**` stands for zero or more components, except
// that a trailing `**` needs one: `X/**` matches what is inside X, not X itself, as the host's
// matcher has it. Each (i, j) is decided once, so a page's deep path costs at most
// pattern x path steps whatever the number of `**`.
class Matcher {
 public:
  Matcher(const Components& pattern, const Components& path, bool below)
      : pattern_(pattern), path_(path), below_(below), known_((pattern.size() + 1) * (path.size() + 1), 0) {}
  bool run() { return at(0, 0); }

 private:
  bool at(std::size_t i, std::size_t j) {
    char& known = known_[i * (path_.size() + 1) + j];
    if (known == 0) known = decide(i, j) ? 1 : 2;
    return known == 1;
  }
  bool decide(std::size_t i, std::size_t j) {
    // Below the path, any remaining component can be given a name it matches.
    if (j == path_.size()) return below_ ? i < pattern_.size() : i == pattern_.size();
    if (i == pattern_.size()) return false;
    if (pattern_[i] == "**") return at(i + 1, j) || at(i, j + 1) || at(i + 1, j + 1);
    return ::fnmatch(pattern_[i].c_str(), path_[j].c_str(), 0) == 0 && at(i + 1, j + 1);
  }

  const Components& pattern_;
  const Components& path_;
  bool below_;
  std::vector<char> known_;  // 0 unknown, 1 matches, 2 does not
};

bool can_match(const Components& pattern, const Components& path, bool below) {
  return Matcher(pattern, path, below).run();
}

// "$VAR/rest" expanded, or the path as written when it has no variable.
std::string expand(const std::string& entry, const VariableResolver& resolve) {
  if (entry.empty() || entry[0] != '$') return entry;
  auto slash = entry.find('/');
  std::string variable = entry.substr(1, slash == std::string::npos ? std::string::npos : slash - 1);
  auto base = resolve(variable);
  if (!base) refuse_scope("the deny entry '" + entry + "' names an unknown path variable");
  return slash == std::string::npos ? *base : *base + entry.substr(slash);
}

void add_denies(const json::value* scope, const VariableResolver& resolve, const Canonicalizer& canonical,
                std::vector<Components>& out) {
  if (!scope || scope->is_null()) return;
  if (!scope->is_object()) refuse_scope("unreadable scope: expected {\"allow\", \"deny\"}");
  const auto* deny = scope->get_object().if_contains("deny");
  if (!deny || deny->is_null()) return;
  if (!deny->is_array()) refuse_scope("unreadable scope: \"deny\" is not a list");
  for (const auto& entry : deny->get_array()) {
    const json::value* path = &entry;
    if (entry.is_object()) path = entry.get_object().if_contains("path");
    // A deny that is not a path (another plugin's shape) cannot be judged here: refuse.
    if (!path || !path->is_string()) refuse_scope("unreadable deny entry " + json::serialize(entry));
    std::string expanded = expand(std::string(path->get_string()), resolve);
    if (expanded.empty() || expanded[0] != '/') refuse_scope("the deny entry '" + std::string(path->get_string()) + "' is not absolute");
    Components pattern = split(expanded);
    out.push_back(pattern);
    // The host matches a pattern also with its plain leading folders resolved through symlinks
    // ($TEMP where /tmp is a link); so does this.
    std::string prefix;
    std::size_t literal = 0;
    for (; literal < pattern.size() && !has_glob(pattern[literal]); ++literal) prefix += "/" + pattern[literal];
    if (prefix.empty()) continue;
    auto resolved = canonical(prefix);
    if (!resolved || *resolved == prefix) continue;
    Components variant = split(*resolved);
    variant.insert(variant.end(), pattern.begin() + static_cast<std::ptrdiff_t>(literal), pattern.end());
    out.push_back(std::move(variant));
  }
}

}  // namespace

DenyReach DenyReach::from_scopes(std::string_view scopes_json, const VariableResolver& resolve,
                                 const Canonicalizer& canonical) {
  boost::system::error_code ec;
  json::value scopes = json::parse(scopes_json, ec);
  if (ec || !scopes.is_object()) refuse_scope("unreadable scopes");
  DenyReach out;
  const auto& o = scopes.get_object();
  if (o.contains("command") || o.contains("global")) {
    add_denies(o.if_contains("command"), resolve, canonical, out.patterns_);
    add_denies(o.if_contains("global"), resolve, canonical, out.patterns_);
  } else {
    add_denies(&scopes, resolve, canonical, out.patterns_);
  }
  return out;
}

bool DenyReach::reaches_below(const std::string& folder) const {
  Components path = split(folder);
  for (const auto& pattern : patterns_)
    if (can_match(pattern, path, true)) return true;
  return false;
}

bool DenyReach::matches(const std::string& path) const {
  Components parts = split(path);
  for (const auto& pattern : patterns_)
    if (can_match(pattern, parts, false)) return true;
  return false;
}

bool DenyReach::covers_every_entry(const std::string& folder) const {
  // A name no literal or bracket pattern is written for: only `*`, `**` and the like match it.
  return matches(folder + "/\x01\x02warden-any-entry");
}

}  // namespace warden::fs_plugin
