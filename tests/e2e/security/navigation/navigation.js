// A page that navigates away from what it started (issue 13, finding 1), bundled with the
// unmodified @tauri-apps/api and @tauri-apps/plugin-shell.
//   - "main" (index.html) spawns a child streaming to a Channel, listens to the event "emitter"
//     sends every 100 ms, then goes to http://127.0.0.1:PORT/evil.html, a page with no capability
//     that records whatever reaches it (remote/evil.html).
//   - "back" (index.html) does the same, then goes to the app's own back.html?pid=N, which records
//     what reaches it and tries to write to and kill the old page's child by its pid.
//   - "emitter" emits the event and asks gone.sh whether each old child ended after its page left.
// Each window reports {scenario: {ok, detail}} in its title as "DONE <json>"; the app pages
// report through the page they navigated to.
import { emit, listen } from '@tauri-apps/api/event';
import { getCurrentWindow } from '@tauri-apps/api/window';
import { Child, Command } from '@tauri-apps/plugin-shell';
import { results, scenario, short, setDetailLengths } from '../../prelude/scenario.js';

setDetailLengths(70, 70);

const label = getCurrentWindow().label;
function report() {
  document.title = 'DONE ' + JSON.stringify(results);
}

function fail(text) {
  document.title = 'DONE ' + JSON.stringify({ setup: { ok: false, detail: short(text) } });
}

// The call's rejection text; throws when the call went through (the attack was not stopped).
async function refused(promise) {
  let value;
  try {
    value = await promise;
  } catch (e) {
    return String(e);
  }
  throw new Error('the call went through: ' + JSON.stringify(value));
}

// Starts the child and the listener, waits until both delivered something (so the old page was
// really receiving), then leaves for `next(pid)`.
async function startThenLeave(name, next) {
  let ticks = 0;
  let events = 0;
  let leave;
  const ready = new Promise((resolve) => { leave = resolve; });
  const check = () => { if (ticks > 0 && events > 0) leave(); };
  await listen('tick', () => { events += 1; check(); });
  const command = Command.create('ticker', [name]);
  command.stdout.on('data', () => { ticks += 1; check(); });
  const child = await command.spawn();
  await ready;
  location.href = next(child.pid);
}

// What reaches this document for callbacks it never registered: Map.prototype.get replaced, as
// evil.html does, so a bridge that looks callbacks up through it hands the data to the recorder.
function recordUnknownCallbacks() {
  const received = [];
  const get = Map.prototype.get;
  Map.prototype.get = function (key) {
    const value = get.call(this, key);
    if (value !== undefined || typeof key !== 'number') return value;
    return (data) => { received.push(short(data, 40)); };
  };
  return received;
}

async function backPage() {
  const received = recordUnknownCallbacks();
  const pid = Number(new URLSearchParams(location.search).get('pid'));
  // The new page's own calls and listeners work: only the old page's are gone.
  let own = 0;
  await listen('tick', () => { own += 1; });
  await scenario('back_write_refused', () => refused(new Child(pid).write('hello\n')));
  await scenario('back_kill_refused', () => refused(new Child(pid).kill()));
  // What the old page's child and listener would send in this time: 20 lines and 20 events.
  await new Promise((resolve) => setTimeout(resolve, 2000));
  await scenario('back_page_receives_nothing', async () => {
    if (received.length) throw new Error(received.length + ' message(s): ' + received.slice(0, 3).join(' | '));
    return 'nothing';
  });
  await scenario('back_page_own_listener_works', async () => {
    if (own === 0) throw new Error('the new page\'s own listener received no event in 2 s');
    return own + ' event(s)';
  });
  report();
}

async function emitter() {
  let n = 0;
  // Emits until the run ends (every window reported), for the pages that listen after this one reported.
  setInterval(() => { emit('tick', { n: (n += 1), secret: 'for-the-app-pages-only' }); }, 100);
  for (const name of ['nav', 'back']) {
    await scenario(name + '_child_ended', async () => {
      const out = await Command.create('gone', [name]).execute();
      if (out.code !== 0) throw new Error(out.stdout.trim() || 'gone.sh exited ' + out.code);
      return out.stdout.trim();
    });
  }
  report();
}

async function main() {
  const remote = document.querySelector('meta[name="remote-base"]').content;
  if (location.pathname.endsWith('/back.html')) return backPage();
  if (label === 'emitter') return emitter();
  if (label === 'main') return startThenLeave('nav', () => remote + '/evil.html');
  if (label === 'back') return startThenLeave('back', (pid) => 'back.html?pid=' + pid);
}

main().catch((e) => fail(e && e.message ? e.message : String(e)));
