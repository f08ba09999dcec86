// The hardening scenarios (issue 6): the native IPC entry point, freezePrototype, generic errors, CSP.
// Reports `DONE {"<scenario>": {"ok": bool, "detail": string}, ...}` in the title, as the main
// e2e page does, for check_results.py.
'use strict';
const results = {};
// The title holds about 1000 characters: passing scenarios keep a short detail.
const report = (name, ok, detail) => { results[name] = { ok: ok === true, detail: String(detail).slice(0, ok === true ? 40 : 120) }; };
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const internals = window.__TAURI_INTERNALS__;
const KEY_LIKE = /[0-9a-f]{64}/i;

const violations = [];
document.addEventListener('securitypolicyviolation', (e) => violations.push(e.violatedDirective));

// A call that skips the bridge: the native function of a frame this page makes, taken from the
// frame's initial about:blank window. It can only call as this page's origin (about:blank inherits
// it), and the host checks it as any call.
function rawNative(command, contentType, body) {
  const frame = document.createElement('iframe');
  // Until the frame's first document commits, its initial about:blank window has the extension's
  // function and no bridge (WebKit runs no user script there while a load is pending).
  frame.src = 'no-such-page.html';
  document.body.appendChild(frame);
  const native = frame.contentWindow.__warden_ipc;
  return new Promise((resolve) => native(command, contentType, body, null, (status, type, value) => {
    frame.remove();
    resolve({ status, type, body: type.startsWith('application/json') ? JSON.parse(value) : value });
  }));
}

// Every string reachable from the bridge's globals, their functions' source included.
function strings(value, seen = new Set(), out = []) {
  if (value === null || value === undefined) return out;
  if (typeof value === 'string') { out.push(value); return out; }
  if (typeof value !== 'object' && typeof value !== 'function') { out.push(String(value)); return out; }
  if (seen.has(value)) return out;
  seen.add(value);
  if (typeof value === 'function') out.push(Function.prototype.toString.call(value));
  for (const key of Reflect.ownKeys(value)) {
    out.push(String(key));
    const d = Object.getOwnPropertyDescriptor(value, key);
    if (d && 'value' in d) strings(d.value, seen, out);
  }
  return out;
}

async function scenario(name, fn) {
  try {
    const [ok, detail] = await fn();
    report(name, ok, detail);
  } catch (e) {
    report(name, false, 'threw: ' + (e && e.message ? e.message : e));
  }
}

async function run() {
  await scenario('bridge_works_under_strict_csp', async () => {
    const v = await internals.invoke('plugin:app|version');
    return [v === '2.0.1', v];
  });
  await scenario('app_inline_script_runs', async () => [window.__appInlineRan === true, String(window.__appInlineRan)]);
  await scenario('app_inline_style_applies', async () => {
    const c = getComputedStyle(document.body).color;
    return [c === 'rgb(1, 2, 3)', c];
  });
  await scenario('injected_inline_script_blocked', async () => {
    const s = document.createElement('script');
    s.textContent = 'window.__injectedRan = true;';
    document.head.appendChild(s);
    await sleep(200);
    const blocked = window.__injectedRan === undefined;
    const reported = violations.some((d) => d.startsWith('script-src'));
    return [blocked && reported, `ran=${!blocked} violations=${violations.join(',')}`];
  });
  await scenario('csp_header_sent', async () => {
    const r = await fetch('index.html');
    const csp = r.headers.get('Content-Security-Policy') || '';
    const ok = /script-src 'self' 'sha256-[A-Za-z0-9+/=]+'/.test(csp) && /style-src 'self' 'sha256-/.test(csp) &&
               !/ipc:/.test(csp) && !csp.includes('unsafe-inline');
    return [ok, csp];
  });
  await scenario('ipc_scheme_gone', async () => {
    // The old transport's scheme is not registered any more: no second door beside the native path.
    try {
      const r = await fetch('ipc://localhost/' + encodeURIComponent('plugin:app|version'), { method: 'POST', body: '{}' });
      return [false, `answered ${r.status}`];
    } catch (e) {
      return [e instanceof TypeError, String(e)];
    }
  });
  await scenario('native_function_taken_off_window', async () => {
    return [!('__warden_ipc' in window), `in window: ${'__warden_ipc' in window}`];
  });
  await scenario('native_call_checked_as_any_call', async () => {
    // Past the bridge, straight to the host: a body of a type no bridge sends, and a command the
    // page has no grant for, are refused as through invoke (and logged: check_log.py).
    const odd = await rawNative('plugin:app|version', 'text/plain', '{}');
    const denied = await rawNative('greet', 'application/json', '{"name":"x"}');
    return [odd.status === 400 && odd.body === 'invalid request' && denied.status === 403 && denied.body === 'not allowed',
            `odd ${odd.status} ${JSON.stringify(odd.body)}; greet ${denied.status} ${JSON.stringify(denied.body)}`];
  });
  await scenario('key_not_in_globals', async () => {
    const roots = [window.__TAURI_INTERNALS__, window.__TAURI_EVENT_PLUGIN_INTERNALS__, window.isTauri];
    for (const name of Object.getOwnPropertyNames(window)) {
      if (name.startsWith('__') || /tauri|warden|ipc|key/i.test(name)) roots.push(window[name]);
    }
    const all = [document.documentElement.outerHTML, document.cookie];
    for (const r of roots) strings(r, new Set(), all);
    const leaks = all.filter((s) => KEY_LIKE.test(s));
    return [leaks.length === 0 && all.length > 10, `${all.length} strings scanned, ${leaks.length} key-like`];
  });
  await scenario('page_fetch_wrapper_bypassed', async () => {
    const original = window.fetch;
    const seen = [];
    window.fetch = function (...args) { seen.push(String(args[0])); return original.apply(this, args); };
    const headerCalls = [];
    const set = Headers.prototype.set, append = Headers.prototype.append;
    Headers.prototype.set = function (k, v) { headerCalls.push(k); return set.call(this, k, v); };
    Headers.prototype.append = function (k, v) { headerCalls.push(k); return append.call(this, k, v); };
    try {
      const v = await internals.invoke('plugin:app|name', {}, { headers: { 'X-Extra': '1' } });
      return [v === 'Warden Hardening' && seen.length === 0 && !headerCalls.some((k) => /key/i.test(k)),
              `value=${v} wrappedFetchCalls=${seen.length} headerCalls=${headerCalls.join(',')}`];
    } finally {
      window.fetch = original;
      Headers.prototype.set = set;
      Headers.prototype.append = append;
    }
  });
  await scenario('freeze_prototype', async () => {
    let threw = false;
    try { Object.prototype.polluted = 1; } catch (e) { threw = e instanceof TypeError; }
    let defineThrew = false;
    try { Object.defineProperty(Object.prototype, 'headers', { get() { return 1; } }); } catch (e) { defineThrew = true; }
    return [Object.isFrozen(Object.prototype) && threw && defineThrew && ({}).polluted === undefined,
            `frozen=${Object.isFrozen(Object.prototype)} assignThrew=${threw} defineThrew=${defineThrew}`];
  });
  await scenario('denied_call_generic_error', async () => {
    try {
      await internals.invoke('greet', { name: 'x' });
      return [false, 'greet resolved'];
    } catch (e) {
      return [e === 'not allowed', JSON.stringify(e)];
    }
  });
  document.title = 'DONE ' + JSON.stringify(results);
}
run();
