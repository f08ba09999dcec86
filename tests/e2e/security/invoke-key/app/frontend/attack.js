// Issue 12, finding 7, as a hostile page performs it: frame a page of the same origin and, before
// the child's bridge runs, wrap what a bridge in the child's window could use (WebKit reuses the
// frame's initial about:blank window for the child document) and take the native IPC function
// Warden's web extension put in that window. Whatever the wrappers see is searched for anything
// key-like; the captured function is then used, after the child's document started, for a call
// that would write a file. Reports `DONE {"<scenario>": {ok, detail}}`; check_attack.py also
// checks the disk.
'use strict';
const results = {};
const report = (name, ok, detail) => {
  results[name] = { ok: ok === true, detail: String(detail).slice(0, 160) };
};
const DATA = document.querySelector('meta[name=data]').content;
const KEY_LIKE = /[0-9a-f]{64}/i;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const captured = new Set();
const calls = {};
// Every key-like string reachable from `value` (objects, arrays, Headers), a few levels deep.
function search(value, depth = 0, seen = new Set()) {
  if (typeof value === 'string') {
    const m = value.match(KEY_LIKE);
    if (m) captured.add(m[0]);
    return;
  }
  if (value === null || (typeof value !== 'object' && typeof value !== 'function') || depth > 4 || seen.has(value)) return;
  seen.add(value);
  try {
    if (typeof value.forEach === 'function' && typeof value.get === 'function' && typeof value.has === 'function') {
      value.forEach((v, k) => { search(k, depth + 1, seen); search(v, depth + 1, seen); });
    }
    for (const key of Reflect.ownKeys(value)) {
      if (typeof key === 'string') search(key, depth + 1, seen);
      const d = Reflect.getOwnPropertyDescriptor(value, key);
      if (d && 'value' in d) search(d.value, depth + 1, seen);
    }
  } catch (e) { /* a cross-origin or revoked object: nothing to read */ }
}
// The search itself calls wrapped functions (a Headers' forEach): those calls are not searched again.
let searching = false;
function wrap(owner, name, label) {
  const original = owner[name];
  if (typeof original !== 'function') return;
  const wrapper = function (...args) {
    if (!searching) {
      calls[label] = (calls[label] || 0) + 1;
      searching = true;
      try {
        search(args);
        search(this);
      } finally {
        searching = false;
      }
    }
    return new.target ? Reflect.construct(original, args, new.target) : Reflect.apply(original, this, args);
  };
  try { wrapper.prototype = original.prototype; } catch (e) { /* not writable */ }
  owner[name] = wrapper;
}

async function scenario(name, fn) {
  try {
    const [ok, detail] = await fn();
    report(name, ok, detail);
  } catch (e) {
    report(name, false, 'threw: ' + (e && e.message ? e.message : JSON.stringify(e)));
  }
}

async function run() {
  const frame = document.createElement('iframe');
  frame.src = 'child.html';
  document.body.appendChild(frame);
  // At once, before child.html's document starts: its window is this about:blank one.
  const w = frame.contentWindow;
  const capturedNative = w.__warden_ipc;
  wrap(w, 'fetch', 'fetch');
  wrap(w.Reflect, 'apply', 'Reflect.apply');
  wrap(w.Reflect, 'construct', 'Reflect.construct');
  wrap(w.Function.prototype, 'call', 'Function.call');
  wrap(w.Function.prototype, 'apply', 'Function.apply');
  wrap(w.Object, 'create', 'Object.create');
  wrap(w.Object, 'assign', 'Object.assign');
  wrap(w, 'Headers', 'Headers');
  for (const m of ['set', 'append', 'forEach', 'get']) wrap(w.Headers.prototype, m, 'Headers.' + m);
  wrap(w, 'Request', 'Request');
  wrap(w.JSON, 'stringify', 'JSON.stringify');
  wrap(w, 'encodeURIComponent', 'encodeURIComponent');
  wrap(w.String.prototype, 'toLowerCase', 'toLowerCase');
  wrap(w.EventTarget.prototype, 'dispatchEvent', 'dispatchEvent');
  wrap(w.Window.prototype, 'postMessage', 'postMessage');
  for (const p of ['Tauri-Invoke-Key', 'headers', 'body']) {
    w.Object.defineProperty(w.Object.prototype, p, {
      configurable: true,
      set(v) { search(v); Object.defineProperty(this, p, { value: v, writable: true, enumerable: true, configurable: true }); },
    });
  }

  // The child's document, once it has its bridge.
  for (let i = 0; i < 200; ++i) {
    const doc = frame.contentDocument;
    if (doc && doc.readyState === 'complete' && frame.contentWindow.location.pathname.endsWith('child.html') &&
        frame.contentWindow.__TAURI_INTERNALS__) break;
    await sleep(25);
  }
  const child = frame.contentWindow;

  await scenario('child_bridge_works', async () => {
    const same = child === w && child.fetch !== window.fetch;
    const name = await child.__TAURI_INTERNALS__.invoke('plugin:app|name');
    const echoed = await child.__TAURI_INTERNALS__.invoke('plugin:app|version', {}, { headers: { 'X-Probe': '1' } });
    return [name === 'Warden Security Invoke Key' && echoed === '0.1.0',
            `name=${name} version=${echoed} windowReused=${same}`];
  });
  search(child.__TAURI_INTERNALS__);
  search(child.__TAURI_EVENT_PLUGIN_INTERNALS__);

  await scenario('key_not_captured', async () => {
    const wrapped = Object.entries(calls).map(([k, n]) => `${k}:${n}`).join(',');
    return [captured.size === 0, `${captured.size} key(s) captured; wrapper calls: ${wrapped}`];
  });

  await scenario('captured_native_function_refused', async () => {
    // The function taken from the child's initial window belongs to a window the frame no longer
    // shows: it throws instead of calling as the child's document. (Would it call, the fs plugin
    // would write raw-fetch.txt: check_attack.py looks.) The child's own function is off its window.
    if (typeof capturedNative !== 'function') return [false, `nothing captured: ${typeof capturedNative}`];
    let outcome;
    try {
      outcome = await new Promise((resolve) => capturedNative('plugin:fs|write_file', 'application/octet-stream',
        new TextEncoder().encode('RAW'), ['path', encodeURIComponent(DATA + '/raw-fetch.txt')],
        (status, type, value) => resolve(`answered ${status} ${value}`)));
    } catch (e) {
      outcome = 'threw: ' + String(e && e.message || e);
    }
    const childHasNone = !('__warden_ipc' in child);
    return [outcome.startsWith('threw:') && /no longer shows/.test(outcome) && childHasNone,
            `${outcome}; child window has the function: ${!childHasNone}`];
  });
  document.title = 'DONE ' + JSON.stringify(results);
}
run();
