// The framed app page: calls a command its window's local grants allow and tells its parent what
// came back. Framed by a remote page it must not load, or get nothing.
(function () {
  const tell = (result) => parent.postMessage({ framed: 'x', result }, '*');
  window.__TAURI_INTERNALS__.invoke('plugin:app|version', {})
    .then((v) => tell('version:' + v), (e) => tell('refused:' + String(e && e.message ? e.message : e)));
})();
