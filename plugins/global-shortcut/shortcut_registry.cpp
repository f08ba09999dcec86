#include "shortcut_registry.hpp"

#include <algorithm>
#include <set>
#include <stdexcept>

namespace warden::global_shortcut {
namespace json = boost::json;

Lease::~Lease() {
  if (registry_) registry_->release(this, ids_);  // ids_: no other thread holds this lease any more
}

void Lease::send(const json::value& message) {
  std::lock_guard lock(send_mutex_);
  channel_.send(message);
}

ShortcutRegistry::ShortcutRegistry(warden::MainThread main_thread) : main_thread_(std::move(main_thread)) {}

std::map<uint32_t, std::shared_ptr<Lease>> ShortcutRegistry::own(warden::Context& ctx) {
  std::vector<std::pair<uint32_t, uint32_t>> candidates;  // id, rid
  {
    std::lock_guard lock(mutex_);
    for (auto& [id, e] : entries_)
      if (e.rid) candidates.emplace_back(id, e.rid);
  }
  std::map<uint32_t, std::shared_ptr<Lease>> out;
  for (auto [id, rid] : candidates)
    if (auto lease = ctx.resource<Lease>(rid)) out[id] = lease;  // null unless the caller's page holds it
  return out;
}

void ShortcutRegistry::register_shortcuts(warden::Context& ctx, const std::vector<std::string>& shortcuts,
                                          const std::string& handler) {
  std::vector<Accelerator> wanted;
  std::set<uint32_t> seen;
  for (const std::string& s : shortcuts) {
    Accelerator a = parse_accelerator(s);
    if (!leaves_typing_alone(a))
      throw std::invalid_argument("shortcut '" + s + "' would take a typing key from every application: a global "
                                  "shortcut needs Control, Alt or Super, unless its key is F1-F24, a media or volume "
                                  "key, PrintScreen, Pause or ScrollLock");
    if (seen.insert(a.id()).second) wanted.push_back(a);
  }
  if (wanted.empty()) throw std::invalid_argument("argument 'shortcuts' must name at least one shortcut");
  size_t own_count = own(ctx).size();
  if (own_count + wanted.size() > kMaxShortcutsPerPage)
    throw std::runtime_error("a page may register at most " + std::to_string(kMaxShortcutsPerPage) +
                             " global shortcuts (it has " + std::to_string(own_count) + ")");
  {
    std::lock_guard lock(mutex_);
    if (entries_.size() + wanted.size() > kMaxShortcuts)
      throw std::runtime_error("the app may register at most " + std::to_string(kMaxShortcuts) + " global shortcuts");
  }
  auto lease = std::make_shared<Lease>(shared_from_this(), ctx.open_channel(handler));
  main_thread_.call([&] {
    std::vector<uint32_t> done;
    try {
      for (const Accelerator& a : wanted) {
        {
          std::lock_guard lock(mutex_);
          if (entries_.contains(a.id())) throw std::runtime_error("shortcut '" + a.canonical() + "' is already registered");
        }
        if (!grabs_) grabs_.emplace([this](uint32_t id, KeyState state) { fired(id, state); });
        grabs_->grab(a);
        std::lock_guard lock(mutex_);
        entries_[a.id()] = Entry{a, 0, lease.get(), lease};
        lease->ids_.push_back(a.id());
        done.push_back(a.id());
      }
    } catch (...) {
      for (uint32_t id : done) remove(id, lease.get());  // all of the call or none of it
      throw;
    }
  });
  uint32_t rid = 0;
  try {
    rid = ctx.add_resource(lease);
  } catch (...) {
    std::vector<uint32_t> ids;
    {
      std::lock_guard lock(mutex_);
      ids = lease->ids_;
    }
    main_thread_.call([&] {
      for (uint32_t id : ids) remove(id, lease.get());
    });
    throw;
  }
  std::lock_guard lock(mutex_);
  lease->rid_ = rid;
  for (uint32_t id : lease->ids_)
    if (auto it = entries_.find(id); it != entries_.end() && it->second.owner == lease.get()) it->second.rid = rid;
}

void ShortcutRegistry::remove(uint32_t id, const Lease* owner) {
  {
    std::lock_guard lock(mutex_);
    auto it = entries_.find(id);
    if (it == entries_.end() || it->second.owner != owner) return;
    entries_.erase(it);
  }
  if (grabs_) grabs_->ungrab(id);
}

void ShortcutRegistry::drop_own(warden::Context& ctx, const std::map<uint32_t, std::shared_ptr<Lease>>& which) {
  if (which.empty()) return;
  main_thread_.call([&] {
    for (auto& [id, lease] : which) remove(id, lease.get());
  });
  // A lease left with nothing registered is closed: the page keeps no resource it cannot use.
  std::map<const Lease*, uint32_t> emptied;
  {
    std::lock_guard lock(mutex_);
    for (auto& [id, lease] : which) {
      auto& ids = lease->ids_;
      ids.erase(std::remove(ids.begin(), ids.end(), id), ids.end());
      if (ids.empty()) emptied[lease.get()] = lease->rid_;
    }
  }
  for (auto& [_, rid] : emptied) ctx.close_resource(rid);
}

void ShortcutRegistry::unregister(warden::Context& ctx, const std::vector<std::string>& shortcuts) {
  std::set<uint32_t> ids;
  for (const std::string& s : shortcuts) ids.insert(parse_accelerator(s).id());
  auto mine = own(ctx);
  std::map<uint32_t, std::shared_ptr<Lease>> which;
  for (uint32_t id : ids)
    if (auto it = mine.find(id); it != mine.end()) which.insert(*it);  // another page's: as if not registered
  drop_own(ctx, which);
}

void ShortcutRegistry::unregister_all(warden::Context& ctx) { drop_own(ctx, own(ctx)); }

bool ShortcutRegistry::is_registered(warden::Context& ctx, const std::string& shortcut) {
  uint32_t id = parse_accelerator(shortcut).id();
  return own(ctx).contains(id);
}

void ShortcutRegistry::fired(uint32_t id, KeyState state) {
  std::shared_ptr<Lease> lease;
  std::string shortcut;
  {
    std::lock_guard lock(mutex_);
    auto it = entries_.find(id);
    if (it == entries_.end()) return;
    lease = it->second.lease.lock();
    shortcut = it->second.accelerator.canonical();
  }
  if (!lease) return;
  lease->send(json::object{{"shortcut", shortcut}, {"id", id}, {"state", state == KeyState::pressed ? "Pressed" : "Released"}});
}

void ShortcutRegistry::release(const Lease* lease, std::vector<uint32_t> ids) {
  if (ids.empty()) return;
  // The grabs are the main thread's; refused only while the plugin shuts down, which ungrabs all.
  auto self = shared_from_this();
  main_thread_.post([self, lease, ids] {
    for (uint32_t id : ids) self->remove(id, lease);
  });
}

void ShortcutRegistry::shut_down() {
  {
    std::lock_guard lock(mutex_);
    entries_.clear();
  }
  grabs_.reset();
}

}  // namespace warden::global_shortcut
