#include "plugin/path_scope.hpp"

#include <boost/json.hpp>

namespace warden::plugin {
namespace json = boost::json;
namespace {

PathGlob::Component literal_component(std::string_view text) {
  PathGlob::Component c;
  c.literal_leading_dot = !text.empty() && text.front() == '.';
  for (char ch : text) c.tokens.push_back({PathGlob::Token::literal, ch, {}, false});
  return c;
}

PathGlob::Component glob_component(std::string_view text) {
  PathGlob::Component c;
  if (text == "**") {
    c.globstar = true;
    return c;
  }
  c.literal_leading_dot = !text.empty() && text.front() == '.';
  for (std::size_t i = 0; i < text.size(); ++i) {
    char ch = text[i];
    if (ch == '*') {
      while (i + 1 < text.size() && text[i + 1] == '*') ++i;  // "a**b" inside a component is "a*b"
      c.tokens.push_back({PathGlob::Token::any_sequence, 0, {}, false});
    } else if (ch == '?') {
      c.tokens.push_back({PathGlob::Token::any_char, 0, {}, false});
    } else if (ch == '[') {
      std::size_t j = i + 1;
      bool negated = j < text.size() && (text[j] == '!' || text[j] == '^');
      if (negated) ++j;
      std::size_t first = j;
      if (j < text.size() && text[j] == ']') ++j;  // "[]a]": ']' first is a member
      while (j < text.size() && text[j] != ']') ++j;
      if (j >= text.size()) {  // unclosed: a literal '['
        c.tokens.push_back({PathGlob::Token::literal, '[', {}, false});
        continue;
      }
      std::string set;
      for (std::size_t k = first; k < j; ++k) {
        if (k + 2 < j && text[k + 1] == '-') {
          for (int x = static_cast<unsigned char>(text[k]); x <= static_cast<unsigned char>(text[k + 2]); ++x)
            set += static_cast<char>(x);
          k += 2;
        } else {
          set += text[k];
        }
      }
      c.tokens.push_back({PathGlob::Token::char_class, 0, set, negated});
      i = j;
    } else {
      c.tokens.push_back({PathGlob::Token::literal, ch, {}, false});
    }
  }
  return c;
}

bool token_matches_char(const PathGlob::Token& t, char ch) {
  switch (t.kind) {
    case PathGlob::Token::literal: return t.c == ch;
    case PathGlob::Token::any_char: return true;
    case PathGlob::Token::char_class: return (t.set.find(ch) != std::string::npos) != t.negated;
    case PathGlob::Token::any_sequence: return false;
  }
  return false;
}

bool segment_matches(const std::vector<PathGlob::Token>& tokens, std::size_t ti, std::string_view s, std::size_t si) {
  while (ti < tokens.size()) {
    const auto& t = tokens[ti];
    if (t.kind == PathGlob::Token::any_sequence) {
      for (std::size_t k = si; k <= s.size(); ++k)
        if (segment_matches(tokens, ti + 1, s, k)) return true;
      return false;
    }
    if (si >= s.size() || !token_matches_char(t, s[si])) return false;
    ++ti;
    ++si;
  }
  return si == s.size();
}

bool components_match(const std::vector<PathGlob::Component>& pat, std::size_t pi,
                      const std::vector<std::string_view>& path, std::size_t xi, const GlobOptions& o) {
  if (pi == pat.size()) return xi == path.size();
  const auto& c = pat[pi];
  if (c.globstar) {
    // Zero or more components, none hidden when the leading-dot rule is on. A trailing "**"
    // needs at least one: as with Tauri's globs, "/x/**" is what is below /x, not /x itself
    // (which is why scopes list "$HOME" and "$HOME/**", and why a deny of "$X/**" leaves $X).
    std::size_t first = pi + 1 == pat.size() ? xi + 1 : xi;
    if (first > path.size()) return false;
    if (first > xi && o.require_literal_leading_dot && path[xi].front() == '.') return false;
    for (std::size_t k = first; k <= path.size(); ++k) {
      if (components_match(pat, pi + 1, path, k, o)) return true;
      if (k < path.size() && o.require_literal_leading_dot && path[k].front() == '.') return false;
    }
    return false;
  }
  if (xi >= path.size()) return false;
  std::string_view part = path[xi];
  if (o.require_literal_leading_dot && part.front() == '.' && !c.literal_leading_dot) return false;
  if (!segment_matches(c.tokens, 0, part, 0)) return false;
  return components_match(pat, pi + 1, path, xi + 1, o);
}

// The scope's allow and deny entries, appended to `allow` / `deny`. false when malformed.
bool collect(const json::value& scope, std::vector<const json::value*>& allow, std::vector<const json::value*>& deny) {
  if (scope.is_null()) return true;
  if (!scope.is_object()) return false;
  for (const auto& kv : scope.get_object()) {
    if (kv.key() != "allow" && kv.key() != "deny") return false;
    if (kv.value().is_null()) continue;
    if (!kv.value().is_array()) return false;
    auto& into = kv.key() == "allow" ? allow : deny;
    for (const auto& e : kv.value().get_array()) into.push_back(&e);
  }
  return true;
}

std::optional<std::string_view> entry_pattern(const json::value& e) {
  if (e.is_string()) return std::string_view(e.get_string());
  if (e.is_object())
    if (auto* p = e.get_object().if_contains("path"); p && p->is_string()) return std::string_view(p->get_string());
  return std::nullopt;
}

// `path` is `base` or lies below it (both absolute and normalised).
bool is_within(std::string_view path, std::string_view base) {
  if (base == "/") return true;
  return path.starts_with(base) && (path.size() == base.size() || path[base.size()] == '/');
}

}  // namespace

bool is_private_path(std::string_view canonical, const PathEnvironment& env) {
  for (const auto& entry : env.private_paths) {
    auto written = resolve_path(entry, env);
    if (!written) continue;
    if (is_within(canonical, written->string())) return true;
    if (auto real = canonical_path(written->string()); real && is_within(canonical, *real)) return true;
  }
  return false;
}

std::optional<PathGlob> PathGlob::compile(std::string_view pattern, const PathEnvironment& env, GlobOptions options) {
  auto expanded = expand_path_variable(pattern, env);
  if (!expanded) return std::nullopt;
  PathGlob g;
  g.options_ = options;
  const std::string base = expanded->base.string();  // the views below point into it
  for (auto part : path_components(base)) g.components_.push_back(literal_component(part));
  for (auto part : path_components(expanded->rest)) {
    if (part == ".") continue;
    if (part == "..") return std::nullopt;  // patterns must not climb
    g.components_.push_back(glob_component(part));
  }
  return g;
}

bool PathGlob::matches(std::string_view path) const {
  if (path.empty() || path.front() != '/') return false;
  auto parts = path_components(path);
  return components_match(components_, 0, parts, 0, options_);
}

std::optional<PathGlob> PathGlob::canonical_variant() const {
  // The leading components that are plain text name one directory; resolve as much of it as
  // exists, so a pattern written through a symlinked folder ($TEMP on a system where /tmp is a
  // link) still matches the canonical paths it is compared with.
  std::size_t literal = 0;
  std::string prefix;
  for (; literal < components_.size(); ++literal) {
    const auto& c = components_[literal];
    if (c.globstar) break;
    bool plain = true;
    std::string text;
    for (const auto& t : c.tokens) {
      if (t.kind != Token::literal) plain = false;
      text += t.c;
    }
    if (!plain) break;
    prefix += "/" + text;
  }
  if (prefix.empty()) return std::nullopt;
  auto resolved = canonical_path(prefix);
  if (!resolved || *resolved == prefix) return std::nullopt;
  PathGlob g;
  g.options_ = options_;
  for (auto part : path_components(*resolved)) g.components_.push_back(literal_component(part));
  g.components_.insert(g.components_.end(), components_.begin() + static_cast<std::ptrdiff_t>(literal),
                       components_.end());
  return g;
}


namespace {

PathJudgment refusal(ScopeDecision decision, std::string reason) { return {decision, {}, std::move(reason)}; }

// The scope's allow and deny entries, joined over "command" and "global" when it has them.
bool entries_of(const json::value& scopes, std::vector<const json::value*>& allow, std::vector<const json::value*>& deny) {
  if (!scopes.is_object()) return false;
  const auto& o = scopes.get_object();
  if (!o.contains("command") && !o.contains("global")) return collect(scopes, allow, deny);
  for (const auto& kv : o) {
    if (kv.key() != "command" && kv.key() != "global") return false;
    if (!collect(kv.value(), allow, deny)) return false;
  }
  return true;
}

struct CompiledGlob {
  PathGlob glob;
  std::string_view written;  // the entry as the scope has it, for the reason
};

// Each pattern as written and, when its plain-text folder goes through a symlink, as resolved.
// The entry that cannot be compiled, when one cannot.
std::optional<std::string> compile_all(const std::vector<const json::value*>& entries, const PathEnvironment& env,
                                       GlobOptions options, std::vector<CompiledGlob>& out) {
  for (const json::value* e : entries) {
    auto pattern = entry_pattern(*e);
    if (!pattern) return json::serialize(*e);
    auto g = PathGlob::compile(*pattern, env, options);
    if (!g) return std::string(*pattern);
    if (auto resolved = g->canonical_variant()) out.push_back({std::move(*resolved), *pattern});
    out.push_back({std::move(*g), *pattern});
  }
  return std::nullopt;
}

}  // namespace

PathJudgment judge_path(std::string_view path, const json::value& scopes, const PathEnvironment& env,
                        GlobOptions options) {
  std::vector<const json::value*> allow, deny;
  if (!entries_of(scopes, allow, deny))
    return refusal(ScopeDecision::malformed, "the scopes are not {\"allow\": [...], \"deny\": [...]} objects");
  std::vector<CompiledGlob> allow_globs, deny_globs;
  for (auto [list, out] : {std::pair{&allow, &allow_globs}, std::pair{&deny, &deny_globs}})
    if (auto bad = compile_all(*list, env, options, *out))
      return refusal(ScopeDecision::malformed, "the scope entry '" + *bad + "' is not an absolute path pattern "
                                               "(with a known leading variable and no '..')");

  const std::string shown(path);
  auto canonical = canonical_path(path);
  if (!canonical)
    return refusal(ScopeDecision::denied, "'" + shown + "' cannot be resolved (a broken or looping link, "
                                          "'..' after a missing folder, or a folder that cannot be examined)");
  if (is_private_path(*canonical, env))
    return refusal(ScopeDecision::denied, "'" + *canonical + "' belongs to the host (a host-private folder), "
                                          "whatever the scope says");
  for (const auto& g : deny_globs)
    if (g.glob.matches(*canonical))
      return refusal(ScopeDecision::denied, "'" + *canonical + "' is denied by the scope entry '" + std::string(g.written) + "'");
  for (const auto& g : allow_globs)
    if (g.glob.matches(*canonical)) return {ScopeDecision::allowed, *canonical, {}};
  return refusal(ScopeDecision::denied, "'" + *canonical + "' matches no allow entry of the scope");
}

ScopeDecision path_in_scope(std::string_view path, const json::value& scopes, const PathEnvironment& env,
                            GlobOptions options) {
  return judge_path(path, scopes, env, options).decision;
}

}  // namespace warden::plugin
