// Warden's WebView bridge: injected by the host at document start in every frame, before any
// page script. It gives the unmodified @tauri-apps/api package what it calls on
// `window.__TAURI_INTERNALS__` and `window.__TAURI_EVENT_PLUGIN_INTERNALS__` (see docs/bridge.md).
//
// This file is an expression: the host appends `(<metadata JSON>, "<invoke key>", <freeze>);` to
// call it with the labels of the window and webview it is injected into, the run's invoke key and
// app.security.freezePrototype.
//
// The invoke key must never reach page scripts. It lives only in this closure, and everything the
// request path touches is captured here, at document start, before any page script can replace
// it: the page may later wrap window.fetch, Headers.prototype or put getters on Object.prototype,
// and the bridge uses none of them (its fetch init and header record are null-prototype objects,
// so a getter on Object.prototype never sees them as `this`).
(function (metadata, invokeKey, freezePrototype) {
  'use strict';
  if (window.__TAURI_INTERNALS__) return;

  const nativeFetch = window.fetch;
  const NativeHeaders = window.Headers;
  const apply = Reflect.apply;
  const createObject = Object.create;
  const headersForEach = NativeHeaders.prototype.forEach;
  const toLowerCase = String.prototype.toLowerCase;
  const encodeComponent = encodeURIComponent;
  const INVOKE_KEY_HEADER = 'Tauri-Invoke-Key';

  const IPC_BASE = 'ipc://localhost/';
  const TO_IPC_KEY = '__TAURI_TO_IPC_KEY__';

  // Callbacks the host may run (event handlers, channels), by an unguessable id.
  const callbacks = new Map();
  function newCallbackId() {
    const id = new Uint32Array(1);
    do { crypto.getRandomValues(id); } while (id[0] === 0 || callbacks.has(id[0]));
    return id[0];
  }
  function transformCallback(callback, once = false) {
    const id = newCallbackId();
    callbacks.set(id, (data) => {
      if (once) callbacks.delete(id);
      if (callback) return callback(data);
    });
    return id;
  }
  function unregisterCallback(id) {
    callbacks.delete(id);
  }
  function runCallback(id, data) {
    const callback = callbacks.get(id);
    if (callback) callback(data);
  }

  // Event listeners by the id the host gave them, so that unlisten can drop the handler
  // at once, before the host has acknowledged it.
  const eventHandlers = new Map();

  function serializeArgs(value) {
    return JSON.stringify(value, (_key, v) =>
      v !== null && typeof v === 'object' && typeof v[TO_IPC_KEY] === 'function' ? v[TO_IPC_KEY]() : v);
  }

  function isBinary(value) {
    return value instanceof ArrayBuffer || ArrayBuffer.isView(value);
  }

  async function readResponse(response) {
    const type = response.headers.get('Content-Type') || '';
    if (type.startsWith('application/octet-stream')) return response.arrayBuffer();
    if (type.startsWith('application/json')) return response.json();
    return response.text();
  }

  async function invoke(cmd, args = {}, options = undefined) {
    if (typeof cmd !== 'string' || cmd.length === 0) throw 'invalid command name';
    // The caller's headers are copied into a null-prototype record; Content-Type and the key are
    // the bridge's own.
    const headers = createObject(null);
    if (options && options.headers) {
      apply(headersForEach, new NativeHeaders(options.headers), [(value, name) => {
        const lower = apply(toLowerCase, name, []);
        if (lower !== 'content-type' && lower !== 'tauri-invoke-key') headers[name] = value;
      }]);
    }
    let body;
    if (isBinary(args)) {
      body = args;
      headers['Content-Type'] = 'application/octet-stream';
    } else {
      body = serializeArgs(args === undefined ? {} : args);
      headers['Content-Type'] = 'application/json';
    }
    headers[INVOKE_KEY_HEADER] = invokeKey;
    const init = createObject(null);
    init.method = 'POST';
    init.body = body;
    init.headers = headers;
    let response;
    try {
      response = await apply(nativeFetch, window, [IPC_BASE + encodeComponent(cmd), init]);
    } catch (e) {
      // No fallback to another transport: the host could not tell who is calling.
      throw 'IPC transport failed: ' + String(e);
    }
    const value = await readResponse(response);
    if (!response.ok) throw value;
    if (cmd === 'plugin:event|listen' && args && typeof args.handler === 'number') {
      eventHandlers.set(value, args.handler);
    }
    return value;
  }

  function convertFileSrc(filePath, protocol = 'asset') {
    return protocol + '://localhost/' + encodeURIComponent(filePath);
  }

  const internals = {
    invoke,
    transformCallback,
    unregisterCallback,
    runCallback,
    convertFileSrc,
    metadata,
  };
  Object.freeze(metadata.currentWindow);
  Object.freeze(metadata.currentWebview);
  Object.freeze(metadata);
  Object.defineProperty(window, '__TAURI_INTERNALS__', {
    value: Object.freeze(internals), writable: false, configurable: false, enumerable: false,
  });

  const eventInternals = {
    unregisterListener(_event, eventId) {
      const handler = eventHandlers.get(eventId);
      if (handler !== undefined) {
        unregisterCallback(handler);
        eventHandlers.delete(eventId);
      }
    },
  };
  Object.defineProperty(window, '__TAURI_EVENT_PLUGIN_INTERNALS__', {
    value: Object.freeze(eventInternals), writable: false, configurable: false, enumerable: false,
  });
  Object.defineProperty(window, 'isTauri', { value: true, writable: false, configurable: false });

  // app.security.freezePrototype: no page script can add to or change Object.prototype
  // (prototype pollution), since it runs after this.
  if (freezePrototype) Object.freeze(Object.prototype);
})
