#pragma once
// warden.single-instance/1 in `warden run` (docs/single-instance.md): at the start, before any
// plugin loads or window opens, a single-instance app's run either becomes the instance or hands
// its arguments to the running one and ends; the instance then hears later runs on its main loop,
// brings its main window to the front and hands their arguments to the plugins that subscribed.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "cli/app_config.hpp"
#include "cli/single_instance_claim.hpp"
#include "plugin/app_hooks.hpp"

namespace warden::cli {

struct InstanceClaim {
  bool handed_over = false;             // a running instance took the arguments: end the run, status 0
  std::optional<InstanceSocket> socket;  // this run is the instance (app.singleInstance on)
};

// Nothing to do when app.singleInstance is off. Throws std::runtime_error (the instances folder is
// not private, the identifier cannot name a file, the running instance does not answer...).
InstanceClaim claim_single_instance(const AppConfig& config, const std::vector<std::string>& app_args);

class InstanceListener;
class InstanceSubscribers;

// Fills hooks.subscribe_instances and hooks.unsubscribe_instances for one run: refused (0) when
// `socket` is null (the app is not single-instance), else live until listening ends.
class RunSingleInstance {
 public:
  // `main_windows`: the config's start windows, the first open one being what a later run
  // brings to the front (else any open window).
  RunSingleInstance(plugin::AppHooks& hooks, InstanceSocket* socket, std::vector<std::string> main_windows);
  ~RunSingleInstance();
  RunSingleInstance(const RunSingleInstance&) = delete;
  RunSingleInstance& operator=(const RunSingleInstance&) = delete;

  // [main-thread] Hears later runs from the main loop until the object returned is destroyed,
  // which also ends every subscription: declare it after the plugins, so that this happens
  // before they shut down.
  class Listening {
   public:
    explicit Listening(RunSingleInstance* run);
    ~Listening();
    Listening(Listening&&) noexcept;
    Listening(const Listening&) = delete;
    Listening& operator=(const Listening&) = delete;

   private:
    RunSingleInstance* run_;
  };
  Listening listen();

 private:
  void received(const std::string& arguments_json, const std::string& cwd);
  void present_main_window();
  void stop();

  plugin::AppHooks& hooks_;
  InstanceSocket* socket_;
  std::vector<std::string> main_windows_;
  std::shared_ptr<InstanceSubscribers> subscribers_;
  std::unique_ptr<InstanceListener> listener_;
};

}  // namespace warden::cli
