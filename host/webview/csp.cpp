#include "webview/csp.hpp"

#include <algorithm>

#include <glib.h>

#include "warden/ascii.hpp"

namespace warden::webview {
namespace {

// ASCII only: through <cctype>, a Turkish locale lowered "SCRIPT-SRC" to "scr\xfdpt-src", a
// directive no browser knows, and the app's script rule gave way to default-src's sources.
std::string lower(std::string_view s) { return warden::ascii_lower(s); }

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

CspDirective* find(CspPolicy& policy, std::string_view name) {
  for (auto& d : policy)
    if (d.name == name) return &d;
  return nullptr;
}

bool contains(const std::vector<std::string>& sources, std::string_view s) {
  return std::any_of(sources.begin(), sources.end(), [&](const std::string& x) { return lower(x) == s; });
}

// The directive that governs `name` (itself, else default-src), created from default-src when
// only the fallback exists. nullptr when nothing restricts it.
CspDirective* effective(CspPolicy& policy, std::string_view name) {
  if (auto* d = find(policy, name)) return d;
  auto* fallback = find(policy, "default-src");
  if (!fallback) return nullptr;
  std::vector<std::string> sources = fallback->sources;
  policy.push_back({std::string(name), std::move(sources)});
  return &policy.back();
}

void add_hashes(CspPolicy& policy, std::string_view name, const std::vector<std::string>& hashes, bool create) {
  if (hashes.empty()) return;
  CspDirective* d = create ? effective(policy, name) : find(policy, name);
  if (!d || contains(d->sources, "'unsafe-inline'")) return;
  for (auto& h : hashes)
    if (!contains(d->sources, lower(h))) d->sources.push_back(h);
}

// frame-src falls back to child-src, then default-src: the one in force gets isolation:, as a new
// frame-src when it is a fallback (so the fallback keeps governing what it governed before).
void add_isolation_frame(CspPolicy& policy) {
  CspDirective* d = find(policy, "frame-src");
  if (!d) {
    CspDirective* fallback = find(policy, "child-src");
    if (!fallback) fallback = find(policy, "default-src");
    if (!fallback) return;  // frames are not restricted
    std::vector<std::string> sources = fallback->sources;
    policy.push_back({"frame-src", std::move(sources)});
    d = &policy.back();
  }
  if (contains(d->sources, "isolation:") || contains(d->sources, "isolation://localhost")) return;
  d->sources.erase(std::remove_if(d->sources.begin(), d->sources.end(),
                                  [](const std::string& s) { return lower(s) == "'none'"; }),
                   d->sources.end());
  d->sources.push_back("isolation:");
}

// Index of `needle` in `hay` from `from`, ASCII case-insensitive; npos when absent.
size_t ifind(std::string_view hay, std::string_view needle, size_t from) {
  if (needle.size() > hay.size()) return std::string_view::npos;
  for (size_t i = from; i + needle.size() <= hay.size(); ++i) {
    bool match = true;
    for (size_t j = 0; j < needle.size() && match; ++j)
      match = warden::ascii_lower(hay[i + j]) == needle[j];
    if (match) return i;
  }
  return std::string_view::npos;
}

// Does the start tag text (between "<script" and ">") have a `src` attribute?
bool has_src_attribute(std::string_view tag) {
  std::string t = lower(tag);
  for (size_t i = t.find("src"); i != std::string::npos; i = t.find("src", i + 1)) {
    bool starts = i > 0 && (is_space(t[i - 1]) || t[i - 1] == '/');
    size_t k = i + 3;
    while (k < t.size() && is_space(t[k])) ++k;
    bool ends = k >= t.size() || t[k] == '=' || t[k] == '/' || is_space(t[i + 3]);
    if (starts && ends) return true;
  }
  return false;
}

// The end of a start tag beginning at `from` (index of its '>'), skipping quoted attribute values.
size_t tag_end(std::string_view html, size_t from) {
  char quote = 0;
  for (size_t i = from; i < html.size(); ++i) {
    char c = html[i];
    if (quote) {
      if (c == quote) quote = 0;
    } else if (c == '"' || c == '\'') {
      quote = c;
    } else if (c == '>') {
      return i;
    }
  }
  return std::string_view::npos;
}

}  // namespace

CspPolicy parse_csp(std::string_view text) {
  CspPolicy policy;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find(';', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view part = text.substr(start, end - start);
    std::vector<std::string> tokens;
    size_t i = 0;
    while (i < part.size()) {
      while (i < part.size() && is_space(part[i])) ++i;
      size_t j = i;
      while (j < part.size() && !is_space(part[j])) ++j;
      if (j > i) tokens.emplace_back(part.substr(i, j - i));
      i = j;
    }
    if (!tokens.empty()) {
      std::string name = lower(tokens.front());
      if (!find(policy, name)) policy.push_back({name, {tokens.begin() + 1, tokens.end()}});
    }
    start = end + 1;
  }
  return policy;
}

std::string serialize_csp(const CspPolicy& policy) {
  std::string out;
  for (auto& d : policy) {
    if (!out.empty()) out += "; ";
    out += d.name;
    for (auto& s : d.sources) out += " " + s;
  }
  return out;
}

bool CspModification::allows(std::string_view directive) const {
  if (disabled) return false;
  return std::none_of(disabled_directives.begin(), disabled_directives.end(),
                      [&](const std::string& d) { return lower(d) == directive; });
}

std::string csp_hash(std::string_view text) {
  GChecksum* sum = g_checksum_new(G_CHECKSUM_SHA256);
  g_checksum_update(sum, reinterpret_cast<const guchar*>(text.data()), static_cast<gssize>(text.size()));
  guint8 digest[32];
  gsize length = sizeof digest;
  g_checksum_get_digest(sum, digest, &length);
  g_checksum_free(sum);
  gchar* b64 = g_base64_encode(digest, length);
  std::string out = "'sha256-" + std::string(b64) + "'";
  g_free(b64);
  return out;
}

InlineHashes inline_hashes(std::string_view html) {
  InlineHashes out;
  size_t i = 0;
  while (i < html.size()) {
    size_t lt = html.find('<', i);
    if (lt == std::string_view::npos) break;
    if (html.compare(lt, 4, "<!--") == 0) {  // comments hide tags
      size_t end = html.find("-->", lt + 4);
      if (end == std::string_view::npos) break;
      i = end + 3;
      continue;
    }
    bool script = ifind(html.substr(lt, 7), "<script", 0) == 0;
    bool style = !script && ifind(html.substr(lt, 6), "<style", 0) == 0;
    size_t name_end = lt + (script ? 7 : 6);
    if ((!script && !style) || name_end >= html.size() ||
        !(is_space(html[name_end]) || html[name_end] == '>' || html[name_end] == '/')) {
      i = lt + 1;
      continue;
    }
    size_t gt = tag_end(html, name_end);
    if (gt == std::string_view::npos) break;
    size_t close = ifind(html, script ? "</script" : "</style", gt + 1);
    if (close == std::string_view::npos) break;
    std::string_view content = html.substr(gt + 1, close - gt - 1);
    if (style)
      out.styles.push_back(csp_hash(content));
    else if (!has_src_attribute(html.substr(name_end, gt - name_end)))
      out.scripts.push_back(csp_hash(content));
    i = close + 1;
  }
  auto dedup = [](std::vector<std::string>& v) {
    std::vector<std::string> seen;
    for (auto& s : v)
      if (std::find(seen.begin(), seen.end(), s) == seen.end()) seen.push_back(s);
    v = std::move(seen);
  };
  dedup(out.scripts);
  dedup(out.styles);
  return out;
}

std::string asset_csp(const CspPolicy& base, const InlineHashes& hashes, const CspModification& modification) {
  CspPolicy policy = base;
  if (modification.allows("script-src")) add_hashes(policy, "script-src", hashes.scripts, true);
  if (modification.allows("script-src-elem")) add_hashes(policy, "script-src-elem", hashes.scripts, false);
  if (modification.allows("style-src")) add_hashes(policy, "style-src", hashes.styles, true);
  if (modification.allows("style-src-elem")) add_hashes(policy, "style-src-elem", hashes.styles, false);
  if (modification.isolation_frame && modification.allows("frame-src")) add_isolation_frame(policy);
  // frame-ancestors has no fallback (default-src does not govern it): absent means anyone.
  if (!modification.frame_ancestors.empty() && !find(policy, "frame-ancestors"))
    policy.push_back({"frame-ancestors", modification.frame_ancestors});
  return serialize_csp(policy);
}

}  // namespace warden::webview
