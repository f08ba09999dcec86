#include "child_limits.hpp"

#include <limits>

#include <boost/json.hpp>

namespace json = boost::json;

namespace warden::shell_plugin {
namespace {

std::size_t cap_field(const json::object& o, std::string_view key, std::size_t fallback) {
  const json::value* v = o.if_contains(key);
  if (!v || v->is_null()) return fallback;
  std::int64_t n = 0;
  if (v->is_int64()) n = v->get_int64();
  else if (v->is_uint64() && v->get_uint64() <= static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
    n = static_cast<std::int64_t>(v->get_uint64());
  if (n < 1 || !(v->is_int64() || v->is_uint64()))
    throw std::invalid_argument("plugins.shell." + std::string(key) + " must be an integer of 1 or more (children running at once)");
  return static_cast<std::size_t>(n);
}

}  // namespace

ChildCaps parse_child_caps(const json::value& config) {
  ChildCaps caps;
  const json::object* o = config.if_object();
  if (!o) return caps;  // parse_open_config refuses what is not an object
  caps.per_page = cap_field(*o, "maxChildrenPerPage", caps.per_page);
  caps.per_app = cap_field(*o, "maxChildrenPerApp", std::max(caps.per_app, caps.per_page));
  if (caps.per_page > caps.per_app)
    throw std::invalid_argument("plugins.shell.maxChildrenPerPage (" + std::to_string(caps.per_page) +
                                ") is more than plugins.shell.maxChildrenPerApp (" + std::to_string(caps.per_app) + ")");
  return caps;
}

ChildSlot::ChildSlot(std::weak_ptr<ChildLimits> limits, std::string page)
    : limits_(std::move(limits)), page_(std::move(page)) {}

ChildSlot::~ChildSlot() { release(); }

void ChildSlot::release() {
  std::lock_guard lock(mutex_);
  if (auto limits = limits_.lock()) limits->give_back(page_);
  limits_.reset();
}

std::shared_ptr<ChildLimits> ChildLimits::create(ChildCaps caps) {
  return std::shared_ptr<ChildLimits>(new ChildLimits(caps));
}

std::shared_ptr<ChildSlot> ChildLimits::reserve(const std::string& page) {
  std::lock_guard lock(mutex_);
  std::size_t& mine = per_page_[page];
  if (mine >= caps_.per_page) {
    throw ChildLimitReached("this page already runs " + std::to_string(mine) +
                            " children, the most plugins.shell.maxChildrenPerPage allows; wait for one to exit "
                            "or kill one");
  }
  if (total_ >= caps_.per_app) {
    if (mine == 0) per_page_.erase(page);
    throw ChildLimitReached("the app already runs " + std::to_string(total_) +
                            " children, the most plugins.shell.maxChildrenPerApp allows; wait for one to exit "
                            "or kill one");
  }
  ++mine;
  ++total_;
  return std::make_shared<ChildSlot>(weak_from_this(), page);
}

void ChildLimits::give_back(const std::string& page) {
  std::lock_guard lock(mutex_);
  auto it = per_page_.find(page);
  if (it == per_page_.end() || it->second == 0) return;
  if (--it->second == 0) per_page_.erase(it);
  --total_;
}

std::size_t ChildLimits::running(const std::string& page) const {
  std::lock_guard lock(mutex_);
  auto it = per_page_.find(page);
  return it == per_page_.end() ? 0 : it->second;
}

std::size_t ChildLimits::running() const {
  std::lock_guard lock(mutex_);
  return total_;
}

ChildEvents releasing_on_exit(std::shared_ptr<ChildSlot> slot, ChildEvents events) {
  auto exited = std::move(events.exited);
  events.exited = [slot = std::move(slot), exited = std::move(exited)](const ExitStatus& status) {
    slot->release();
    if (exited) exited(status);
  };
  return events;
}

}  // namespace warden::shell_plugin
