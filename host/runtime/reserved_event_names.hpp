#pragma once
// Which event names belong to whom (issue 13, finding 5). Listeners trust the host's and the
// plugins' events: a `tauri://drag-drop` carries paths the user dropped, `tauri://close-requested`
// asks the window to close, `store://change` says what a store now holds. So:
//   - `tauri://...` names are the host's: only the host emits them;
//   - `<plugin>://...` names belong to plugin <plugin> while it is loaded: only that plugin (and
//     the host) emits them;
//   - every other name is anyone's, pages included (Tauri reserves nothing; this is Warden's).
// @tauri-apps/api never sends a `tauri://` name to the host from a page: `tauri://created` and
// `tauri://error` are delivered inside the page (Window.emit's localTauriEvents).
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <string_view>

namespace warden::runtime {

// Who asks to emit an event.
struct EventEmitter {
  enum class Kind { host, plugin, page };
  Kind kind = Kind::page;
  std::string plugin;  // for Kind::plugin

  static EventEmitter host() { return {Kind::host, {}}; }
  static EventEmitter of_plugin(std::string name) { return {Kind::plugin, std::move(name)}; }
  static EventEmitter page() { return {Kind::page, {}}; }
};

class ReservedEventNames {
 public:
  static constexpr std::string_view host_prefix = "tauri://";

  // [any-thread] `<plugin>://` names are plugin's from now on (call it when the plugin is loaded).
  void reserve_for_plugin(const std::string& plugin);

  // [any-thread] Who owns `event`: "the host", "plugin 'store'"; nullopt when anyone may emit it.
  std::optional<std::string> owner_of(std::string_view event) const;

  // [any-thread] May `emitter` emit `event`? The host may emit anything.
  bool may_emit(const EventEmitter& emitter, std::string_view event) const;

 private:
  // The plugin whose prefix `event` has, if that plugin reserved it.
  std::optional<std::string> plugin_owner(std::string_view event) const;

  mutable std::mutex mutex_;
  std::set<std::string, std::less<>> plugins_;
};

}  // namespace warden::runtime
