// Warden's WebView bridge, transport half: injected by the host at document start in every frame,
// into a script world of Warden's own (webkit_user_script_new_for_world, kBridgeWorld). Page
// scripts share the DOM with this world but none of its JavaScript objects: its globals,
// prototypes and functions (fetch, Headers, Reflect ...) are its own, so no page script can wrap
// them, before or after this runs. It alone holds the invoke key and makes the ipc:// requests.
//
// This file is an expression: the host appends `("<invoke key>", <isolation>, <limit>);` to call
// it with the run's invoke key, whether app.security.pattern is "isolation" and
// app.ipc.maxCallsInFlight. A call beyond that many unanswered ones of this frame is refused at
// once, never sent (a page's flood would otherwise pile up in WebKit's queues and the host's
// memory); the count of refused calls rides on the next request, for the host's log.
//
// It serves the page half (bridge.js) through DOM events on `window`: REQUEST (the JSON line
// {id, cmd, headers}, then a newline and a small JSON body; or [line, small bytes]), or
// REQUEST_BODY (a large JSON string) then REQUEST (the line alone); it answers with RESULT (the
// JSON line {id, ok, kind}, then a newline and small text; or [line, small bytes]) or RESULT_BODY
// (large text) then RESULT. Bytes of
// 64 KiB and more go as messages posted to the window (BYTES_REQUEST, BYTES_RESULT), transferred. Any page script can
// send these events too: that is the same power as calling __TAURI_INTERNALS__.invoke, since this
// half, not the caller, decides what goes into the request. Only strings and bytes (alone or in
// a [string, bytes] pair) are read from an event and only those are sent back; WebKit copies anything else that crosses
// between worlds (a structured clone), so no object of one world ever reaches the other.
//
// Under the isolation pattern every call is first posted to a hidden iframe of
// isolation://localhost (sandboxed: allow-scripts only), where the app's isolation hook may change
// or veto it and the isolation runtime (isolation.js) seals it, caller headers included, with a
// key this world never sees; the transport then sends the sealed bytes instead of the arguments.
// It takes the frame's answers only from trusted message events (posted by the browser, not
// dispatched by a script) whose source is that frame, under ids a page cannot guess.
(function (invokeKey, isolationPattern, callsInFlightLimit) {
  'use strict';
  const REQUEST_BODY = 'warden:ipc-request-body';
  const REQUEST = 'warden:ipc-request';
  const RESULT_BODY = 'warden:ipc-result-body';
  const RESULT = 'warden:ipc-result';
  const TRANSPORT_READY = 'warden:ipc-ready';
  const IPC_BASE = 'ipc://localhost/';
  const INVOKE_KEY_HEADER = 'Tauri-Invoke-Key';
  const CALLER_HEADERS_HEADER = 'warden-caller-headers';
  const REFUSED_CALLS_HEADER = 'warden-refused-calls';
  const RESERVED_HEADERS = new Set(['content-type', 'tauri-invoke-key', CALLER_HEADERS_HEADER, REFUSED_CALLS_HEADER]);
  const TOO_MANY_CALLS = 'too many calls in flight';
  let callsInFlight = 0;
  let refusedCalls = 0;  // since the last request, which reports them
  const ISOLATION_FRAME_URL = 'isolation://localhost/index.html';
  const ISOLATION_CONTENT_TYPE = 'application/x-warden-isolation';
  const ISOLATION_START_TIMEOUT_MS = 10000;
  const ISOLATION_FAILED = 'the isolation frame did not start (is isolation: allowed by frame-src?)';

  function isBinary(value) {
    return value instanceof ArrayBuffer || ArrayBuffer.isView(value);
  }

  // Large bytes travel as messages posted to this window, transferred, not cloned (the page half
  // says why not through a MessagePort); smaller ones in events.
  const LARGE_BYTES = 65536;
  const BYTES_REQUEST = 'warden:ipc-bytes';
  const BYTES_RESULT = 'warden:ipc-bytes-result';

  function answer(id, ok, kind, value) {
    const result = JSON.stringify({ id, ok, kind });
    if (kind === 'bytes' && value.byteLength >= LARGE_BYTES) {
      window.postMessage({ __warden: BYTES_RESULT, result, value }, '*', [value]);
      return;
    }
    // Small text rides in the result's own event, after a newline (the JSON line has none);
    // small bytes as [line, bytes]: one crossing between the worlds per answer.
    if (typeof value === 'string' && value.length < LARGE_BYTES) {
      window.dispatchEvent(new CustomEvent(RESULT, { detail: result + '\n' + value }));
      return;
    }
    if (kind === 'bytes') {
      window.dispatchEvent(new CustomEvent(RESULT, { detail: [result, value] }));
      return;
    }
    window.dispatchEvent(new CustomEvent(RESULT_BODY, { detail: value }));
    window.dispatchEvent(new CustomEvent(RESULT, { detail: result }));
  }

  // The caller's headers as {lowercase name: value}, checked by this world's own Headers. The
  // names the bridge sets itself are dropped, as they always were (Content-Type is the bridge's).
  function callerHeaders(given) {
    const out = Object.create(null);
    if (given === null || typeof given !== 'object') return out;
    const headers = new Headers();
    for (const name of Object.keys(given)) {
      try {
        headers.append(name, String(given[name]));
      } catch (e) {
        throw `invalid request: header '${name}' is not a valid HTTP header`;
      }
    }
    headers.forEach((value, name) => {
      if (!RESERVED_HEADERS.has(name)) out[name] = value;
    });
    return out;
  }

  // The isolation frame of this frame: created on the first call (or when the top document is
  // parsed), answered only through trusted messages whose source is that frame's window.
  const isolation = { frame: null, window: null, ready: false, failed: false, queue: [], pending: new Map() };

  function startIsolationFrame() {
    if (isolation.frame) return;
    const root = document.body || document.documentElement;
    if (!root) return;
    const frame = document.createElement('iframe');
    // allow-scripts only: an opaque origin, no access to the app's storage or DOM. Attributes
    // rather than a style, so that a strict style-src does not matter.
    frame.setAttribute('sandbox', 'allow-scripts');
    frame.setAttribute('hidden', '');
    frame.setAttribute('id', '__warden_isolation__');
    frame.setAttribute('src', ISOLATION_FRAME_URL);
    root.appendChild(frame);
    isolation.frame = frame;
    isolation.window = frame.contentWindow;
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
    // A page can dispatch a MessageEvent naming the frame as its source, but never a trusted one.
    if (!event.isTrusted || !isolation.window || event.source !== isolation.window) return;
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

  // 128 random bits: the page sees the frame's answers (they are posted to its window) but not the
  // requests, so it cannot have the frame answer a pending call with a call of its own choosing.
  function newIsolationId() {
    const words = crypto.getRandomValues(new Uint32Array(4));
    let id = '';
    for (const w of words) id += w.toString(16).padStart(8, '0');
    return id;
  }

  // The call as the isolation hook left it, sealed: {cmd, body}.
  function sealThroughIsolation(cmd, payload, headers) {
    return new Promise((resolve, reject) => {
      startIsolationFrame();
      if (isolation.failed) return reject(ISOLATION_FAILED);
      if (!isolation.window) return reject('the isolation frame cannot be created before the document exists');
      const id = newIsolationId();
      isolation.pending.set(id, { resolve, reject });
      const message = { __warden: 'isolation-request', id, cmd, payload, options: { headers } };
      if (isolation.ready) isolation.window.postMessage(message, '*');
      else isolation.queue.push(message);
    });
  }

  if (isolationPattern) {
    window.addEventListener('message', onIsolationMessage, true);
    if (window === window.top) document.addEventListener('DOMContentLoaded', startIsolationFrame);
  }

  const commandUrls = new Map();
  function commandUrl(cmd) {
    let url = commandUrls.get(cmd);
    if (url === undefined) {
      url = IPC_BASE + encodeURIComponent(cmd);
      if (commandUrls.size < 1024) commandUrls.set(cmd, url);
    }
    return url;
  }

  async function call(cmd, given, body) {
    const caller = callerHeaders(given);
    const binary = isBinary(body);
    const headers = Object.create(null);
    let url = commandUrl(cmd);
    if (isolationPattern) {
      const payload = binary ? body : JSON.parse(body);
      const sealed = await sealThroughIsolation(cmd, payload, Object.assign({}, caller));
      body = sealed.body;
      headers['Content-Type'] = ISOLATION_CONTENT_TYPE;
      url = IPC_BASE + encodeURIComponent(sealed.cmd);
    } else {
      let names = '';
      for (const name of Object.keys(caller)) {
        headers[name] = caller[name];
        names += (names ? ',' : '') + name;
      }
      // The host hands exactly the listed headers to the command.
      if (names) headers[CALLER_HEADERS_HEADER] = names;
      headers['Content-Type'] = binary ? 'application/octet-stream' : 'application/json';
    }
    headers[INVOKE_KEY_HEADER] = invokeKey;
    if (refusedCalls > 0) {
      headers[REFUSED_CALLS_HEADER] = String(refusedCalls);
      refusedCalls = 0;
    }
    // The host knows the calling page; a Referer would only be one more header to copy per call.
    const init = { method: 'POST', body, headers, referrerPolicy: 'no-referrer' };
    let response;
    try {
      response = await fetch(url, init);
    } catch (e) {
      // No fallback to another transport: the host could not tell who is calling.
      throw { kind: 'text', value: 'IPC transport failed: ' + String(e) };
    }
    const type = response.headers.get('Content-Type') || '';
    if (type.startsWith('application/octet-stream')) return { ok: response.ok, kind: 'bytes', value: await response.arrayBuffer() };
    return { ok: response.ok, kind: type.startsWith('application/json') ? 'json' : 'text', value: await response.text() };
  }

  // One request: `request` the JSON text {id, cmd, headers}, `taken` its body. False when it is
  // not a request at all.
  function serve(request, taken) {
    if (typeof request !== 'string') return false;
    let parsed;
    try {
      parsed = JSON.parse(request);
    } catch (e) {
      return false;
    }
    if (!parsed || typeof parsed !== 'object') return false;
    const id = parsed.id;
    if (typeof id !== 'number' && typeof id !== 'string') return false;
    if (typeof parsed.cmd !== 'string' || parsed.cmd.length === 0) {
      answer(id, false, 'text', 'invalid command name');
    } else if (typeof taken !== 'string' && !isBinary(taken)) {
      answer(id, false, 'text', 'invalid request: the body must be a JSON string or bytes');
    } else if (callsInFlight >= callsInFlightLimit) {
      refusedCalls += 1;
      answer(id, false, 'text', TOO_MANY_CALLS);
    } else {
      callsInFlight += 1;
      call(parsed.cmd, parsed.headers, taken).then(
        (r) => {
          callsInFlight -= 1;
          answer(id, r.ok, r.kind, r.value);
        },
        (e) => {
          callsInFlight -= 1;
          if (e && typeof e === 'object' && e.kind === 'text') answer(id, false, 'text', e.value);
          else answer(id, false, 'text', typeof e === 'string' ? e : String(e && e.message || e));
        });
    }
    return true;
  }

  let body;
  window.addEventListener(REQUEST_BODY, (event) => { body = event.detail; }, true);
  window.addEventListener(REQUEST, (event) => {
    let request = event.detail;
    let taken = body;
    body = undefined;
    // Small bytes ride in the request's own event as [line, bytes] (a copy of this world's own).
    if (Array.isArray(request) && request.length === 2) {
      taken = request[1];
      request = request[0];
    }
    // A small JSON body follows the request line in the same event.
    const newline = typeof request === 'string' ? request.indexOf('\n') : -1;
    if (newline >= 0) {
      taken = request.slice(newline + 1);
      request = request.slice(0, newline);
    }
    // Taken: the page half need not wait for this half.
    if (serve(request, taken)) event.preventDefault();
  }, true);
  // Large bytes: only from this window's own scripts (a message of another frame has that frame as
  // its source), the same power as the events above.
  window.addEventListener('message', (event) => {
    const data = event.data;
    if (!event.isTrusted || event.source !== window || !data || data.__warden !== BYTES_REQUEST) return;
    serve(data.request, data.body);
  }, true);
  window.dispatchEvent(new CustomEvent(TRANSPORT_READY));
})
