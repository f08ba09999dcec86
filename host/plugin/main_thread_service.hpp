#pragma once
// warden.main-thread/1 on the host's side (sdk/include/warden/ext/main_thread.h): plugins ask for
// a callback on the main (GTK) thread; the host runs them through its one main-thread queue
// (runtime::MainThreadQueue::post, handed in as `PostToMainThread`), in order of requests, every
// plugin's in one order. At shutdown nothing accepted is dropped: the service first refuses new
// requests, then runs what it accepted and has not run yet.
#include <cstddef>
#include <functional>
#include <memory>
#include <string>

namespace warden::plugin {

// How the host puts a task on its main loop (runtime::MainThreadQueue::post in `warden run`).
using PostToMainThread = std::function<void(std::function<void()>)>;

// A plugin's callback and its payload, as it asked for them.
using MainThreadCallback = void (*)(void* data);

// The callbacks of one host run, shared by every plugin. [any-thread] unless marked.
class MainThreadService {
 public:
  // `on_main_thread` tells whether the calling thread runs the loop `post` posts to (is_main_thread).
  explicit MainThreadService(PostToMainThread post, std::function<bool()> on_main_thread = {});
  // Runs what is still accepted (as close() does): no payload is dropped silently.
  ~MainThreadService();
  MainThreadService(const MainThreadService&) = delete;
  MainThreadService& operator=(const MainThreadService&) = delete;

  struct State;  // opaque; public only so that the .cpp's free functions can name it

  // One plugin's end of the service, held by its HostServices.
  class PluginCallbacks {
   public:
    struct Owner;  // opaque: which plugin an accepted callback belongs to
    PluginCallbacks(std::shared_ptr<State> state, std::shared_ptr<Owner> owner);
    ~PluginCallbacks();  // close()
    PluginCallbacks(const PluginCallbacks&) = delete;
    PluginCallbacks& operator=(const PluginCallbacks&) = delete;

    // request_callback: 0 accepted (`callback(data)` will run once on the main thread), -1
    // refused (the service or this plugin is closed, or `callback` is null): never called.
    int request(MainThreadCallback callback, void* data);
    // is_main_thread: 1 on the main thread, 0 elsewhere, -1 when the service cannot tell.
    int on_main_thread() const;
    // [main-thread] Before the plugin's shutdown: refuses its requests from now on, then runs its
    // accepted callbacks that have not run yet, in order. Returns how many it ran.
    std::size_t close();

   private:
    std::shared_ptr<State> state_;
    std::shared_ptr<Owner> owner_;
  };

  // The end one plugin's HostServices holds (`plugin` names it in the log); refused once close() ran.
  std::unique_ptr<PluginCallbacks> plugin_callbacks(std::string plugin = {});

  // [main-thread] The host is shutting down (its main loop has ended, and threads may still wait
  // for callbacks): refuses every request from now on, then runs every accepted callback that has
  // not run yet, in order. Returns how many it ran. Later calls run nothing.
  std::size_t close();

 private:
  std::shared_ptr<State> state_;
};

// The static vtable of warden.main-thread/1 (a warden_host_main_thread), for host_extensions.cpp.
// Its request_callback finds the plugin's PluginCallbacks through HostServices; a host without
// them (no main loop: `warden plugin call`) refuses every request.
const void* main_thread_extension();

}  // namespace warden::plugin
