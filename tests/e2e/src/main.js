// Warden end-to-end scenarios, bundled with the real @tauri-apps/api (npm, pinned by the
// lockfile). Every window runs the scenarios meant for its label and reports
// {scenario: {ok, detail}} in its title as "DONE <json>"; tests/e2e/check_results.py asserts them.
import { invoke, Channel, convertFileSrc } from '@tauri-apps/api/core';
import { listen, once, emit } from '@tauri-apps/api/event';
import { appDataDir, homeDir, resourceDir, join, normalize, dirname, basename, extname, isAbsolute, resolve, sep, delimiter } from '@tauri-apps/api/path';
import { results, scenario, expect, rejects, short, setDetailLengths } from '../prelude/scenario.js';

setDetailLengths(60, 60);

function withTimeout(promise, ms, what) {
  return Promise.race([promise, new Promise((_, reject) => setTimeout(() => reject(new Error('timeout: ' + what)), ms))]);
}

async function mainWindow() {
  await scenario('allowed_call', async () => {
    const text = await invoke('greet', { name: 'e2e' });
    expect(text === 'Hello, e2e! Greetings from C++.', 'greeting, got ' + JSON.stringify(text));
    return text;
  });

  await scenario('denied_call', async () => {
    const error = await rejects(invoke('broadcast', { event: 'x', payload: 1 }));
    expect(typeof error === 'string' && error.startsWith('not allowed'), 'a "not allowed" string, got ' + JSON.stringify(error));
    return error;
  });

  await scenario('unknown_command', async () => {
    const error = await rejects(invoke('no_such_command', {}));
    expect(typeof error === 'string' && error.startsWith('unknown command'), '"unknown command", got ' + JSON.stringify(error));
    const pluginError = await rejects(invoke('plugin:nope|nothing', {}));
    expect(typeof pluginError === 'string' && pluginError.startsWith('unknown command'), 'plugin unknown, got ' + JSON.stringify(pluginError));
    return error;
  });

  await scenario('core_app', async () => {
    const name = await invoke('plugin:app|name');
    const version = await invoke('plugin:app|version');
    expect(name === 'Warden E2E' && version === '1.2.3', 'name/version, got ' + name + ' ' + version);
    return name + ' ' + version;
  });

  await scenario('core_path', async () => {
    const home = await homeDir();
    const appData = await appDataDir();
    expect(home.startsWith('/') && appData.startsWith('/'), 'absolute paths, got ' + home + ' ' + appData);
    expect(appData.endsWith('/dev.warden.e2e'), 'the app data dir to end with the identifier, got ' + appData);
    // The string functions, with Tauri's answers.
    const got = {
      join: await join(appData, 'notes', '..', 'x.txt'),
      normalize: await normalize('/a/./b//c/..'),
      dirname: await dirname('/a/b/c.txt'),
      basename: await basename('/a/b/c.txt', '.txt'),
      extname: await extname('/a/b/archive.tar.gz'),
      absolute: [await isAbsolute('/a'), await isAbsolute('a')],
      resolved: await resolve('/tmp', 'a', '../b'),
      sep: sep(),
      delimiter: delimiter(),
    };
    const want = {
      join: appData + '/x.txt', normalize: '/a/b', dirname: '/a/b', basename: 'c', extname: 'gz',
      absolute: [true, false], resolved: '/tmp/b', sep: '/', delimiter: ':',
    };
    expect(JSON.stringify(got) === JSON.stringify(want), 'path functions ' + JSON.stringify(got));
    const error = await rejects(extname('/a/noext'));
    expect(String(error).includes('no extension'), 'extname without an extension rejects, got ' + error);
    return appData;
  });

  await scenario('binary_roundtrip', async () => {
    const size = 16 * 1024 * 1024;
    const data = new Uint8Array(size);
    for (let i = 0; i < size; i += 1) data[i] = (i * 31 + (i >> 11)) & 255;
    const back = await invoke('echo', data);
    expect(back instanceof ArrayBuffer, 'an ArrayBuffer, got ' + Object.prototype.toString.call(back));
    const view = new Uint8Array(back);
    expect(view.length === size, size + ' bytes, got ' + view.length);
    for (let i = 0; i < size; i += 1) if (view[i] !== data[i]) throw new Error('byte ' + i + ' differs');
    return view.length;
  });

  // Bytes from 64 KiB cross between the bridge's halves as messages posted to the window: an app
  // that listens to every message on its window (and reads each one's data first) must neither
  // break them nor see anything but its own calls' bytes; a view into part of a buffer sends just
  // its bytes.
  await scenario('binary_sizes_beside_app_messages', async () => {
    const seen = [];
    const listener = (event) => { const d = event.data; seen.push(d && d.__warden ? d.__warden : typeof d); };
    window.addEventListener('message', listener);
    try {
      const sizes = [65535, 65536, 1048576, 4 * 1048576 + 3];
      for (const size of sizes) {
        const buffer = new Uint8Array(size + 10);
        for (let i = 0; i < buffer.length; i += 1) buffer[i] = (i * 7 + (i >> 9)) & 255;
        const part = buffer.subarray(5, 5 + size);
        const back = new Uint8Array(await invoke('echo', part));
        expect(back.length === size, size + ' bytes back, got ' + back.length);
        for (let i = 0; i < size; i += 1) if (back[i] !== part[i]) throw new Error('size ' + size + ': byte ' + i + ' differs');
        expect(part.length === size && part[0] === buffer[5], 'the caller keeps its own bytes');
      }
      const unexpected = seen.filter((name) => name !== 'warden:ipc-bytes' && name !== 'warden:ipc-bytes-result');
      expect(unexpected.length === 0, 'only the bridge\'s own messages, got ' + unexpected.join(','));
      return sizes.length;
    } finally {
      window.removeEventListener('message', listener);
    }
  });

  await scenario('concurrent_1000', async () => {
    const calls = [];
    for (let i = 0; i < 1000; i += 1) calls.push(invoke('echo', { i }));
    const settled = await withTimeout(Promise.allSettled(calls), 30000, '1000 calls');
    const bad = settled.filter((s, i) => s.status !== 'fulfilled' || s.value.i !== i);
    expect(bad.length === 0, 'all 1000 fulfilled in order, ' + bad.length + ' were not');
    return settled.length;
  });

  await scenario('slow_command_does_not_block', async () => {
    const slow = invoke('sleep', { ms: 1500 });
    let slowDone = false;
    slow.then(() => { slowDone = true; });
    const t0 = performance.now();
    for (let i = 0; i < 20; i += 1) await invoke('greet', { name: 'fast' + i });
    const fastMs = performance.now() - t0;
    expect(!slowDone, 'the fast calls to finish before the slow one');
    expect((await slow) === 1500, 'the slow call to return 1500');
    return Math.round(fastMs) + ' ms for 20 calls during a 1500 ms command';
  });

  await scenario('channel', async () => {
    const received = [];
    const channel = new Channel((m) => received.push(m.i));
    const count = await invoke('stream', { onEvent: channel, count: 200 });
    await withTimeout(new Promise((resolve) => {
      const poll = () => (received.length >= 200 ? resolve() : setTimeout(poll, 10));
      poll();
    }), 5000, 'channel messages');
    expect(count === 200, 'count 200');
    for (let i = 0; i < 200; i += 1) if (received[i] !== i) throw new Error('message ' + i + ' is ' + received[i]);
    return received.length;
  });

  await scenario('events', async () => {
    const got = [];
    const unlisten = await listen('e2e-event', (e) => got.push(e.payload));
    const onceGot = [];
    await once('e2e-event', (e) => onceGot.push(e.payload));
    await emit('e2e-event', { n: 1 });
    await emit('e2e-event', { n: 2 });
    await withTimeout(new Promise((resolve) => {
      const poll = () => (got.length >= 2 ? resolve() : setTimeout(poll, 10));
      poll();
    }), 5000, 'events');
    unlisten();
    await emit('e2e-event', { n: 3 });
    await new Promise((r) => setTimeout(r, 200));
    expect(JSON.stringify(got) === '[{"n":1},{"n":2}]', 'two events before unlisten, got ' + JSON.stringify(got));
    expect(JSON.stringify(onceGot) === '[{"n":1}]', 'once() to fire once, got ' + JSON.stringify(onceGot));
    return got.length;
  });

  await scenario('iframe_other_origin_denied', async () => {
    const remote = new URL(document.querySelector('meta[name=remote-base]').content);
    const frame = document.createElement('iframe');
    frame.src = remote.origin + '/frame.html';
    const report = withTimeout(new Promise((resolve) => {
      window.addEventListener('message', (e) => {
        if (e.origin === remote.origin && e.data && e.data.frame) resolve(e.data);
      });
    }), 10000, 'iframe report');
    document.body.appendChild(frame);
    const data = await report;
    expect(data.bridge === true, 'the bridge in the iframe');
    expect(data.status === 'rejected' && String(data.value).startsWith('not allowed'), 'the iframe denied, got ' + JSON.stringify(data));
    return data.value;
  });
}

