// Warden's WebView bridge: injected by the host at document start in every frame, before any page
// script, into the page's own script world. It gives the unmodified @tauri-apps/api package what it
// calls on `window.__TAURI_INTERNALS__` and `window.__TAURI_EVENT_PLUGIN_INTERNALS__` (see
// docs/bridge.md).
//
// This file is an expression: the host appends `(<metadata JSON>, <freeze>, <isolation>);` to call
// it with the labels of the window and webview it is injected into, app.security.freezePrototype
// and whether app.security.pattern is "isolation".
//
// It holds no secret. Page scripts share its world, so anything here may be read or wrapped by
// them, even before it runs (a same-origin parent can reach a child frame's window before the
// child's document starts). Calls go to the host through the native function that Warden's web
// extension defined in this window before any script ran (docs/ipc.md): the extension, not this
// script, tells the host which frame and origin call, so a page that wraps or replaces anything
// here can only make calls as itself.
(function (metadata, freezePrototype, isolationPattern) {
  'use strict';
  if (window.__TAURI_INTERNALS__) return;
  // The extension's function for this frame's current window, taken off the window at once. A
  // script that got it first (a same-origin parent, before this document started) holds a function
  // that throws once this document replaced its window; one of this document can only call as it.
  const native = window.__warden_ipc;
  try { delete window.__warden_ipc; } catch (e) { /* not configurable: a page defined it first */ }

  // Captured so that a page script replacing them later does not break its own calls. (They
  // guard nothing: a script that replaced them first only deceives itself.)
  const apply = Reflect.apply;
  const addListener = EventTarget.prototype.addEventListener;
  const NativeHeaders = Headers;
  const NativePromise = Promise;
  const headersForEach = NativeHeaders.prototype.forEach;
  const createObject = Object.create;
  const isArray = Array.isArray;
  const isView = ArrayBuffer.isView;
  const stringify = JSON.stringify;
  const parseJson = JSON.parse;
  const objectKeys = Object.keys;
  // The bridge's own tables are read and written through the originals, never through what a
  // page can replace later (Map.prototype.get, Function.prototype.call, ...). This one does guard
  // something: a page that replaced Map.prototype.get to hand back a recorder for ids it does not
  // hold would otherwise catch whatever reaches runCallback for them (issue 13, finding 1).
  const NativeMap = Map;
  const mapGet = NativeMap.prototype.get;
  const mapSet = NativeMap.prototype.set;
  const mapHas = NativeMap.prototype.has;
  const mapDelete = NativeMap.prototype.delete;
  const NativeUint32Array = Uint32Array;
  const getRandomValues = Crypto.prototype.getRandomValues;
  const pageCrypto = crypto;
  function tableGet(table, key) { return apply(mapGet, table, [key]); }
  function tableSet(table, key, value) { apply(mapSet, table, [key, value]); }
  function tableDelete(table, key) { apply(mapDelete, table, [key]); }
  const TO_IPC_KEY = '__TAURI_TO_IPC_KEY__';

  // Callbacks the host may run (event handlers, channels), by an unguessable id.
  const callbacks = new NativeMap();
  function newCallbackId() {
    const id = new NativeUint32Array(1);
    do { apply(getRandomValues, pageCrypto, [id]); } while (id[0] === 0 || apply(mapHas, callbacks, [id[0]]));
    return id[0];
  }
  function transformCallback(callback, once = false) {
    const id = newCallbackId();
    tableSet(callbacks, id, (data) => {
      if (once) tableDelete(callbacks, id);
      if (callback) return callback(data);
    });
    return id;
  }
  function unregisterCallback(id) {
    tableDelete(callbacks, id);
  }
  // What the host runs (only in the page that registered the callback): an id this document
  // does not hold does nothing.
  function runCallback(id, data) {
    const callback = tableGet(callbacks, id);
    if (typeof callback === 'function') callback(data);
  }

  // Event listeners by the id the host gave them, so that unlisten can drop the handler
  // at once, before the host has acknowledged it.
  const eventHandlers = new NativeMap();

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
    return value instanceof ArrayBuffer || isView(value);
  }

  // The bytes to hand over: the extension reads an ArrayBuffer or a typed array (a DataView as the
  // bytes it shows).
  function wholeBytes(value) {
    if (value instanceof ArrayBuffer || !(value instanceof DataView)) return value;
    return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  }

  // Caller headers the bridge sets itself or that meant something to the old transport: never
  // taken from the page.
  const RESERVED_HEADERS = ['content-type', 'tauri-invoke-key', 'warden-caller-headers', 'warden-refused-calls'];
  const arrayIncludes = Array.prototype.includes;
  const arrayPush = Array.prototype.push;
  const startsWith = String.prototype.startsWith;
  const TRANSPORT_FAILED = 'IPC transport failed: ';
  const ISOLATION_CONTENT_TYPE = 'application/x-warden-isolation';

  // One call through the extension: resolves with the host's answer decoded by its content type,
  // rejects with it when the status is not 2xx.
  function send(cmd, contentType, body, headerList) {
    return new NativePromise((resolve, reject) => {
      if (typeof native !== 'function') {
        reject(TRANSPORT_FAILED + "Warden's web extension did not define its function in this frame");
        return;
      }
      const answer = (status, type, value) => {
        if (apply(startsWith, type, ['application/json'])) {
          try {
            value = parseJson(value);
          } catch (e) {
            reject(TRANSPORT_FAILED + 'the answer is not JSON');
            return;
          }
        }
        if (status >= 200 && status < 300) resolve(value);
        else reject(value);
      };
      try {
        apply(native, undefined, [cmd, contentType, body, headerList, answer]);
      } catch (e) {
        reject(TRANSPORT_FAILED + String(e && e.message || e));
      }
    });
  }

  // Under the isolation pattern every call is first posted to a hidden iframe of
  // isolation://localhost (sandboxed: allow-scripts only), where the app's isolation hook may change
  // or veto it and the isolation runtime (isolation.js) seals it, caller headers included, with a
  // key no page script sees; the sealed bytes are what the host gets. The frame's answers are taken
  // only from trusted message events (posted by the browser, not dispatched by a script) whose
  // source is that frame, under ids a page cannot guess. (A page may post its own requests to the
  // frame: the hook judges them too, and what comes back is sealed for this frame's origin.)
  const ISOLATION_FRAME_URL = 'isolation://localhost/index.html';
  const ISOLATION_START_TIMEOUT_MS = 10000;
  const ISOLATION_FAILED = 'the isolation frame did not start (is isolation: allowed by frame-src?)';
  const isolation = { frame: null, window: null, ready: false, failed: false, queue: [], pending: new NativeMap() };
  const createElement = Document.prototype.createElement;
  const setAttribute = Element.prototype.setAttribute;
  const appendChild = Node.prototype.appendChild;
  const contentWindowOf = Object.getOwnPropertyDescriptor(HTMLIFrameElement.prototype, 'contentWindow').get;
  const eventSource = Object.getOwnPropertyDescriptor(MessageEvent.prototype, 'source').get;
  const eventData = Object.getOwnPropertyDescriptor(MessageEvent.prototype, 'data').get;
  const setTimer = setTimeout;

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
    setTimer(() => {
      if (isolation.ready) return;
      isolation.failed = true;
      for (const [, call] of isolation.pending) call.reject(ISOLATION_FAILED);
      isolation.pending = new NativeMap();
      isolation.queue = [];
    }, ISOLATION_START_TIMEOUT_MS);
  }

  function onIsolationMessage(event) {
    // A page can dispatch a MessageEvent naming the frame as its source, but never a trusted one.
    // isTrusted is unforgeable: an own property of every event that no script can redefine.
    if (!event.isTrusted || !isolation.window || apply(eventSource, event, []) !== isolation.window) return;
    const data = apply(eventData, event, []);
    if (!data || typeof data !== 'object') return;
    if (data.__warden === 'isolation-ready') {
      isolation.ready = true;
      const queued = isolation.queue;
      isolation.queue = [];
      for (const message of queued) isolation.window.postMessage(message, '*');
      return;
    }
    const call = tableGet(isolation.pending, data.id);
    if (!call) return;
    tableDelete(isolation.pending, data.id);
    if (data.__warden === 'isolation-sealed' && typeof data.cmd === 'string' && data.body instanceof ArrayBuffer) {
      call.resolve({ cmd: data.cmd, body: data.body });
    } else {
      call.reject(typeof data.error === 'string' ? data.error : 'the isolation frame refused the call');
    }
  }

  // 128 random bits: the page sees the frame's answers (they are posted to its window) but not
  // which ids the bridge waits for, so it cannot have the frame answer a pending call with a call
  // of its own choosing.
  function newIsolationId() {
    const words = new NativeUint32Array(4);
    apply(getRandomValues, pageCrypto, [words]);
    let id = '';
    for (let i = 0; i < 4; i += 1) id += ('0000000' + words[i].toString(16)).slice(-8);
    return id;
  }

  // The call as the isolation hook left it, sealed: {cmd, body}.
  function sealThroughIsolation(cmd, payload, headers) {
    return new NativePromise((resolve, reject) => {
      startIsolationFrame();
      if (isolation.failed) return reject(ISOLATION_FAILED);
      if (!isolation.window) return reject('the isolation frame cannot be created before the document exists');
      const id = newIsolationId();
      tableSet(isolation.pending, id, { resolve, reject });
      const message = { __warden: 'isolation-request', id, cmd, payload, options: { headers } };
      // A cross-origin window: its postMessage is out of page scripts' reach.
      if (isolation.ready) isolation.window.postMessage(message, '*');
      else apply(arrayPush, isolation.queue, [message]);
    });
  }

  if (isolationPattern) {
    apply(addListener, window, ['message', onIsolationMessage, true]);
    if (window === window.top) apply(addListener, document, ['DOMContentLoaded', startIsolationFrame]);
  }

  async function invoke(cmd, args = {}, options = undefined) {
    if (typeof cmd !== 'string' || cmd.length === 0) throw 'invalid command name';
    // The caller's headers (plugin-fs sends a written file's path this way next to its bytes), as
    // lowercase names, checked by Headers.
    const headers = createObject(null);
    const headerList = [];
    if (options && options.headers) {
      let given;
      try {
        given = new NativeHeaders(options.headers);
      } catch (e) {
        throw 'invalid request: a header is not a valid HTTP header';
      }
      apply(headersForEach, given, [(value, name) => {
        if (apply(arrayIncludes, RESERVED_HEADERS, [name])) return;
        headers[name] = value;
        apply(arrayPush, headerList, [name, value]);
      }]);
    }
    const binary = isBinary(args);
    const body = binary ? wholeBytes(args) : serializeArgs(args === undefined ? {} : args);
    let value;
    if (isolationPattern) {
      const sealed = await sealThroughIsolation(cmd, binary ? body : parseJson(body), headers);
      value = await send(sealed.cmd, ISOLATION_CONTENT_TYPE, sealed.body, null);
    } else {
      value = await send(cmd, binary ? 'application/octet-stream' : 'application/json', body, headerList);
    }
    if (cmd === 'plugin:event|listen' && args && typeof args.handler === 'number') {
      tableSet(eventHandlers, value, args.handler);
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
      const handler = tableGet(eventHandlers, eventId);
      if (handler !== undefined) {
        unregisterCallback(handler);
        tableDelete(eventHandlers, eventId);
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
