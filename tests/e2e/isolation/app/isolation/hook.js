// The isolation app's hook: sees every call of the app's pages before it is sealed for the host.
window.__TAURI_ISOLATION_HOOK__ = (call) => {
  if (call.cmd === 'plugin:app|version') throw 'the isolation hook refuses plugin:app|version';
  if (call.cmd === 'salute') call.cmd = 'greet';  // the hook may also change the command
  if (call.cmd === 'greet') {
    if (call.payload.name === 'Mallory') return null;  // vetoed without a reason
    call.payload = Object.assign({}, call.payload, { name: 'isolated ' + call.payload.name });
  }
  // The e2e page asks what this frame can see: the answer travels back through echo.
  if (call.cmd === 'echo' && call.payload && call.payload.probe === true) {
    call.payload = {
      probe: true,
      origin: self.origin,
      bridge: typeof window.__TAURI_INTERNALS__,
      secure: window.isSecureContext,
      parentReadable: (() => { try { return !!window.parent.document; } catch (e) { return false; } })(),
    };
  }
  return call;
};