// app.security.assetProtocol: convertFileSrc URLs serve files inside the scope ($RESOURCE is the
// app folder), by their real location: the deny entry, a symlink out of the scope and a
// missing file are refused; a Range request gets 206.
async function assetScenario() {
  await scenario('asset_protocol', async () => {
    const dir = (await resourceDir()) + '/assets';
    const get = async (name, headers) => {
      const r = await fetch(convertFileSrc(dir + '/' + name), { headers });
      return [r.status, r.status < 300 ? await r.text() : ''];
    };
    const got = {
      allowed: await get('hello.txt'),
      range: await get('hello.txt', { Range: 'bytes=0-4' }),
      denied: await get('secret.txt'),
      symlink_out: await get('escape.txt'),
      missing: await get('missing.txt'),
      outside: (await fetch(convertFileSrc('/etc/hostname'))).status,
    };
    const want = {
      allowed: [200, 'hello, asset\n'], range: [206, 'hello'], denied: [403, ''], symlink_out: [403, ''],
      missing: [404, ''], outside: 403,
    };
    expect(JSON.stringify(got) === JSON.stringify(want), 'asset answers ' + JSON.stringify(got));
    const image = new Image();
    image.src = convertFileSrc(dir + '/dot.svg');
    await withTimeout(image.decode(), 10000, 'asset image');
    expect(image.naturalWidth === 4, 'the image loaded, width ' + image.naturalWidth);
    return 'ok';
  });
}

