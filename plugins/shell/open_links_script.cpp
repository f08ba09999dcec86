#include "open_links_script.hpp"

namespace warden::shell_plugin {

std::string open_links_script() {
  // Listens on the document (it exists at document start, the body may not), after the page's
  // own handlers: a page that handled the click itself (preventDefault) is left alone.
  return R"JS((function () {
  var schemes = ['http://', 'https://', 'mailto:', 'tel:'];
  document.addEventListener('click', function (event) {
    if (event.defaultPrevented || event.button !== 0) return;
    var node = event.target;
    while (node && !(node.tagName && node.tagName.toLowerCase() === 'a')) node = node.parentElement;
    if (!node || node.target !== '_blank' || typeof node.href !== 'string') return;
    var href = node.href;
    if (!schemes.some(function (s) { return href.indexOf(s) === 0; })) return;
    var internals = window.__TAURI_INTERNALS__;
    if (!internals || typeof internals.invoke !== 'function') return;
    event.preventDefault();
    internals.invoke('plugin:shell|open', { path: href }).catch(function () {});
  });
})();
)JS";
}

}  // namespace warden::shell_plugin
