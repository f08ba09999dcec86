#pragma once
// File watching for the fs plugin's `watch`: one libuv loop on its own thread reading one inotify
// instance, started at the first watch and stopped at shutdown. Every watch sends
// @tauri-apps/plugin-fs WatchEvents ({type, paths, attrs}) through a callback (the page's
// Channel), only for paths still in the call's scope, immediately or batched every delayMs.
// inotify follows a watched folder's inode wherever it is moved; an event is named by the watched
// path only while that path still leads to the inode (watched_inode.hpp), and a folder that moved
// away stops being watched, so no event names a file that lives outside the scope or under a deny.
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <boost/json/value.hpp>

#include "scoped_path.hpp"

namespace warden::fs_plugin {

struct WatchRequest {
  std::vector<std::string> paths;          // canonical, checked against the scope
  bool recursive = false;                  // watch sub-folders too, including new ones
  std::optional<std::uint64_t> delay_ms;   // batch events; none: send each one at once
  ScopeCheck in_scope;                     // events outside the scope are not sent
  std::function<void(const boost::json::value& event)> send;  // any thread (the loop's)
};

class WatchLoop;

// One running watch; destroying it stops the watch (what unwatch and closing the resource do).
class Watch {
 public:
  Watch(std::shared_ptr<WatchLoop> loop, std::uint64_t id) : loop_(std::move(loop)), id_(id) {}
  ~Watch();
  Watch(const Watch&) = delete;
  Watch& operator=(const Watch&) = delete;

 private:
  std::shared_ptr<WatchLoop> loop_;
  std::uint64_t id_;
};

class WatchLoop : public std::enable_shared_from_this<WatchLoop> {
 public:
  WatchLoop();
  ~WatchLoop();
  // Starts the watch once every path is watched. Throws std::runtime_error naming a path libuv
  // could not watch (it must exist).
  std::unique_ptr<Watch> watch(WatchRequest request);
  // Stops every watch and the loop thread. Later watches throw.
  void stop();
  // Stops one watch (from ~Watch).
  void unwatch(std::uint64_t id);

  struct State;

 private:
  std::unique_ptr<State> state_;
};

}  // namespace warden::fs_plugin