// A sandboxed frame has an opaque origin ("null"): the host refuses it before the authority.
async function sandboxedFrameScenario() {
  await scenario('sandboxed_iframe_denied', async () => {
    const frame = document.createElement('iframe');
    frame.setAttribute('sandbox', 'allow-scripts');
    frame.srcdoc = '<script>window.__TAURI_INTERNALS__.invoke("greet", {name: "sandbox"})'
      + '.then((v) => parent.postMessage({sandbox: true, status: "fulfilled", value: v}, "*"),'
      + ' (e) => parent.postMessage({sandbox: true, status: "rejected", value: String(e)}, "*"));</' + 'script>';
    const report = withTimeout(new Promise((resolve) => {
      window.addEventListener('message', (e) => { if (e.data && e.data.sandbox) resolve(e.data); });
    }), 10000, 'sandboxed iframe report');
    document.body.appendChild(frame);
    const data = await report;
    expect(data.status === 'rejected' && data.value.startsWith('not allowed'), 'denied, got ' + JSON.stringify(data));
    return data.value;
  });
}

async function secondWindow() {
  await scenario('window_glob_allowed', async () => {
    await invoke('broadcast', { event: 'from-second', payload: 1 });
    return 'broadcast allowed';
  });
  await scenario('window_glob_denied', async () => {
    const error = await rejects(invoke('greet', { name: 'second' }));
    expect(String(error).startsWith('not allowed'), '"not allowed", got ' + JSON.stringify(error));
    return error;
  });
}

async function remoteWindow() {
  await scenario('remote_allowed', async () => {
    const text = await invoke('greet', { name: 'remote' });
    expect(text === 'Hello, remote! Greetings from C++.', 'greeting');
    return text;
  });
  await scenario('remote_denied_local_only', async () => {
    const error = await rejects(invoke('echo', { x: 1 }));
    expect(String(error).startsWith('not allowed'), '"not allowed", got ' + JSON.stringify(error));
    return error;
  });
}

// Starts slow calls, then closes its own window while they are in flight: the host must settle
// them into the closed webview without crashing, and the other windows must still finish.
async function closerWindow() {
  // 20 x 200 ms: 2 s on one webview's share of the blocking pool (2 threads on a 2-core machine),
  // so that they still run when the window has closed and all have settled before main ends the
  // run (about 3 s after the close on an idle machine: 4 s of calls outlived the run).
  for (let i = 0; i < 20; i += 1) invoke('sleep', { ms: 200 }).catch(() => {});
  await invoke('plugin:window|close');
}

async function frame() {
  let status;
  let value;
  try {
    value = await invoke('echo', { from: 'iframe' });
    status = 'fulfilled';
  } catch (e) {
    value = String(e);
    status = 'rejected';
  }
  window.parent.postMessage({ frame: true, bridge: !!window.__TAURI_INTERNALS__, status, value }, '*');
}

async function run() {
  if (window.top !== window) return frame();
  const label = window.__TAURI_INTERNALS__.metadata.currentWindow.label;
  results.metadata = { ok: true, detail: label };
  if (label === 'main') {
    await mainWindow();
    await sandboxedFrameScenario();
    await assetScenario();
  }
  else if (label === 'second') await secondWindow();
  else if (label === 'remote') await remoteWindow();
  else if (label === 'closer') return closerWindow();
  document.title = 'DONE ' + JSON.stringify(results);
}

run().catch((e) => { document.title = 'DONE ' + JSON.stringify({ runner: { ok: false, detail: String(e) } }); });
