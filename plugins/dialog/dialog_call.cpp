#include "dialog_call.hpp"

#include <warden/main_thread.hpp>

namespace warden::dialog_plugin {

bool OpenDialogs::claim(const std::string& window) {
  std::lock_guard lock(mutex_);
  return windows_.insert(window).second;
}

void OpenDialogs::release(const std::string& window) {
  std::lock_guard lock(mutex_);
  windows_.erase(window);
}

void DialogCall::finish(const Completer& complete) {
  if (finished_.exchange(true)) return;
  // Taking a GTK dialog down emits its signals at once (destroy, a last response): finished_ is
  // set first so that they end nothing a second time.
  if (close_) std::exchange(close_, nullptr)();
  // Before the call completes (resource_close takes the call). Its closer runs page_gone, which
  // now does nothing.
  if (std::uint32_t rid = rid_.load(); resources_ && rid) resources_->resource_close(call_, rid);
  try {
    complete(call_, done_);
  } catch (const std::exception& e) {
    done_.reject(e.what());
  }
  done_.reject("the dialog ended without an answer");  // nothing when `complete` completed it
  open_->release(window_);
}

void DialogCall::abandon(const std::string& why) {
  if (finished_.exchange(true)) return;
  done_.reject(why);
  open_->release(window_);
}

void DialogCall::page_gone() {
  if (finished_) return;
  auto self = shared_from_this();
  auto main = warden::MainThread::find(host_);
  bool posted = main && main->post([self] {
    self->finish([](warden_call*, warden::Completion& done) {
      done.reject("the page that asked for this dialog went away");
    });
  });
  // The host is shutting down (its windows are gone with their dialogs) or runs no main loop.
  if (!posted) abandon(no_main_loop);
}

}  // namespace warden::dialog_plugin
