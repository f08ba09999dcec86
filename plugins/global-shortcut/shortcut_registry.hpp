#pragma once
// Who registered which global shortcut. Each register call's shortcuts are one lease, a resource of
// the calling page (warden.resources/1): only that page finds it again, so a page unregisters and
// sees only its own shortcuts (another page's are invisible to it), and the host closes the lease
// when the page goes away (navigation, crash, its window's end), which releases its grabs.
// A press or release goes to the Channel of the page that registered the shortcut, as
// {shortcut, id, state: "Pressed" | "Released"} (what @tauri-apps/plugin-global-shortcut 2.4.0
// hands to its handler).
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include <warden/main_thread.hpp>
#include <warden/plugin.hpp>

#include "accelerator.hpp"
#include "x11_key_grabs.hpp"

namespace warden::global_shortcut {

// Limits against a hostile page: every grab is a key taken from the whole desktop.
inline constexpr size_t kMaxShortcutsPerPage = 64;
inline constexpr size_t kMaxShortcuts = 256;

class ShortcutRegistry;

// One register call's shortcuts, held by the calling page as a resource.
class Lease {
 public:
  Lease(std::shared_ptr<ShortcutRegistry> registry, warden::Channel channel)
      : registry_(std::move(registry)), channel_(std::move(channel)) {}
  ~Lease();  // releases what is still registered under it
  void send(const boost::json::value& message);

 private:
  friend class ShortcutRegistry;
  std::shared_ptr<ShortcutRegistry> registry_;
  std::mutex send_mutex_;
  warden::Channel channel_;
  std::vector<uint32_t> ids_;  // guarded by the registry's mutex
  uint32_t rid_ = 0;           // its resource id once the page holds it; same guard
};

class ShortcutRegistry : public std::enable_shared_from_this<ShortcutRegistry> {
 public:
  explicit ShortcutRegistry(warden::MainThread main_thread);

  // [pool-thread] The commands, for the page that calls (`ctx`). Throw std::invalid_argument or
  // std::runtime_error with what the page may read.
  void register_shortcuts(warden::Context& ctx, const std::vector<std::string>& shortcuts, const std::string& handler);
  void unregister(warden::Context& ctx, const std::vector<std::string>& shortcuts);
  void unregister_all(warden::Context& ctx);
  bool is_registered(warden::Context& ctx, const std::string& shortcut);

  // [main-thread] The plugin's end: every grab released.
  void shut_down();

 private:
  friend class Lease;
  struct Entry {
    Accelerator accelerator;
    uint32_t rid = 0;         // the lease's resource id (0 until it has one)
    const Lease* owner;       // for comparison only: which lease holds it
    std::weak_ptr<Lease> lease;
  };
  // The caller's shortcuts: id -> its lease (a live resource of the calling page).
  std::map<uint32_t, std::shared_ptr<Lease>> own(warden::Context& ctx);
  // [main-thread]
  void remove(uint32_t id, const Lease* owner);
  void fired(uint32_t id, KeyState state);
  void release(const Lease* lease, std::vector<uint32_t> ids);  // [any-thread] from ~Lease
  void drop_own(warden::Context& ctx, const std::map<uint32_t, std::shared_ptr<Lease>>& which);

  warden::MainThread main_thread_;
  std::mutex mutex_;  // entries_ and every lease's ids_
  std::map<uint32_t, Entry> entries_;
  std::optional<X11KeyGrabs> grabs_;  // [main-thread] made at the first register
};

}  // namespace warden::global_shortcut
