// Warden's WebView bridge: injected by the host at document start in every frame, before any
// page script. It gives the unmodified @tauri-apps/api package what it calls on
// `window.__TAURI_INTERNALS__` and `window.__TAURI_EVENT_PLUGIN_INTERNALS__` (see docs/bridge.md).
//
// This file is an expression: the host appends `(<metadata JSON>, "<invoke key>", <freeze>,
// <isolation>);` to call it with the labels of the window and webview it is injected into, the
// run's invoke key, app.security.freezePrototype and whether app.security.pattern is "isolation".
//
// Under the isolation pattern every call is first posted to a hidden iframe of
// isolation://localhost (sandboxed: allow-scripts only), where the app's isolation hook may change
// or veto it and the isolation runtime (isolation.js) seals it with a key this frame never sees;
// the bridge then sends the sealed bytes instead of the arguments.
//
// The invoke key must never reach page scripts. It lives only in this closure, and everything the
// request path touches is captured here, at document start, before any page script can replace
// it: the page may later wrap window.fetch, Headers.prototype or put getters on Object.prototype,
// and the bridge uses none of them (its fetch init and header record are null-prototype objects,
// so a getter on Object.prototype never sees them as `this`).
(function (metadata, invokeKey, freezePrototype, isolationPattern) {
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
  const CALLER_HEADERS_HEADER = 'warden-caller-headers';

  const IPC_BASE = 'ipc://localhost/';
  const TO_IPC_KEY = '__TAURI_TO_IPC_KEY__';
  const isArray = Array.isArray;
  const isView = ArrayBuffer.isView;
  const stringify = JSON.stringify;
  const objectKeys = Object.keys;
  const ISOLATION_FRAME_URL = 'isolation://localhost/index.html';
  const ISOLATION_CONTENT_TYPE = 'application/x-warden-isolation';
  const ISOLATION_START_TIMEOUT_MS = 10000;
  const parseJson = JSON.parse;
  const createElement = Document.prototype.createElement;
  const appendChild = Node.prototype.appendChild;
  const contentWindowOf = Object.getOwnPropertyDescriptor(HTMLIFrameElement.prototype, 'contentWindow').get;
  const addListener = EventTarget.prototype.addEventListener;
  const setAttribute = Element.prototype.setAttribute;
  const NativePromise = Promise;

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

  function ipcReplacer(_key, v) {
    return v !== null && typeof v === 'object' && typeof v[TO_IPC_KEY] === 'function' ? v[TO_IPC_KEY]() : v;
  }

  // Whether any object in `value` has its own IPC form (a Channel, a class with
  // SERIALIZE_TO_IPC_FN) or a toJSON: only then is the replacer needed. JSON.stringify with a
  // replacer function leaves the engine's fast path, which costs more than this walk (measured:
  // 16 MiB string 11 ms plain, 29 ms with the replacer). Deep or odd values take the replacer.
  function needsIpcReplacer(value, depth) {
    if (value === null || typeof value !== 'object') return false;
    if (depth > 32 || typeof value[TO_IPC_KEY] === 'function' || typeof value.toJSON === 'function') return true;
    if (isView(value) || value instanceof ArrayBuffer) return false;  // bytes hold no objects
    if (isArray(value)) {
      for (let i = 0; i < value.length; i += 1) if (needsIpcReplacer(value[i], depth + 1)) return true;
      return false;
    }
    for (const key of objectKeys(value)) if (needsIpcReplacer(value[key], depth + 1)) return true;
    return false;
  }

  function serializeArgs(value) {
    return needsIpcReplacer(value, 0) ? stringify(value, ipcReplacer) : stringify(value);
  }

  function isBinary(value) {
    return value instanceof ArrayBuffer || ArrayBuffer.isView(value);
  }

  // Returns the body's promise as it is (no async wrapper: one promise and tick less per call).
  function readResponse(response) {
    const type = response.headers.get('Content-Type') || '';
    if (type.startsWith('application/octet-stream')) return response.arrayBuffer();
    if (type.startsWith('application/json')) return response.json();
    return response.text();
  }

  // The isolation frame of this frame: created on the first call (or when the top document is
  // parsed), answered only through messages whose source is that frame's window.
  const isolation = { frame: null, window: null, ready: false, failed: false, queue: [], pending: new Map(), nextId: 1 };
  const ISOLATION_FAILED = 'the isolation frame did not start (is isolation: allowed by frame-src?)';

  function startIsolationFrame() {
    if (isolation.frame) return;
    const root = document.body || document.documentElement;
    if (!root) return;
    const frame = apply(createElement, document, ['iframe']);
    // allow-scripts only: an opaque origin, no access to the app's storage or DOM. Attributes
    // rather than a style, so that a strict style-src does not matter.
    apply(setAttribute, frame, ['sandbox', 'allow-scripts']);
    apply(setAttribute, frame, ['hidden', '']);
    apply(setAttribute, frame, ['id', '__warden_isolation__']);
    apply(setAttribute, frame, ['src', ISOLATION_FRAME_URL]);
    apply(appendChild, root, [frame]);
    isolation.frame = frame;
    isolation.window = apply(contentWindowOf, frame, []);
    // A frame that never starts (blocked by the page's CSP, removed, navigated away) fails every
    // call at once instead of leaving them pending forever.
    setTimeout(() => {
      if (isolation.ready) return;
      isolation.failed = true;
      for (const [, call] of isolation.pending) call.reject(ISOLATION_FAILED);
      isolation.pending.clear();
      isolation.queue = [];
    }, ISOLATION_START_TIMEOUT_MS);
  }

  function onIsolationMessage(event) {
    if (!isolation.window || event.source !== isolation.window) return;
    const data = event.data;
    if (!data || typeof data !== 'object') return;
    if (data.__warden === 'isolation-ready') {
      isolation.ready = true;
      const queued = isolation.queue;
      isolation.queue = [];
      for (const message of queued) isolation.window.postMessage(message, '*');
      return;
    }
    const call = isolation.pending.get(data.id);
    if (!call) return;
    isolation.pending.delete(data.id);
    if (data.__warden === 'isolation-sealed' && typeof data.cmd === 'string' && data.body instanceof ArrayBuffer) {
      call.resolve({ cmd: data.cmd, body: data.body });
    } else {
      call.reject(typeof data.error === 'string' ? data.error : 'the isolation frame refused the call');
    }
  }

  // The call as the isolation hook left it, sealed: {cmd, body}.
  function sealThroughIsolation(cmd, payload, headers) {
    return new NativePromise((resolve, reject) => {
      startIsolationFrame();
      if (isolation.failed) return reject(ISOLATION_FAILED);
      if (!isolation.window) return reject('the isolation frame cannot be created before the document exists');
      const id = isolation.nextId++;
      isolation.pending.set(id, { resolve, reject });
      const message = { __warden: 'isolation-request', id, cmd, payload, options: { headers: Object.assign({}, headers) } };
      if (isolation.ready) isolation.window.postMessage(message, '*');
      else isolation.queue.push(message);
    });
  }

  if (isolationPattern) {
    apply(addListener, window, ['message', onIsolationMessage, true]);
    if (window === window.top) apply(addListener, document, ['DOMContentLoaded', startIsolationFrame]);
  }

  async function invoke(cmd, args = {}, options = undefined) {
    if (typeof cmd !== 'string' || cmd.length === 0) throw 'invalid command name';
    // The caller's headers are copied into a null-prototype record; Content-Type and the key are
    // the bridge's own.
    const headers = createObject(null);
    if (options && options.headers) {
      // Their names go along in one header of the bridge's own, so the host hands exactly these
      // to the command (plugin-fs sends a file's path this way next to its raw bytes).
      let names = '';
      apply(headersForEach, new NativeHeaders(options.headers), [(value, name) => {
        const lower = apply(toLowerCase, name, []);
        if (lower === 'content-type' || lower === 'tauri-invoke-key' || lower === CALLER_HEADERS_HEADER) return;
        headers[name] = value;
        names += (names ? ',' : '') + lower;
      }]);
      if (names) headers[CALLER_HEADERS_HEADER] = names;
    }
    let body;
    if (isBinary(args)) {
      body = args;
      headers['Content-Type'] = 'application/octet-stream';
    } else {
      body = serializeArgs(args === undefined ? {} : args);
      headers['Content-Type'] = 'application/json';
    }
    let url = IPC_BASE + encodeComponent(cmd);
    if (isolationPattern) {
      // Plain data for the frame: toIPC values (Channels, ...) become what the host expects.
      const payload = isBinary(args) ? args : parseJson(body);
      const sealed = await sealThroughIsolation(cmd, payload, headers);
      body = sealed.body;
      headers['Content-Type'] = ISOLATION_CONTENT_TYPE;
      url = IPC_BASE + encodeComponent(sealed.cmd);
    }
    headers[INVOKE_KEY_HEADER] = invokeKey;
    const init = createObject(null);
    init.method = 'POST';
    init.body = body;
    init.headers = headers;
    // The host knows the calling page; a Referer would only be one more header to copy per call.
    init.referrerPolicy = 'no-referrer';
    let response;
    try {
      response = await apply(nativeFetch, window, [url, init]);
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
    // What @tauri-apps/api/path's sep() and delimiter() read (POSIX).
    plugins: Object.freeze({ path: Object.freeze({ sep: '/', delimiter: ':' }) }),
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
