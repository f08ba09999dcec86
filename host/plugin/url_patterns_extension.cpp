// warden.url-patterns/1 (sdk/include/warden/ext/url_patterns.h): a plugin's URL scope judged by
// the host's one URL matcher (acl::UrlPattern, the matcher of capabilities' remote URLs), so a
// pattern means the same in a capability and in a plugin's scope. A plugin calls this per request
// with the same few patterns: compiled patterns are kept in a small cache shared by all plugins.
#include <cstring>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <variant>

#include "acl/error.hpp"
#include "acl/url_pattern.hpp"
#include "acl/whatwg_url.hpp"
#include "plugin/host_extensions.hpp"
#include "warden/ext/url_patterns.h"

namespace warden::plugin {
namespace {

// A pattern's compiled form, or why it does not parse (a malformed pattern is remembered too, so
// a plugin retrying it per request does not re-parse it either).
using Compiled = std::variant<std::shared_ptr<const acl::UrlPattern>, std::string>;

// [any-thread] The most recently used patterns, at most kCapacity of them: a plugin's scope has a
// handful, and a plugin that passes ever-new patterns cannot grow the host's memory.
class CompiledPatterns {
 public:
  static constexpr std::size_t kCapacity = 256;

  Compiled get(const std::string& pattern) {
    {
      std::lock_guard lock(mutex_);
      if (auto it = index_.find(pattern); it != index_.end()) {
        order_.splice(order_.begin(), order_, it->second);
        return it->second->second;
      }
    }
    Compiled compiled = compile(pattern);  // outside the lock: a regexp group may be slow to build
    std::lock_guard lock(mutex_);
    if (index_.find(pattern) == index_.end()) {
      order_.emplace_front(pattern, compiled);
      index_.emplace(order_.front().first, order_.begin());
      if (order_.size() > kCapacity) {
        index_.erase(order_.back().first);
        order_.pop_back();
      }
    }
    return compiled;
  }

 private:
  static Compiled compile(const std::string& pattern) {
    try {
      return std::make_shared<const acl::UrlPattern>(acl::UrlPattern::parse(pattern));
    } catch (const acl::Error& e) {
      return e.detail();  // "invalid URL pattern '<pattern>': <why>"
    } catch (const std::exception& e) {
      return "URL pattern '" + pattern + "' could not be compiled: " + e.what();
    }
  }

  std::mutex mutex_;
  std::list<std::pair<std::string, Compiled>> order_;  // most recent first
  std::unordered_map<std::string_view, std::list<std::pair<std::string, Compiled>>::iterator> index_;
};

CompiledPatterns& compiled_patterns() {
  static CompiledPatterns cache;
  return cache;
}

int refuse(char** error, const std::string& why) {
  if (error) *error = ::strdup(why.c_str());  // released by the host's free_string
  return -1;
}

// [any-thread]
int matches(const warden_host* host, const char* pattern, const char* url, char** error) {
  if (error) *error = nullptr;
  if (!host || !pattern || !url) return refuse(error, "warden.url-patterns/1 matches() needs the host, a pattern and a URL");
  try {
    const Compiled compiled = compiled_patterns().get(pattern);
    if (const auto* why = std::get_if<std::string>(&compiled)) return refuse(error, *why);
    const auto& matcher = *std::get<std::shared_ptr<const acl::UrlPattern>>(compiled);
    if (matcher.matches(url)) return 1;
    // Not a match; say why when the URL itself is the reason, since no pattern could match it.
    // The URL is not echoed: it may come from a page.
    if (!acl::whatwg::parse_url(url))
      return refuse(error, "the URL is not an absolute URL with a host (Warden's URL patterns match no other)");
    return 0;
  } catch (const std::exception& e) {  // allocation failure: no verdict, so no match
    return refuse(error, std::string("URL pattern matching failed: ") + e.what());
  }
}

constexpr warden_host_url_patterns vtable{sizeof(warden_host_url_patterns), matches};

}  // namespace

const void* url_patterns_extension() { return &vtable; }

}  // namespace warden::plugin
