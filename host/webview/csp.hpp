#pragma once
// The Content-Security-Policy the host sends with every app:// asset: the app's policy
// (app.security.csp, or devCsp with `warden run --dev`) with what the app needs added, so that a
// strict policy works without 'unsafe-inline':
//   - script-src / style-src (and their -elem variants) get 'sha256-...' of every inline <script>
//     and <style> of the HTML document served (computed when the document is served);
//   - under the isolation pattern, frame-src gets `isolation:` when the policy restricts frames;
//   - frame-ancestors (app.security.frameAncestors, default 'self') when the policy has none, even
//     when the app sets no policy at all: other origins (remote pages) cannot frame the app's
//     pages. Browsers ignore frame-ancestors in a <meta> policy: it works as this header only.
// A directive that is absent but falls back to default-src is created from default-src's sources.
// A directive holding 'unsafe-inline' gets no hashes (a hash would switch 'unsafe-inline' off).
// dangerousDisableAssetCspModification (true, or a list of directives) turns the additions off.
// The bridge and the host's other scripts are WebKit user scripts / API evaluations, which the
// page's CSP does not govern, so no nonce is needed for them (the e2e hardening run checks it).
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace warden::webview {

struct CspDirective {
  std::string name;                  // lowercase
  std::vector<std::string> sources;
};
using CspPolicy = std::vector<CspDirective>;

// "default-src 'self'; img-src *" → directives in order; empty directives are dropped, names
// lowercased; a repeated directive keeps its first occurrence (as browsers do).
CspPolicy parse_csp(std::string_view text);
std::string serialize_csp(const CspPolicy& policy);

struct CspModification {
  bool disabled = false;                      // dangerousDisableAssetCspModification: true
  std::vector<std::string> disabled_directives;  // ... or these directives
  // The isolation pattern is on: frame-src (created from child-src or default-src when absent)
  // gets `isolation:`, so that the bridge's isolation frame may load.
  bool isolation_frame = false;
  // The sources of the frame-ancestors directive added to a policy that has none (the app's own
  // directive wins); empty adds nothing. Not turned off by `disabled`: it is its own setting.
  std::vector<std::string> frame_ancestors;
  bool allows(std::string_view directive) const;
};

struct InlineHashes {
  std::vector<std::string> scripts;  // "'sha256-<base64>'"
  std::vector<std::string> styles;
};

// Hashes of the inline <script> (no src attribute) and <style> elements of an HTML document.
// The hash covers the exact text between the start tag's '>' and the end tag, as CSP says.
InlineHashes inline_hashes(std::string_view html);

// "'sha256-<base64>'" of `text`.
std::string csp_hash(std::string_view text);

// The policy to send for one asset (`hashes` empty for anything but HTML).
std::string asset_csp(const CspPolicy& policy, const InlineHashes& hashes, const CspModification& modification);

}  // namespace warden::webview
