#include "cli/single_instance_listener.hpp"

#include <glib-unix.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>

#include <spdlog/spdlog.h>

namespace warden::cli {

struct InstanceListener::Connection {
  InstanceListener* listener = nullptr;
  int fd = -1;
  pid_t pid = 0;
  guint read_source = 0;
  guint timeout_source = 0;
  std::string message;
};

InstanceListener::InstanceListener(int listen_fd, Receive receive, ListenerLimits limits)
    : listen_fd_(listen_fd), receive_(std::move(receive)), limits_(limits) {
  listen_source_ = g_unix_fd_add(listen_fd_, G_IO_IN, &InstanceListener::on_listen, this);
}

InstanceListener::~InstanceListener() {
  if (listen_source_) g_source_remove(listen_source_);
  while (!connections_.empty()) drop(*connections_.front());
}

gboolean InstanceListener::on_listen(gint, GIOCondition, gpointer self) {
  static_cast<InstanceListener*>(self)->accept_all();
  return G_SOURCE_CONTINUE;
}

void InstanceListener::accept_all() {
  for (;;) {
    int fd = ::accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC | SOCK_NONBLOCK);
    if (fd < 0) {
      if (errno == EINTR) continue;
      if (errno != EAGAIN && errno != EWOULDBLOCK)
        spdlog::warn("single instance: accepting a connection failed: {}", std::strerror(errno));
      return;
    }
    ucred peer{};
    socklen_t size = sizeof peer;
    if (::getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &peer, &size) != 0 || peer.uid != ::geteuid()) {
      spdlog::warn("single instance: refused a connection from uid {} (pid {}): only this user (uid {}) may hand "
                   "over arguments",
                   peer.uid, peer.pid, ::geteuid());
      ::close(fd);
      continue;
    }
    if (connections_.size() >= limits_.max_connections) {
      spdlog::warn("single instance: refused a connection from pid {}: {} are being read already", peer.pid,
                   connections_.size());
      ::close(fd);
      continue;
    }
    auto c = std::make_unique<Connection>();
    c->listener = this;
    c->fd = fd;
    c->pid = peer.pid;
    c->read_source = g_unix_fd_add(fd, G_IO_IN, &InstanceListener::on_readable, c.get());
    c->timeout_source =
        g_timeout_add(static_cast<guint>(limits_.read_time.count()), &InstanceListener::on_timeout, c.get());
    connections_.push_back(std::move(c));
  }
}

gboolean InstanceListener::on_readable(gint, GIOCondition, gpointer connection) {
  auto* c = static_cast<Connection*>(connection);
  c->listener->read_from(*c);  // may free c
  return G_SOURCE_CONTINUE;    // read_from removed the source when it was done with it
}

gboolean InstanceListener::on_timeout(gpointer connection) {
  auto* c = static_cast<Connection*>(connection);
  spdlog::warn("single instance: dropped the connection of pid {}: no whole message within {} ms", c->pid,
               c->listener->limits_.read_time.count());
  c->timeout_source = 0;  // this source ends by returning G_SOURCE_REMOVE
  c->listener->drop(*c);
  return G_SOURCE_REMOVE;
}

void InstanceListener::read_from(Connection& c) {
  char buffer[16384];
  for (;;) {
    ssize_t n = ::read(c.fd, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return;  // more later
    if (n < 0) {
      spdlog::warn("single instance: reading from pid {} failed: {}", c.pid, std::strerror(errno));
      return drop(c);
    }
    if (n == 0) break;  // the peer's end of the message
    if (c.message.size() + static_cast<size_t>(n) > limits_.max_bytes) {
      spdlog::warn("single instance: refused the message of pid {}: longer than {} bytes", c.pid, limits_.max_bytes);
      return finish(c, "refused: the message is longer than the running instance accepts\n");
    }
    c.message.append(buffer, static_cast<size_t>(n));
  }
  std::string error;
  std::optional<Handover> handover = parse_handover(c.message, error);
  if (!handover) {
    spdlog::warn("single instance: refused the message of pid {}: {}", c.pid, error);
    return finish(c, "refused: the message is malformed\n");
  }
  // Counted, not written out: a deep link often carries a login token (an OAuth callback).
  spdlog::info("single instance: pid {} handed over {} argument(s), {} bytes of JSON (cwd {})", c.pid,
               handover->argument_count, handover->arguments_json.size(), handover->cwd);
  receive_(*handover);
  finish(c, "ok\n");
}

void InstanceListener::finish(Connection& c, const char* answer) {
  // A few bytes into an empty socket buffer: the write does not block; a peer gone is no matter.
  ssize_t ignored = ::send(c.fd, answer, std::strlen(answer), MSG_NOSIGNAL | MSG_DONTWAIT);
  (void)ignored;
  drop(c);
}

void InstanceListener::drop(Connection& c) {
  if (c.read_source) g_source_remove(c.read_source);
  if (c.timeout_source) g_source_remove(c.timeout_source);
  ::close(c.fd);
  connections_.remove_if([&c](const std::unique_ptr<Connection>& p) { return p.get() == &c; });
}

}  // namespace warden::cli
