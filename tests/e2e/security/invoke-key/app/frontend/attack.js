// Issue 12, finding 7, as a hostile page performs it: frame a page of the same origin and, before
// the child's bridge runs, wrap what a bridge in the child's window could use (WebKit reuses the
// frame's initial about:blank window for the child document). Whatever the wrappers see is
// searched for the invoke key; a key found is then used for a raw ipc:// request that would write
// a file. Reports `DONE {"<scenario>": {ok, detail}}`; check_attack.py also checks the disk.
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

  await scenario('raw_fetch_with_captured_key_denied', async () => {
    // With a captured key, a raw request bypasses the bridge: here, a write of the fs plugin.
    const keys = captured.size ? [...captured] : ['0'.repeat(64)];
    const statuses = [];
    for (const key of keys) {
      const r = await fetch('ipc://localhost/' + encodeURIComponent('plugin:fs|write_file'), {
        method: 'POST',
        body: new TextEncoder().encode('RAW'),
        headers: {
          'Content-Type': 'application/octet-stream',
          'Tauri-Invoke-Key': key,
          'Warden-Caller-Headers': 'path',
          path: encodeURIComponent(DATA + '/raw-fetch.txt'),
        },
      });
      statuses.push(r.status);
    }
    return [statuses.every((s) => s === 403), `statuses ${statuses.join(',')} with ${captured.size} captured key(s)`];
  });
  document.title = 'DONE ' + JSON.stringify(results);
}
run();
