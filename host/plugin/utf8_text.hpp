#pragma once
// Whether bytes are well-formed UTF-8: the rule for every path the host hands a plugin or takes
// from one (warden.path-scope/1's answers, warden.grants/1's grants), since plugins put those
// paths in JSON and the host puts them in scope entries and audit lines.
#include <string_view>

namespace warden::plugin {

// [any-thread] No overlong forms, no surrogates (U+D800..U+DFFF), nothing past U+10FFFF, no
// sequence cut short at the end.
bool is_utf8(std::string_view s);

}  // namespace warden::plugin
