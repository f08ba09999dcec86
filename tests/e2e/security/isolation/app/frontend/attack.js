// Issue 12, finding 3, as a hostile page performs it. The page holds fs:allow-write-file on the
// data folder; the isolation hook allows only allowed.txt. Reports `DONE {"<scenario>": {ok,
// detail}}` in the title; check_attack.py then checks the page's report and the files on disk.
'use strict';
const results = {};
const report = (name, ok, detail) => {
  results[name] = { ok: ok === true, detail: String(detail).slice(0, 140) };
};
const DATA = document.querySelector('meta[name=data]').content;
const WRITE = 'plugin:fs|write_file';
const internals = window.__TAURI_INTERNALS__;
const bytes = (text) => new TextEncoder().encode(text);
// What @tauri-apps/plugin-fs's writeFile sends: the bytes, the path percent-encoded in a header.
const writeFile = (name, text) =>
  internals.invoke(WRITE, bytes(text), { headers: { path: encodeURIComponent(DATA + '/' + name) } });

async function outcome(promise) {
  try {
    return { resolved: await promise };
  } catch (e) {
    return { rejected: typeof e === 'string' ? e : String(e && e.message || e) };
  }
}

async function scenario(name, fn) {
  try {
    const [ok, detail] = await fn();
    report(name, ok, detail);
  } catch (e) {
    report(name, false, 'threw: ' + (e && e.message ? e.message : JSON.stringify(e)));
  }
}

// Posts a request of the page's own to the isolation frame, as the bridge would, and waits for
// the frame's answer with that id.
function askFrame(frame, id, cmd, payload, options) {
  return new Promise((resolve) => {
    const onMessage = (event) => {
      if (event.source !== frame || !event.data || event.data.id !== id) return;
      window.removeEventListener('message', onMessage);
      resolve(event.data);
    };
    window.addEventListener('message', onMessage);
    frame.postMessage({ __warden: 'isolation-request', id, cmd, payload, options }, '*');
  });
}

async function run() {
  await scenario('allowed_write_passes', async () => {
    const r = await outcome(writeFile('allowed.txt', 'ALLOWED'));
    return ['resolved' in r, JSON.stringify(r)];
  });
  await scenario('hook_veto_holds', async () => {
    const r = await outcome(writeFile('forbidden-direct.txt', 'DIRECT'));
    return [r.rejected === 'the isolation hook refuses writing forbidden-direct.txt', JSON.stringify(r)];
  });
  await scenario('forged_sealed_event', async () => {
    const frame = document.getElementById('__warden_isolation__').contentWindow;
    // (a) The hook seals a write of allowed.txt for anyone who asks: keep the sealed body.
    const sealed = await askFrame(frame, 900001, WRITE, bytes('FORGED'),
                                  { headers: { path: encodeURIComponent(DATA + '/allowed.txt') } });
    if (sealed.__warden !== 'isolation-sealed') return [false, 'the frame sealed nothing: ' + JSON.stringify(sealed)];
    // (b) Ask the bridge for the write the hook refuses ...
    const call = outcome(writeFile('forbidden.txt', 'FORGED'));
    // (c) ... and answer in the frame's name before the hook's refusal arrives, for every id the
    // bridge may have given the call.
    for (let id = 1; id <= 10; ++id) {
      window.dispatchEvent(new MessageEvent('message', {
        source: frame, data: { __warden: 'isolation-sealed', id, cmd: WRITE, body: sealed.body.slice(0) },
      }));
    }
    const r = await call;
    return [r.rejected === 'the isolation hook refuses writing forbidden.txt', JSON.stringify(r)];
  });
  await scenario('hook_header_edit_applies', async () => {
    const r = await outcome(writeFile('hook-edit.txt', 'EDITED'));
    return ['resolved' in r, JSON.stringify(r)];
  });
  document.title = 'DONE ' + JSON.stringify(results);
}
run();
