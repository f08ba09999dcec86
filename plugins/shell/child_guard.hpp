#pragma once
// Ties a child process to the page and origin that started it. The guard is a resource of that
// caller (the host's table keeps it per webview, page and frame origin); the host drops it when
// that page goes away (another document, a crash, the window's end) and before the plugin shuts
// down, which terminates the child if it still runs. Whoever can look the guard up (only its own
// page and origin) may write to and kill the child.
#include <cstdint>
#include <memory>
#include <mutex>

#include "process_loop.hpp"

namespace warden::shell_plugin {

class ChildLink {
 public:
  explicit ChildLink(std::weak_ptr<ProcessLoop> loop) : loop_(std::move(loop)) {}
  void started(std::uint64_t serial, int pid) {
    std::lock_guard lock(mutex_);
    serial_ = serial;
    pid_ = pid;
    if (webview_gone_) terminate();
  }
  void exited() {
    std::lock_guard lock(mutex_);
    ended_ = true;
  }
  void webview_gone() {
    std::lock_guard lock(mutex_);
    webview_gone_ = true;
    terminate();
  }
  bool ended() const {
    std::lock_guard lock(mutex_);
    return ended_;
  }
  // Whether this is child `pid`, still running.
  bool runs_as(int pid) const {
    std::lock_guard lock(mutex_);
    return pid_ == pid && !ended_;
  }

 private:
  void terminate() {
    if (serial_ == 0 || ended_) return;
    if (auto loop = loop_.lock()) loop->terminate(serial_);
  }
  mutable std::mutex mutex_;
  std::weak_ptr<ProcessLoop> loop_;
  std::uint64_t serial_ = 0;
  int pid_ = 0;
  bool webview_gone_ = false;
  bool ended_ = false;
};

class ChildGuard {
 public:
  explicit ChildGuard(std::shared_ptr<ChildLink> link) : link_(std::move(link)) {}
  ~ChildGuard() { link_->webview_gone(); }
  ChildGuard(const ChildGuard&) = delete;  // one guard, one drop
  ChildGuard& operator=(const ChildGuard&) = delete;

 private:
  std::shared_ptr<ChildLink> link_;
};

}  // namespace warden::shell_plugin
