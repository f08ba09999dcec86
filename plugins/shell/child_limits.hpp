#pragma once
// How many children may run at once, per page and per app (plugins.shell.maxChildrenPerPage and
// maxChildrenPerApp). Each running child holds three pipes in the host: without a cap, one page
// granted spawn used up the host's open files (327 children under a soft limit of 1,024), and then
// every window's fs, store and shell work failed with "too many open files" (issue 13, finding 8).
// execute and spawn take a slot until their child has exited; open's children hold no pipes and
// are not the app's to supervise, so they take none.
#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>

#include <boost/json/value.hpp>

#include "process_loop.hpp"

namespace warden::shell_plugin {

// 32 per page: far above what a page runs at once in practice (a helper, a build, a few queries),
// low enough that one page's children are ~100 of the host's descriptors. 128 per app: four such
// pages, ~400 descriptors, which still leaves room under a soft limit of 1,024 where the host
// cannot raise it.
inline constexpr std::size_t kDefaultMaxChildrenPerPage = 32;
inline constexpr std::size_t kDefaultMaxChildrenPerApp = 128;

struct ChildCaps {
  std::size_t per_page = kDefaultMaxChildrenPerPage;
  std::size_t per_app = kDefaultMaxChildrenPerApp;
};

// maxChildrenPerPage and maxChildrenPerApp of plugins.shell (other fields are parse_open_config's).
// Throws std::invalid_argument naming the field: not an integer of 1 or more, or a page cap above
// the app's.
ChildCaps parse_child_caps(const boost::json::value& config);

// A child refused because a cap is reached; the message names the setting that allows more.
class ChildLimitReached : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class ChildLimits;

// One running child's place in the counts, given back by release() or when the last copy goes.
class ChildSlot {
 public:
  ChildSlot(std::weak_ptr<ChildLimits> limits, std::string page);
  ~ChildSlot();
  ChildSlot(const ChildSlot&) = delete;
  ChildSlot& operator=(const ChildSlot&) = delete;
  void release();  // once; later calls do nothing

 private:
  std::mutex mutex_;
  std::weak_ptr<ChildLimits> limits_;
  std::string page_;
};

class ChildLimits : public std::enable_shared_from_this<ChildLimits> {
 public:
  static std::shared_ptr<ChildLimits> create(ChildCaps caps);

  // A slot for one more running child of `page` (the webview that asks); throws ChildLimitReached
  // when the page or the app already runs as many as its cap allows.
  std::shared_ptr<ChildSlot> reserve(const std::string& page);
  std::size_t running(const std::string& page) const;
  std::size_t running() const;
  const ChildCaps& caps() const { return caps_; }

 private:
  friend class ChildSlot;
  explicit ChildLimits(ChildCaps caps) : caps_(caps) {}
  void give_back(const std::string& page);

  const ChildCaps caps_;
  mutable std::mutex mutex_;
  std::map<std::string, std::size_t, std::less<>> per_page_;
  std::size_t total_ = 0;
};

// The child's events, releasing `slot` as it exits (before the caller's own exited runs).
ChildEvents releasing_on_exit(std::shared_ptr<ChildSlot> slot, ChildEvents events);

}  // namespace warden::shell_plugin
