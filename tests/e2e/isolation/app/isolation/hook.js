// The isolation app's hook: sees every call of the app's pages before it is sealed for the host.
window.__TAURI_ISOLATION_HOOK__ = (call) => {
  if (call.cmd === 'plugin:app|version') throw 'the isolation hook refuses plugin:app|version';
  if (call.cmd === 'greet') {
    if (call.payload.name === 'Mallory') return null;  // vetoed without a reason
    call.payload = Object.assign({}, call.payload, { name: 'isolated ' + call.payload.name });
  }
  return call;
};
