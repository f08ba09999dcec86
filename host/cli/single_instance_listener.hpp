#pragma once
// The running instance's side of the socket (single_instance_claim.hpp): accepts on the GLib
// main loop, never blocking it, only from this user (SO_PEERCRED), reads one message of bounded
// size within a bounded time, answers "ok" or "refused: <why>" and hands the message on.
#include <chrono>
#include <cstddef>
#include <functional>
#include <list>
#include <memory>

#include <glib.h>

#include "cli/single_instance_message.hpp"

namespace warden::cli {

struct ListenerLimits {
  std::size_t max_bytes = kMaxHandoverBytes;
  // A peer that connects and sends nothing (or dribbles) is dropped after this.
  std::chrono::milliseconds read_time = std::chrono::seconds(2);
  // Connections being read at once; more are closed at once (a peer can only be this user, but a
  // stuck one must not use up the descriptors).
  std::size_t max_connections = 8;
};

// [main-thread] throughout.
class InstanceListener {
 public:
  using Receive = std::function<void(const Handover&)>;

  // Listens on `listen_fd` (non-blocking, not owned: InstanceSocket keeps it) from the default
  // main context; `receive` gets each valid message, on the main thread, before "ok" goes back.
  InstanceListener(int listen_fd, Receive receive, ListenerLimits limits = {});
  ~InstanceListener();  // stops listening and closes the connections being read
  InstanceListener(const InstanceListener&) = delete;
  InstanceListener& operator=(const InstanceListener&) = delete;

  struct Connection;

 private:
  static gboolean on_listen(gint fd, GIOCondition, gpointer self);
  static gboolean on_readable(gint fd, GIOCondition, gpointer connection);
  static gboolean on_timeout(gpointer connection);
  void accept_all();
  void read_from(Connection& c);
  void finish(Connection& c, const char* answer);
  void drop(Connection& c);

  int listen_fd_;
  Receive receive_;
  ListenerLimits limits_;
  guint listen_source_ = 0;
  std::list<std::unique_ptr<Connection>> connections_;
};

}  // namespace warden::cli
