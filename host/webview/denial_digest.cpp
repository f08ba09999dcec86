#include "webview/denial_digest.hpp"

#include <glib.h>

namespace warden::webview {

struct DenialDigest::State {
  struct Entry {
    // The last denial of the key, owned (log::Denial only views its strings).
    std::string command, window, webview, origin, reason;
    int status = 0;
    size_t pending = 0;  // refused and not yet logged
    std::chrono::steady_clock::time_point last_line{};
    guint timer = 0;  // a pending flush
  };
  std::chrono::milliseconds interval;
  std::map<std::string, Entry> entries;

  static void write(Entry& e) {
    std::string reason = e.reason;
    if (e.pending > 1) reason += " (" + std::to_string(e.pending) + " calls refused like this since the last such line)";
    log::denial({e.command, e.window, e.webview, e.origin, e.status, reason});
    e.pending = 0;
    e.last_line = std::chrono::steady_clock::now();
  }
};

namespace {
struct Flush {
  std::weak_ptr<DenialDigest::State> state;
  std::string key;
};

gboolean flush_key(gpointer data) {
  auto* f = static_cast<Flush*>(data);
  if (auto state = f->state.lock()) {
    auto it = state->entries.find(f->key);
    if (it != state->entries.end()) {
      it->second.timer = 0;
      if (it->second.pending) DenialDigest::State::write(it->second);
    }
  }
  return G_SOURCE_REMOVE;
}
void free_flush(gpointer data) { delete static_cast<Flush*>(data); }
}  // namespace

DenialDigest::DenialDigest(std::chrono::milliseconds interval) : state_(std::make_shared<State>()) {
  state_->interval = interval;
}

DenialDigest::~DenialDigest() {
  for (auto& [key, e] : state_->entries) {
    if (e.timer) g_source_remove(e.timer);
    if (e.pending) State::write(e);
  }
}

void DenialDigest::refuse(const std::string& key, const log::Denial& d, size_t count) {
  if (count == 0) return;
  auto& e = state_->entries[key];
  e.command = d.command;
  e.window = d.window;
  e.webview = d.webview;
  e.origin = d.origin;
  e.reason = d.reason;
  e.status = d.status;
  e.pending += count;
  auto now = std::chrono::steady_clock::now();
  if (now - e.last_line >= state_->interval) {
    if (e.timer) {
      g_source_remove(e.timer);
      e.timer = 0;
    }
    return State::write(e);
  }
  if (e.timer) return;
  auto wait = std::chrono::duration_cast<std::chrono::milliseconds>(e.last_line + state_->interval - now);
  e.timer = g_timeout_add_full(G_PRIORITY_DEFAULT, static_cast<guint>(wait.count()) + 1, flush_key,
                               new Flush{state_, key}, free_flush);
}

}  // namespace warden::webview
