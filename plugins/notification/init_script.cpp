#include "init_script.hpp"

namespace warden::notification_plugin {

// What the script does, and why:
// - `new Notification(title, options)` sends plugin:notification|notify with the options and the
//   title (the package's sendNotification constructs one); the authority judges that call like
//   any other, so a page whose capability lacks notify gets its `error` event, not a notification.
// - `Notification.permission` is "default" until the page asks (requestPermission), as in a
//   browser before the question: answering at load would cost every frame of every window a call,
//   and an audit line wherever the capability does not allow it. The package's isPermissionGranted
//   then asks plugin:notification|is_permission_granted itself.
// - `Notification.requestPermission()` sends plugin:notification|request_permission and keeps the
//   answer ("granted" or "denied"); a refused call counts as "denied".
// - The object is an EventTarget with onshow/onerror/onclick/onclose, so Web-API code that sets
//   them runs; "show" fires once the server took the notification, "error" when it was refused.
//   close() does nothing: the server decides how long a notification stays.
std::string notification_init_script() {
  return R"JS((function () {
  'use strict';
  const internals = window.__TAURI_INTERNALS__;
  if (!internals || typeof internals.invoke !== 'function') return;
  const invoke = internals.invoke;
  let permission = 'default';
  const remember = (answer) => {
    permission = answer === 'granted' ? 'granted' : 'denied';
    return permission;
  };
  const handlerNames = ['onshow', 'onerror', 'onclick', 'onclose'];
  class Notification extends EventTarget {
    constructor(title, options) {
      super();
      if (arguments.length === 0) throw new TypeError("Notification: a title is required");
      const given = options !== null && typeof options === 'object' ? options : {};
      const sent = Object.assign({}, given, { title: String(title) });
      Object.defineProperty(this, 'title', { value: sent.title, enumerable: true });
      Object.defineProperty(this, 'body', { value: given.body == null ? '' : String(given.body), enumerable: true });
      Object.defineProperty(this, 'icon', { value: given.icon == null ? '' : String(given.icon), enumerable: true });
      for (const name of handlerNames) this[name] = null;
      const fire = (type) => {
        const event = new Event(type);
        const handler = this['on' + type];
        if (typeof handler === 'function') handler.call(this, event);
        this.dispatchEvent(event);
      };
      invoke('plugin:notification|notify', { options: sent }).then(
        () => fire('show'),
        (error) => {
          console.warn('notification not shown:', error);
          fire('error');
        });
    }
    close() {}
    static get permission() { return permission; }
    static requestPermission(callback) {
      const answer = invoke('plugin:notification|request_permission').then(remember, () => remember('denied'));
      if (typeof callback === 'function') answer.then(callback);
      return answer;
    }
  }
  Object.defineProperty(Notification, 'maxActions', { value: 8, enumerable: true });
  Object.defineProperty(window, 'Notification', { value: Notification, writable: true, configurable: true });
})();
)JS";
}

}  // namespace warden::notification_plugin
