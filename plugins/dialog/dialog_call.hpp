// One dialog call, from the page's request to its answer. A dialog is answered by the user, long
// after the command returned: the call is deferred, and this object carries it until the answer,
// or until the page that asked goes away, whichever comes first; then it takes the dialog down,
// completes the call once and frees the window's dialog slot (one dialog per window at a time).
#ifndef WARDEN_PLUGINS_DIALOG_DIALOG_CALL_HPP
#define WARDEN_PLUGINS_DIALOG_DIALOG_CALL_HPP

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <set>
#include <string>

#include <warden/ext/resources.h>
#include <warden/plugin.hpp>

namespace warden::dialog_plugin {

// Why a call ends without a dialog when the host refuses the main thread (warden.main-thread/1).
inline constexpr const char* no_main_loop =
    "the host runs no main loop (warden plugin call) or is shutting down: no dialog can be shown";

// The windows that have a dialog up. A page that asks for a second one while its first is up is
// refused at once: a queue would let a hostile page stack dialogs the user must answer one by one.
class OpenDialogs {
 public:
  bool claim(const std::string& window);  // [any-thread] false when the window has one already
  void release(const std::string& window);

 private:
  std::mutex mutex_;
  std::set<std::string, std::less<>> windows_;
};

class DialogCall : public std::enable_shared_from_this<DialogCall> {
 public:
  // What finishes a call: gets the call (for grants, before it completes) and its completion.
  using Completer = std::function<void(warden_call* call, warden::Completion& done)>;

  DialogCall(const warden_host* host, warden_call* call, std::string window, std::shared_ptr<OpenDialogs> open)
      : host_(host), call_(call), window_(std::move(window)), open_(std::move(open)) {}

  const warden_host* host() const { return host_; }
  const std::string& window() const { return window_; }

  // [any-thread] Set once by the command, in this order, before the page can close the link.
  void set_completion(warden::Completion done) { done_ = std::move(done); }
  void set_resources(const warden_host_resources* resources) { resources_ = resources; }
  // After resource_add: the page may already have closed the link (a racing plugin:resources|close
  // or the page's end); finish then finds no link to close.
  void set_page_link(std::uint32_t rid) { rid_ = rid; }
  // Whether the call has ended (the page went before its dialog could be shown, say).
  bool finished() const { return finished_; }
  // [main-thread] How to take the dialog down when the call ends before the user answers.
  void set_close(std::function<void()> close) { close_ = std::move(close); }

  // [main-thread] Ends the call, once: takes the dialog down, unlinks it from the page, runs
  // `complete`, frees the window's slot. Later calls do nothing.
  void finish(const Completer& complete);
  // [any-thread] Ends the call without touching GTK (no dialog was shown, or the host is shutting
  // down): rejects it with `why` and frees the slot; page_gone does nothing after it.
  void abandon(const std::string& why);
  // [any-thread] The page that asked went away (its resource was closed): the dialog is taken
  // down on the main thread and the call rejected.
  void page_gone();

 private:
  const warden_host* host_;
  warden_call* call_;  // valid until done_ completes it
  std::string window_;
  std::shared_ptr<OpenDialogs> open_;
  warden::Completion done_;
  const warden_host_resources* resources_ = nullptr;
  std::atomic<std::uint32_t> rid_{0};
  std::function<void()> close_;
  std::atomic<bool> finished_{false};
};

// The resource that ties a dialog to its page: the host closes a page's resources when the page
// goes away (another document, a crash, its window closed), and so ends the dialog with it.
class PageLink {
 public:
  explicit PageLink(std::shared_ptr<DialogCall> call) : call_(std::move(call)) {}
  PageLink(const PageLink&) = delete;
  PageLink& operator=(const PageLink&) = delete;
  ~PageLink() { call_->page_gone(); }

 private:
  std::shared_ptr<DialogCall> call_;
};

}  // namespace warden::dialog_plugin

#endif  // WARDEN_PLUGINS_DIALOG_DIALOG_CALL_HPP
