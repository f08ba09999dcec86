// The isolation pattern's scenarios (issue 6). Reports `DONE {"<scenario>": {"ok", "detail"}}` in
// the title for check_results.py; check_log.py then reads the host's reasons for the refusals.
'use strict';
const results = {};
// The title holds about 1000 characters: details only for what failed.
const report = (name, ok, detail) => {
  results[name] = { ok: ok === true, detail: ok === true ? '' : String(detail).slice(0, 100) };
};
const internals = window.__TAURI_INTERNALS__;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// What the isolation frame posts back to this window is visible to page scripts: capture it.
const sealedSeen = [];
window.addEventListener('message', (event) => {
  const d = event.data;
  if (d && d.__warden === 'isolation-sealed') sealedSeen.push({ cmd: d.cmd, body: d.body.slice(0) });
});

// A call past the bridge (and past the isolation frame): the native function of an iframe this
// page makes, taken from the frame's initial about:blank window. It calls as this page's origin;
// under the isolation pattern the host takes only sealed messages from it.
function rawIpc(command, body, contentType) {
  const frame = document.createElement('iframe');
  // Until the frame's first document commits, its initial about:blank window has the extension's
  // function and no bridge (WebKit runs no user script there while a load is pending).
  frame.src = 'no-such-page.html';
  document.body.appendChild(frame);
  const native = frame.contentWindow.__warden_ipc;
  return new Promise((resolve) => native(command, contentType, body, null, (status, type, value) => {
    frame.remove();
    resolve({ status, body: type.startsWith('application/json') ? JSON.parse(value) : value });
  }));
}

async function scenario(name, fn) {
  try {
    const [ok, detail] = await fn();
    report(name, ok, detail);
  } catch (e) {
    report(name, false, 'threw: ' + (e && e.message ? e.message : JSON.stringify(e)));
  }
}

async function rejection(promise) {
  try {
    const v = await promise;
    return { resolved: v };
  } catch (e) {
    return { rejected: e };
  }
}

