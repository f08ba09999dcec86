#include "path_judgment.hpp"

#include <boost/json.hpp>

namespace json = boost::json;

namespace warden::opener_plugin {
namespace {

std::string scope_of(const std::string& allow, const OpenerScope& scope) {
  json::array deny;
  for (const auto& d : scope.deny_paths) deny.emplace_back(d.pattern);
  return json::serialize(json::object{{"allow", json::array{json::value(allow)}}, {"deny", std::move(deny)}});
}

// Asks the host about `path` under each candidate entry in turn; the first that allows it wins.
PathJudgment first_allowing(const std::vector<const PathEntry*>& candidates, const OpenerScope& scope,
                            const std::string& path, const PathCheck& check) {
  PathJudgment j;
  bool denied = false;
  for (const PathEntry* e : candidates) {
    std::string canonical, reason;
    int r = check(path, scope_of(e->pattern, scope), canonical, reason);
    if (r == 1) return {true, std::move(canonical), e, {}};
    // A malformed answer (an entry naming an unknown variable) grants nothing; the next entry may.
    // A malformed deny entry is part of every question, so then every answer is a refusal. The
    // reason kept is the first denial, which says more than a malformed entry does.
    if (reason.empty()) reason = "'" + path + "' is out of scope";
    if (r == 0 && !denied) {
      j.reason = reason;
      denied = true;
    } else if (j.reason.empty()) {
      j.reason = reason;
    }
  }
  return j;
}

}  // namespace

PathJudgment judge_open_path(const OpenerScope& scope, const std::string& path, const std::optional<std::string>& with,
                             const PathCheck& check, bool executables_only) {
  std::vector<const PathEntry*> candidates;
  for (const auto& e : scope.allow_paths)
    if (e.app.allows(with) && (e.executables || !executables_only)) candidates.push_back(&e);
  if (candidates.empty() && executables_only)
    return {false, {}, nullptr, "'" + path + "': no path entry with \"executables\": true allows it"};
  if (candidates.empty()) {
    std::string why = scope.allow_paths.empty() ? "the opener scope has no path entry (open_path needs one, e.g. "
                                                  "{\"path\": \"$DOCUMENT/**\"})"
                                                : with ? "no path entry allows opening with '" + *with + "'"
                                                       : "no path entry allows the default application";
    return {false, {}, nullptr, "'" + path + "': " + why};
  }
  return first_allowing(candidates, scope, path, check);
}

PathJudgment judge_reveal_path(const OpenerScope& scope, const std::string& path, const PathCheck& check) {
  if (scope.allow_paths.empty()) {
    static const PathEntry whole_disk{"/**", {}, false};
    PathJudgment j = first_allowing({&whole_disk}, scope, path, check);
    j.entry = nullptr;
    return j;
  }
  std::vector<const PathEntry*> candidates;
  for (const auto& e : scope.allow_paths) candidates.push_back(&e);
  return first_allowing(candidates, scope, path, check);
}

}  // namespace warden::opener_plugin
