// Hello Warden: no bundler needed. The host injects window.__TAURI_INTERNALS__ before this
// script runs; with a bundler, `import { invoke } from '@tauri-apps/api/core'` is the same call.
const { invoke, transformCallback, metadata } = window.__TAURI_INTERNALS__;

function show(id, text, ok) {
  const out = document.getElementById(id);
  out.textContent = text;
  out.className = ok ? 'ok' : 'bad';
}

async function ping() {
  const t0 = performance.now();
  try {
    const reply = await invoke('plugin:ping|ping', { value: 'hello' });
    show('ping-out', `pong "${reply.value}" in ${(performance.now() - t0).toFixed(1)} ms`, true);
    return reply.value === 'hello';
  } catch (e) {
    show('ping-out', `error: ${e}`, false);
    return false;
  }
}

async function greet() {
  try {
    const text = await invoke('greet', { name: document.getElementById('name').value });
    show('greet-out', text, true);
    return text.startsWith('Hello, ');
  } catch (e) {
    show('greet-out', `error: ${e}`, false);
    return false;
  }
}

async function echo() {
  const data = new Uint8Array(1024 * 1024).map((_, i) => i & 255);
  const t0 = performance.now();
  try {
    const back = new Uint8Array(await invoke('echo', data));
    const same = back.length === data.length && back.every((b, i) => b === data[i]);
    show('echo-out', `${back.length} bytes back, ${same ? 'identical' : 'DIFFERENT'}, ${(performance.now() - t0).toFixed(1)} ms`, same);
    return same;
  } catch (e) {
    show('echo-out', `error: ${e}`, false);
    return false;
  }
}

async function sleep() {
  try {
    await invoke('sleep', { ms: 10 });
    show('sleep-out', 'allowed?! check the capabilities', false);
    return false;
  } catch (e) {
    show('sleep-out', `rejected: ${e}`, false);
    return String(e).startsWith('not allowed');
  }
}

// Reads and writes through the store plugin: what @tauri-apps/plugin-store's load/get/set/save send.
// The note survives restarts in $APPDATA/dev.warden.hello/hello.json.
async function note() {
  const text = document.getElementById('note').value;
  try {
    const rid = await invoke('plugin:store|load', { path: 'hello.json', options: { autoSave: false } });
    const [before] = await invoke('plugin:store|get', { rid, key: 'note' });
    await invoke('plugin:store|set', { rid, key: 'note', value: { text, at: new Date().toLocaleString() } });
    await invoke('plugin:store|save', { rid });
    const [after, exists] = await invoke('plugin:store|get', { rid, key: 'note' });
    const was = before ? `replaced "${before.text}" from ${before.at}` : 'first note';
    show('note-out', `saved "${after.text}" (${was})`, exists);
    return exists && after.text === text;
  } catch (e) {
    show('note-out', `error: ${e}`, false);
    return false;
  }
}

async function listenForEvents() {
  // What @tauri-apps/api's listen() does: register a callback, then ask the event plugin.
  const footer = document.getElementById('events');
  let arrived;
  const received = new Promise((resolve) => { arrived = resolve; });
  const handler = transformCallback((event) => {
    footer.textContent = `event "${event.event}": ${JSON.stringify(event.payload)}`;
    arrived(true);
  });
  try {
    await invoke('plugin:event|listen', { event: 'hello', target: { kind: 'Any' }, handler });
    await invoke('broadcast', { event: 'hello', payload: { from: 'the host', at: new Date().toLocaleTimeString() } });
  } catch (e) {
    footer.textContent = `events: ${e}`;
    return false;
  }
  return Promise.race([received, new Promise((resolve) => setTimeout(() => resolve(false), 3000))]);
}

document.getElementById('ping').onclick = ping;
document.getElementById('greet').onclick = greet;
document.getElementById('echo').onclick = echo;
document.getElementById('sleep').onclick = sleep;
document.getElementById('save-note').onclick = note;
document.getElementById('label').textContent = metadata.currentWindow.label;

(async () => {
  try {
    document.getElementById('app-name').textContent =
      `${await invoke('plugin:app|name')} ${await invoke('plugin:app|version')}`;
  } catch (e) {
    document.getElementById('app-name').textContent = `app name unavailable: ${e}`;
  }
  // The title tells a script (and the e2e test) how the run went.
  const steps = [ping, greet, echo, note, sleep, listenForEvents];
  let expected = 0;
  for (const step of steps) if (await step()) expected += 1;
  document.title = `Hello Warden: ${expected}/${steps.length} as expected`;
})();
