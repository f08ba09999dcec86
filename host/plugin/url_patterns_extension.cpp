// warden.url-patterns/1 (sdk/include/warden/ext/url_patterns.h). Placeholder until issue 20's
// implementation lands: every pattern is refused as unparsable, so nothing matches.
#include <cstring>

#include "plugin/host_extensions.hpp"
#include "warden/ext/url_patterns.h"

namespace warden::plugin {
namespace {

int matches(const warden_host*, const char*, const char*, char** error) {
  if (error) *error = ::strdup("warden.url-patterns/1 is not implemented yet");
  return -1;
}

constexpr warden_host_url_patterns vtable{sizeof(warden_host_url_patterns), matches};

}  // namespace

const void* url_patterns_extension() { return &vtable; }

}  // namespace warden::plugin