async function run() {
  await scenario('hook_modifies_args', async () => {
    const v = await internals.invoke('greet', { name: 'Ada' });
    return [v === 'Hello, isolated Ada! Greetings from C++.', v];
  });
  await scenario('hook_changes_command', async () => {
    const v = await internals.invoke('salute', { name: 'Bo' });
    return [v === 'Hello, isolated Bo! Greetings from C++.', v];
  });
  await scenario('frame_is_sandboxed_other_origin', async () => {
    const f = document.getElementById('__warden_isolation__');
    let readable = true;
    try { void f.contentWindow.document; } catch (e) { readable = false; }
    const ok = f && f.getAttribute('sandbox') === 'allow-scripts' && f.src === 'isolation://localhost/index.html' &&
               !readable && window.__TAURI_ISOLATION_HOOK__ === undefined;
    return [ok, `sandbox=${f && f.getAttribute('sandbox')} src=${f && f.src} readable=${readable}`];
  });
  await scenario('isolation_frame_has_no_bridge', async () => {
    // The isolation document runs in an opaque origin, as a secure context (WebCrypto), without
    // the bridge, and cannot reach into this page.
    const seen = await internals.invoke('echo', { probe: true });
    return [seen.origin === 'null' && seen.bridge === 'undefined' && seen.secure === true && seen.parentReadable === false,
            JSON.stringify(seen)];
  });
  await scenario('csp_allows_isolation_frame', async () => {
    const r = await fetch('index.html');
    const csp = r.headers.get('Content-Security-Policy') || '';
    return [/frame-src 'self' isolation:/.test(csp), csp];
  });
  await scenario('hook_vetoes_call', async () => {
    const r = await rejection(internals.invoke('plugin:app|version'));
    return [r.rejected === 'the isolation hook refuses plugin:app|version', JSON.stringify(r)];
  });
  await scenario('hook_vetoes_by_returning_nothing', async () => {
    const r = await rejection(internals.invoke('greet', { name: 'Mallory' }));
    const name = await internals.invoke('plugin:app|name');  // other calls still pass
    return [r.rejected === 'the isolation hook vetoed the call' && name === 'Warden Isolation',
            `${JSON.stringify(r)} name=${name}`];
  });
  await scenario('json_roundtrip', async () => {
    const v = await internals.invoke('echo', { nested: { list: [1, 'two', null], unicode: 'é✓' } });
    return [JSON.stringify(v) === '{"nested":{"list":[1,"two",null],"unicode":"é✓"}}', JSON.stringify(v)];
  });
  await scenario('binary_roundtrip', async () => {
    const sent = new Uint8Array(70000);
    for (let i = 0; i < sent.length; ++i) sent[i] = (i * 7 + 3) & 255;
    sent[10] = 10;  // a newline byte inside the payload
    const back = new Uint8Array(await internals.invoke('echo', sent));
    const same = back.length === sent.length && back.every((b, i) => b === sent[i]);
    return [same, `sent ${sent.length} bytes, got ${back.length}`];
  });
  await scenario('channel_through_isolation', async () => {
    const got = [];
    const id = internals.transformCallback((m) => got.push(m));
    const n = await internals.invoke('stream', { onEvent: '__CHANNEL__:' + id, count: 3 });
    await sleep(100);
    const messages = got.filter((m) => m && m.message).map((m) => m.message.i);
    return [n === 3 && JSON.stringify(messages) === "[0,1,2]", `n=${n} messages=${JSON.stringify(messages)}`];
  });
  await scenario('forged_plain_denied', async () => {
    const r = await rawIpc('greet', JSON.stringify({ name: 'forged' }), 'application/json');
    return [r.status === 403 && r.body === 'not allowed', `${r.status} ${JSON.stringify(r.body)}`];
  });
  await scenario('forged_bogus_ciphertext_denied', async () => {
    const bogus = crypto.getRandomValues(new Uint8Array(96));
    const r = await rawIpc('greet', bogus, 'application/x-warden-isolation');
    return [r.status === 403 && r.body === 'not allowed', `${r.status} ${JSON.stringify(r.body)}`];
  });
  await scenario('replayed_ciphertext_denied', async () => {
    const before = sealedSeen.length;
    const v = await internals.invoke('plugin:app|name');
    const captured = sealedSeen.slice(before).find((s) => s.cmd === 'plugin:app|name');
    if (!captured) return [false, `no sealed message captured (${sealedSeen.length} seen)`];
    const r = await rawIpc('plugin:app|name', captured.body, 'application/x-warden-isolation');
    return [v === 'Warden Isolation' && r.status === 403 && r.body === 'not allowed',
            `first=${v}; replay ${r.status} ${JSON.stringify(r.body)} (${captured.body.byteLength} bytes)`];
  });
  await scenario('frame_oracle_is_the_hook', async () => {
    // The page may post to the isolation frame itself and send what it seals: the hook still
    // judged that call (a veto is never sealed), so this is no more than calling invoke.
    const frame = document.getElementById('__warden_isolation__').contentWindow;
    const ask = (id, cmd, payload) => new Promise((resolve) => {
      const onMessage = (event) => {
        if (event.source !== frame || !event.data || event.data.id !== id) return;
        window.removeEventListener('message', onMessage);
        resolve(event.data);
      };
      window.addEventListener('message', onMessage);
      frame.postMessage({ __warden: 'isolation-request', id, cmd, payload, options: {} }, '*');
    });
    const vetoed = await ask(900001, 'plugin:app|version', {});
    const sealed = await ask(900002, 'greet', { name: 'Eve' });
    if (sealed.__warden !== 'isolation-sealed') return [false, JSON.stringify(sealed)];
    const r = await rawIpc('greet', sealed.body, 'application/x-warden-isolation');
    const through = await internals.invoke('greet', { name: 'Eve' });
    return [vetoed.__warden === 'isolation-refused' && r.status === 200 && r.body === through,
            `veto=${vetoed.__warden}:${vetoed.error}; raw sealed ${r.status} ${JSON.stringify(r.body)}; invoke ${JSON.stringify(through)}`];
  });
  document.title = 'DONE ' + JSON.stringify(results);
}
run();
