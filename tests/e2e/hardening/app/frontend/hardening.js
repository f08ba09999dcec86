// The hardening scenarios (issue 6): invoke key, freezePrototype, generic errors, CSP.
// Reports `DONE {"<scenario>": {"ok": bool, "detail": string}, ...}` in the title, as the main
// e2e page does, for check_results.py.
'use strict';
const results = {};
const report = (name, ok, detail) => { results[name] = { ok: ok === true, detail: String(detail).slice(0, 120) }; };
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const internals = window.__TAURI_INTERNALS__;
const KEY_LIKE = /[0-9a-f]{64}/i;

const violations = [];
document.addEventListener('securitypolicyviolation', (e) => violations.push(e.violatedDirective));

async function rawIpc(command, headers) {
  const r = await fetch('ipc://localhost/' + encodeURIComponent(command),
                        { method: 'POST', body: '{}', headers: Object.assign({ 'Content-Type': 'application/json' }, headers) });
  return { status: r.status, body: await r.json() };
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
               /connect-src 'self' ipc:/.test(csp) && !csp.includes('unsafe-inline');
    return [ok, csp];
  });
  await scenario('raw_fetch_without_key_denied', async () => {
    const r = await rawIpc('plugin:app|version', {});
    return [r.status === 403 && r.body === 'not allowed', `${r.status} ${JSON.stringify(r.body)}`];
  });
  await scenario('raw_fetch_wrong_key_denied', async () => {
    const r = await rawIpc('plugin:app|name', { 'Tauri-Invoke-Key': '0'.repeat(64) });
    return [r.status === 403 && r.body === 'not allowed', `${r.status} ${JSON.stringify(r.body)}`];
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
