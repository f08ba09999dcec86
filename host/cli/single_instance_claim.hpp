#pragma once
// Who is the app's one instance (docs/single-instance.md): a `warden run` of a single-instance
// app takes the lock file <identifier>.lock (flock) in the user's instances folder and listens on
// <identifier>.sock beside it; a run that finds the lock taken connects to that socket instead,
// hands over its arguments and working directory, waits for the acknowledgement and ends. Two
// starts at once: flock lets exactly one through, the other hands over to it.
#include <chrono>
#include <filesystem>
#include <optional>
#include <string>

namespace warden::cli {

// This run is the instance: the lock is held and the socket listens (both close-on-exec, the
// socket non-blocking). The destructor removes the socket and the lock file, then lets the lock
// go, so that a later run (a restart re-executing this binary) becomes the instance.
class InstanceSocket {
 public:
  InstanceSocket(std::filesystem::path socket_path, std::filesystem::path lock_path, int lock_fd, int listen_fd);
  InstanceSocket(InstanceSocket&& other) noexcept;
  InstanceSocket& operator=(InstanceSocket&&) = delete;
  InstanceSocket(const InstanceSocket&) = delete;
  ~InstanceSocket();

  int listen_fd() const { return listen_fd_; }
  const std::filesystem::path& socket_path() const { return socket_path_; }

 private:
  std::filesystem::path socket_path_;
  std::filesystem::path lock_path_;
  int lock_fd_ = -1;
  int listen_fd_ = -1;
};

struct ClaimTimes {
  // How long a run keeps trying while the lock's holder does not listen yet (it is starting, or
  // ending and about to let the lock go).
  std::chrono::milliseconds connect = std::chrono::seconds(10);
  // How long it waits for the running instance's answer.
  std::chrono::milliseconds answer = std::chrono::seconds(10);
};

// Takes the instance of `identifier` in `directory` (made and checked by instances_directory),
// or hands `message` (handover_message) to the instance that holds it. The instance: its socket;
// handed over and acknowledged: nullopt. Throws std::runtime_error saying why otherwise (the peer
// is another user, no answer in time, the instance refused the message, the message is too long).
std::optional<InstanceSocket> claim_instance(const std::filesystem::path& directory, const std::string& identifier,
                                             const std::string& message, const ClaimTimes& times = {});

}  // namespace warden::cli
