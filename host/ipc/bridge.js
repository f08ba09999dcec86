// Warden's WebView bridge, page half: injected by the host at document start in every frame,
// before any page script, into the page's own script world. It gives the unmodified
// @tauri-apps/api package what it calls on `window.__TAURI_INTERNALS__` and
// `window.__TAURI_EVENT_PLUGIN_INTERNALS__` (see docs/bridge.md).
//
// This file is an expression: the host appends `(<metadata JSON>, <freeze>);` to call it with the
// labels of the window and webview it is injected into and app.security.freezePrototype.
//
// This half holds no secret. Page scripts share its world, so anything here may be read or
// wrapped by them, even before it runs (a same-origin parent can reach a child frame's window
// before the child's document starts). The invoke key and the transport live in the other half,
// bridge_transport.js, in a script world of Warden's own that page scripts cannot reach. The two
// halves meet only through DOM events on `window` whose details are strings or bytes (a call goes
// out as REQUEST, its body in the same event when small, else in a REQUEST_BODY before it; the
// answer comes back as RESULT, or RESULT_BODY then RESULT) and, for large bytes, messages posted
// to this window (docs/security.md, "Invoke key", says why nothing else crosses).
(function (metadata, freezePrototype) {
  'use strict';
  if (window.__TAURI_INTERNALS__) return;

  // Captured so that a page script replacing them later does not break its own calls. (They
  // guard nothing: a script that replaced them first only deceives itself.)
  const apply = Reflect.apply;
  const dispatchEvent = EventTarget.prototype.dispatchEvent;
  const addListener = EventTarget.prototype.addEventListener;
  const NativeCustomEvent = CustomEvent;
  const stopImmediatePropagation = Event.prototype.stopImmediatePropagation;
  const NativeHeaders = Headers;
  const NativePromise = Promise;
  const headersForEach = NativeHeaders.prototype.forEach;
  const createObject = Object.create;
  const isArray = Array.isArray;
  const isView = ArrayBuffer.isView;
  const stringify = JSON.stringify;
  const parseJson = JSON.parse;
  const objectKeys = Object.keys;
  const indexOf = String.prototype.indexOf;
  const slice = String.prototype.slice;
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
  const REQUEST_BODY = 'warden:ipc-request-body';
  const REQUEST = 'warden:ipc-request';
  const RESULT_BODY = 'warden:ipc-result-body';
  const RESULT = 'warden:ipc-result';
  const TRANSPORT_READY = 'warden:ipc-ready';

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

  // The bytes to hand over: crossing to the transport copies a view's whole buffer, so a view of
  // part of a buffer goes as a copy of just its bytes.
  function wholeBytes(value) {
    if (value instanceof ArrayBuffer) return value;
    if (value.byteOffset === 0 && value.byteLength === value.buffer.byteLength) return value;
    return new Uint8Array(value.buffer, value.byteOffset, value.byteLength).slice();
  }

  function send(event, detail, cancelable) {
    return apply(dispatchEvent, window, [new NativeCustomEvent(event, { detail, cancelable })]);
  }

  // Large bytes go as a message posted to this window instead, transferred rather than copied by a
  // structured clone (which cost +50 % on a 16 MiB echo). Not through a MessagePort: WebKit routes
  // port messages through another process, which cost 1–3 ms a call at 64 KiB–1 MiB. The
  // transport takes only messages whose source is this window; any script of the page sees them,
  // and so sees only what the page's own calls carry. The transport answers large bytes the same way.
  const LARGE_BYTES = 65536;
  const BYTES_REQUEST = 'warden:ipc-bytes';
  const BYTES_RESULT = 'warden:ipc-bytes-result';
  const postToWindow = window.postMessage;
  // Calls by id until their RESULT arrives; requests made before the transport ran (WebKit does
  // not order user scripts of different worlds) wait for its TRANSPORT_READY.
  const pending = new NativeMap();
  let nextId = 1;
  let waiting = null;
  let resultBody;
  function post(request, body) {
    if (typeof body !== 'string' && body.byteLength >= LARGE_BYTES) {
      // A copy of the caller's bytes is transferred: the caller keeps its own.
      const bytes = body instanceof ArrayBuffer ? body.slice(0) : body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength);
      try {
        apply(postToWindow, window, [{ __warden: BYTES_REQUEST, request, body: bytes }, '*', [bytes]]);
        return;
      } catch (e) {
        // Not transferable (a SharedArrayBuffer): copied by the events below instead.
      }
    }
    // A small body rides in the request's own event, one crossing between the worlds per call
    // (each costs tens of µs when cold): JSON after the request line's newline (the line has no
    // raw newline, JSON.stringify escapes them), bytes as [line, bytes], copied by the crossing.
    // A large JSON string goes in an event before it: a string alone crosses without a copy.
    let detail;
    if (typeof body === 'string') {
      if (body.length < LARGE_BYTES) detail = request + '\n' + body;
      else send(REQUEST_BODY, body, false);
    } else {
      detail = [request, body];
    }
    // The transport cancels the event it took.
    if (send(REQUEST, detail === undefined ? request : detail, true)) (waiting || (waiting = [])).push([request, body]);
  }
  apply(addListener, window, [TRANSPORT_READY, () => {
    const queued = waiting;
    waiting = null;
    if (queued) for (const [request, body] of queued) post(request, body);
  }, true]);
  function settle(result, value) {
    const call = tableGet(pending, result.id);
    if (!call) return;
    tableDelete(pending, result.id);
    if (result.kind === 'json') {
      try {
        value = parseJson(value);
      } catch (e) {
        return call.reject('IPC transport failed: the answer is not JSON');
      }
    }
    if (result.ok) call.resolve(value);
    else call.reject(value);
  }
  apply(addListener, window, [RESULT_BODY, (event) => { resultBody = event.detail; }, true]);
  apply(addListener, window, [RESULT, (event) => {
    const detail = event.detail;
    let value = resultBody;
    resultBody = undefined;
    // Small bytes ride in the result's own event as [line, bytes].
    if (isArray(detail) && detail.length === 2 && typeof detail[0] === 'string') return settle(parseJson(detail[0]), detail[1]);
    if (typeof detail !== 'string') return;
    // A small text answer rides in the result's own event, after its first newline.
    const newline = apply(indexOf, detail, ['\n']);
    if (newline < 0) return settle(parseJson(detail), value);
    settle(parseJson(apply(slice, detail, [0, newline])), apply(slice, detail, [newline + 1]));
  }, true]);
  apply(addListener, window, ['message', (event) => {
    const data = event.data;
    if (event.source !== window || !data || data.__warden !== BYTES_RESULT || typeof data.result !== 'string') return;
    // The bridge's own message: the app's listeners need not copy its bytes once more. This
    // listener, added before any page script, runs before theirs.
    apply(stopImmediatePropagation, event, []);
    settle(parseJson(data.result), data.value);
  }, true]);

  async function invoke(cmd, args = {}, options = undefined) {
    if (typeof cmd !== 'string' || cmd.length === 0) throw 'invalid command name';
    // The caller's headers (plugin-fs sends a written file's path this way next to its bytes);
    // the transport decides which it sends.
    const headers = createObject(null);
    let hasHeaders = false;
    if (options && options.headers) {
      apply(headersForEach, new NativeHeaders(options.headers), [(value, name) => { headers[name] = value; hasHeaders = true; }]);
    }
    const body = isBinary(args) ? wholeBytes(args) : serializeArgs(args === undefined ? {} : args);
    const id = nextId++;
    const value = await new NativePromise((resolve, reject) => {
      tableSet(pending, id, { resolve, reject });
      post(hasHeaders ? stringify({ id, cmd, headers }) : stringify({ id, cmd }), body);
    });
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
