// The app's isolation hook: plugin:fs|write_file may write a file named allowed.txt, and a write to
// hook-edit.txt is redirected to hook-edited.txt (an edit of the `path` header the host must
// honour); every other write is refused. @tauri-apps/plugin-fs sends the path percent-encoded.
window.__TAURI_ISOLATION_HOOK__ = (call) => {
  if (call.cmd !== 'plugin:fs|write_file') return call;
  const headers = (call.options && call.options.headers) || {};
  const path = decodeURIComponent(headers.path || '');
  const name = path.slice(path.lastIndexOf('/') + 1);
  if (name === 'allowed.txt') return call;
  if (name === 'hook-edit.txt') {
    const edited = path.slice(0, path.length - name.length) + 'hook-edited.txt';
    return {
      cmd: call.cmd,
      payload: call.payload,
      options: { headers: Object.assign({}, headers, { path: encodeURIComponent(edited) }) },
    };
  }
  throw 'the isolation hook refuses writing ' + name;
};
