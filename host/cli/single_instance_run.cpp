#include "cli/single_instance_run.hpp"

#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <stdexcept>

#include <gtk/gtk.h>
#ifdef GDK_WINDOWING_X11
#include <gdk/gdkx.h>
#endif
#include <spdlog/spdlog.h>

#include "cli/single_instance_directory.hpp"
#include "cli/single_instance_listener.hpp"
#include "cli/single_instance_message.hpp"
#include "cli/single_instance_subscribers.hpp"

namespace warden::cli {

namespace {

// The cwd a later run hands over: "/" when its own was removed meanwhile (getcwd fails), since the
// arguments still matter and the instance takes only an absolute path.
std::string working_directory() {
  std::error_code ec;
  std::filesystem::path cwd = std::filesystem::current_path(ec);
  if (!ec) return cwd.string();
  spdlog::warn("single instance: the working directory cannot be read ({}); handing over \"/\"", ec.message());
  return "/";
}

}  // namespace

InstanceClaim claim_single_instance(const AppConfig& config, const std::vector<std::string>& app_args) {
  if (!config.single_instance) return {};
  const std::string& identifier = config.frontend.identifier;
  if (auto problem = instance_name_problem(identifier))
    throw std::runtime_error(config.file.string() + ": identifier: with app.singleInstance it names the instance "
                             "socket, and it " + *problem);
  std::filesystem::path directory = instances_directory(std::getenv("XDG_RUNTIME_DIR"), ::geteuid());
  std::string message = handover_message(app_args, working_directory());
  std::optional<InstanceSocket> socket = claim_instance(directory, identifier, message);
  bool handed_over = !socket;
  return InstanceClaim{handed_over, std::move(socket)};
}

RunSingleInstance::RunSingleInstance(plugin::AppHooks& hooks, InstanceSocket* socket,
                                     std::vector<std::string> main_windows)
    : hooks_(hooks), socket_(socket), main_windows_(std::move(main_windows)),
      subscribers_(std::make_shared<InstanceSubscribers>()) {
  std::weak_ptr<InstanceSubscribers> weak = subscribers_;
  bool single = socket_ != nullptr;
  hooks_.subscribe_instances = [weak, single](const std::string& plugin, plugin::AppHooks::InstanceCallback callback) {
    auto subscribers = weak.lock();
    if (!single || !subscribers) return uint64_t{0};  // later runs start on their own: nothing to hear
    return subscribers->subscribe(plugin, std::move(callback));
  };
  hooks_.unsubscribe_instances = [weak](const std::string& plugin, uint64_t id) {
    auto subscribers = weak.lock();
    return subscribers && subscribers->unsubscribe(plugin, id);
  };
}

// The hooks stay set (another thread may be reading them) and refuse once subscribers_ is gone.
RunSingleInstance::~RunSingleInstance() { stop(); }

RunSingleInstance::Listening RunSingleInstance::listen() {
  if (socket_)
    listener_ = std::make_unique<InstanceListener>(
        socket_->listen_fd(), [this](const Handover& h) { received(h.arguments_json, h.cwd); });
  return Listening(this);
}

void RunSingleInstance::stop() {
  listener_.reset();
  subscribers_->end_all();
}

RunSingleInstance::Listening::Listening(RunSingleInstance* run) : run_(run) {}
RunSingleInstance::Listening::Listening(Listening&& other) noexcept : run_(std::exchange(other.run_, nullptr)) {}
RunSingleInstance::Listening::~Listening() {
  if (run_) run_->stop();
}

void RunSingleInstance::received(const std::string& arguments_json, const std::string& cwd) {
  present_main_window();
  spdlog::info("single instance: handing the arguments to {} subscriber(s)", subscribers_->count());
  subscribers_->deliver(arguments_json, cwd);
}

// What the user asked for by starting the app again is the app: its window comes to the front,
// deiconified. Under X the request carries the X server's time rather than GDK_CURRENT_TIME: a
// window manager with focus-stealing prevention may take a request without a time for one older
// than the user's last action and refuse it (openbox, which the e2e runs, accepts both).
void RunSingleInstance::present_main_window() {
  if (!hooks_.gtk_window || !hooks_.window_labels) return;
  std::vector<std::string> open = hooks_.window_labels();
  std::string label;
  for (const std::string& wanted : main_windows_)
    if (std::find(open.begin(), open.end(), wanted) != open.end()) {
      label = wanted;
      break;
    }
  if (label.empty() && !open.empty()) label = open.front();
  auto* window = label.empty() ? nullptr : static_cast<GtkWindow*>(hooks_.gtk_window(label));
  if (!window) return spdlog::info("single instance: no window is open to bring to the front");
  guint32 time = GDK_CURRENT_TIME;
#ifdef GDK_WINDOWING_X11
  GdkWindow* gdk = gtk_widget_get_window(GTK_WIDGET(window));
  if (gdk && GDK_IS_X11_WINDOW(gdk)) time = gdk_x11_get_server_time(gdk);
#endif
  gtk_window_present_with_time(window, time);
  spdlog::info("single instance: brought window '{}' to the front", label);
}

}  // namespace warden::cli
