// Warden's isolation runtime (app.security.pattern = {use: "isolation"}, docs/security.md): a
// WebKit user script injected at document start only into documents of isolation://localhost,
// the app's isolation folder, which the bridge loads in a hidden iframe sandboxed with
// "allow-scripts" only (so it runs in an opaque origin, cut off from the app's pages).
//
// This file is an expression: the host appends `([<32 key bytes>]);` to call it with the run's
// AES-256-GCM key. The key exists only in this closure: as a non-extractable CryptoKey once
// imported, and never in the app's pages.
//
// For every call the bridge of the parent frame posts here, it runs the isolation app's
// window.__TAURI_ISOLATION_HOOK__({cmd, payload, options}), which returns the call to make
// (possibly changed) or throws / returns nothing to veto it, then seals the result for the host:
//   nonce(12) || AES-GCM(envelope JSON + "\n" + payload bytes) || tag(16)
// (host/ipc/isolation_message.hpp). The envelope carries the command, the caller's origin as the
// browser reported it to this frame and the time, so the host can refuse replays and mismatches,
// and the caller's headers as the hook left them: the host takes them from here only.
(function (keyBytes) {
  'use strict';
  if (location.protocol !== 'isolation:' || window.parent === window) return;

  const subtle = crypto.subtle;
  const encrypt = subtle.encrypt.bind(subtle);
  const randomValues = crypto.getRandomValues.bind(crypto);
  const encoder = new TextEncoder();
  const stringify = JSON.stringify;
  const now = Date.now;
  const parentWindow = window.parent;
  const post = (message, transfer) => parentWindow.postMessage(message, '*', transfer || []);

  const keyPromise = subtle.importKey('raw', new Uint8Array(keyBytes), { name: 'AES-GCM' }, false, ['encrypt']);
  keyBytes.fill(0);

  function isBinary(value) {
    return value instanceof ArrayBuffer || ArrayBuffer.isView(value);
  }
  function bytesOf(value) {
    if (value instanceof ArrayBuffer) return new Uint8Array(value);
    return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  }

  // What the host will hand the command as caller headers: {lowercase name: string}, the names
  // the bridge sets itself refused (a hook that returns them made a mistake the app should see).
  const RESERVED_HEADERS = ['content-type', 'tauri-invoke-key', 'warden-caller-headers'];
  function sealedHeaders(options) {
    const out = {};
    const given = options && options.headers;
    if (given === undefined || given === null) return out;
    new Headers(given).forEach((value, name) => {
      if (RESERVED_HEADERS.includes(name)) throw `the isolation hook returned the header '${name}', which the bridge sets`;
      out[name] = value;
    });
    return out;
  }

  async function seal(call, origin) {
    const binary = isBinary(call.payload);
    let payload;
    if (binary) {
      payload = bytesOf(call.payload);
    } else {
      const text = stringify(call.payload === undefined ? {} : call.payload);
      if (typeof text !== 'string' || text[0] !== '{') throw 'the isolation hook must return an object payload';
      payload = encoder.encode(text);
    }
    const envelope = encoder.encode(stringify({
      cmd: call.cmd,
      origin,
      time: now(),
      contentType: binary ? 'application/octet-stream' : 'application/json',
      headers: sealedHeaders(call.options),
    }) + '\n');
    const plain = new Uint8Array(envelope.length + payload.length);
    plain.set(envelope, 0);
    plain.set(payload, envelope.length);
    const nonce = randomValues(new Uint8Array(12));
    const sealed = new Uint8Array(await encrypt({ name: 'AES-GCM', iv: nonce }, await keyPromise, plain));
    const body = new Uint8Array(12 + sealed.length);
    body.set(nonce, 0);
    body.set(sealed, 12);
    return body.buffer;
  }

  async function handle(event) {
    const request = event.data;
    const id = request.id;
    try {
      const hook = window.__TAURI_ISOLATION_HOOK__;
      // No hook at all is a mistake in the isolation app: refuse rather than pass calls unseen.
      // An app that wants no checks says so with `__TAURI_ISOLATION_HOOK__ = null`.
      if (typeof hook !== 'function' && hook !== null) throw 'the isolation app defines no __TAURI_ISOLATION_HOOK__';
      let call = { cmd: request.cmd, payload: request.payload, options: request.options };
      if (hook) call = await hook(call);
      if (!call || typeof call !== 'object' || typeof call.cmd !== 'string' || call.cmd.length === 0)
        throw 'the isolation hook vetoed the call';
      const body = await seal(call, event.origin);
      post({ __warden: 'isolation-sealed', id, cmd: call.cmd, body }, [body]);
    } catch (e) {
      post({ __warden: 'isolation-refused', id, error: typeof e === 'string' ? e : String(e && e.message || e) });
    }
  }

  window.addEventListener('message', (event) => {
    const data = event.data;
    if (event.source !== parentWindow || !data || data.__warden !== 'isolation-request') return;
    handle(event);
  }, true);
  // The isolation app's own scripts (which set the hook) have run by `load`.
  window.addEventListener('load', () => post({ __warden: 'isolation-ready' }), { once: true });
})
