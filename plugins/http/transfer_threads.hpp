#pragma once
// The threads the transfers run on. Each fetch_send starts one; a finished one is joined when the
// next starts, and the plugin's shutdown cancels every transfer and joins every thread, so none
// outlives the host's extensions it uses.
#include <memory>
#include <mutex>
#include <thread>
#include <utility>
#include <vector>

#include "transfer.hpp"

namespace warden::http_plugin {

class TransferThreads {
 public:
  // Runs transfer->run() on a new thread; false once stop_all() has begun.
  bool start(const std::shared_ptr<Transfer>& transfer);
  // Cancels every transfer and waits for its thread. Later start() calls return false.
  void stop_all();

 private:
  std::mutex mutex_;
  bool stopped_ = false;
  std::vector<std::pair<std::shared_ptr<Transfer>, std::thread>> running_;
};

}  // namespace warden::http_plugin
