// Issue 13, finding 3 and its "Also": one page floods the host with calls, another must still be
// answered; one page fills the blocking pool, another's blocking call must not wait for it.
// Bundled with the unmodified @tauri-apps/api; each window's role is its label.
//   flood   (ping:default, events, close): fires N unawaited 4 KiB pings at once, counts what
//           settles how, reports through an event, fires a second wave and closes itself in it.
//   victim  (ping:default, events): answers "ready" until the flood starts, then makes calls
//           during it; reports {scenario: {ok, detail}} in its title as "DONE <json>".
//   sleeper (allow-sleep, events): fills the blocking pool with long sleeps.
//   waiter  (allow-sleep, events): one short blocking call once the sleepers run; it must
//           complete before the first sleeper does.
import { invoke } from '@tauri-apps/api/core';
import { listen, emit } from '@tauri-apps/api/event';

const N = Number((/n=(\d+)/.exec(location.hash) || [])[1] || 100000);
const GENERIC = 'too many calls in flight';
const label = window.__TAURI_INTERNALS__.metadata.currentWindow.label;
const results = {};

function short(value) {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > 200 ? text.slice(0, 197) + '...' : text;
}
function report() {
  document.title = 'DONE ' + JSON.stringify(results);
}
const message = (e) => String(e && e.message ? e.message : e);

// N unawaited pings; resolves with how they settled once every one has.
async function flood(n) {
  const value = 'f'.repeat(4096);
  const counts = { n, ok: 0, refused: 0, other: 0, otherSample: null, refusedSample: null };
  const calls = [];
  for (let i = 0; i < n; i += 1) {
    calls.push(invoke('plugin:ping|ping', { value }).then(
      () => { counts.ok += 1; },
      (e) => {
        const m = message(e);
        // Release builds say only the generic text; debug builds append the detail after ": ".
        if (m === GENERIC || m.startsWith(GENERIC + ': ')) {
          counts.refused += 1;
          counts.refusedSample = counts.refusedSample || m;
        } else {
          counts.other += 1;
          counts.otherSample = counts.otherSample || m;
        }
      }));
  }
  await Promise.all(calls);
  return counts;
}

async function floodWindow() {
  let started = false;
  await listen('victim:ready', async () => {
    if (started) return;
    started = true;
    await emit('flood:started');
    const counts = await flood(N);
    await emit('flood:report', counts);
    // A second wave, and the window closes itself in the middle of it: the close call is one
    // more call behind the flood, which must still get through.
    const value = 'g'.repeat(4096);
    for (let i = 0; i < N / 2; i += 1) invoke('plugin:ping|ping', { value }).catch(() => {});
    invoke('plugin:window|close').catch(() => {});
  });
}

async function victimWindow() {
  let floodStarted = false;
  let floodReport = null;
  let callsDone = false;
  const finish = () => {
    if (!floodReport || !callsDone) return;
    const c = floodReport;
    results.flood_refusals_generic = {
      ok: c.refused > 0 && c.other === 0,
      detail: short({ refused: c.refused, ok: c.ok, other: c.other, refusedSample: c.refusedSample, otherSample: c.otherSample }),
    };
    results.flood_all_settled = { ok: c.ok + c.refused + c.other === c.n, detail: short(c) };
    report();
  };
  await listen('flood:report', (e) => {
    floodReport = e.payload;
    finish();
  });
  await listen('flood:started', async () => {
    if (floodStarted) return;
    floodStarted = true;
    // Sequential calls while the flood is on: each must be answered (completion, not timing).
    let answered = 0;
    let failure = null;
    for (let i = 0; i < 20; i += 1) {
      try {
        const r = await invoke('plugin:ping|ping', { value: 'v' + i });
        if (r && r.value === 'v' + i) answered += 1;
      } catch (e) {
        failure = failure || message(e);
      }
    }
    results.other_window_answered = {
      ok: answered === 20,
      detail: short({ answered, failure, floodReportedFirst: floodReport !== null }),
    };
    callsDone = true;
    finish();
  });
  while (!floodStarted) {
    await emit('victim:ready');
    await new Promise((r) => setTimeout(r, 100));
  }
}

// Sleepers: far more long blocking calls than any pool has threads.
async function sleeperWindow() {
  let started = false;
  await listen('waiter:ready', async () => {
    if (started) return;
    started = true;
    const calls = [];
    for (let i = 0; i < 24; i += 1) calls.push(invoke('sleep', { ms: 3000 }));
    // The first one that ends, whichever it is, tells the waiter.
    Promise.race(calls).then(() => emit('sleepers:first-done'), () => emit('sleepers:first-done'));
    // The requests above left before this event's: the waiter calls once they are at the host.
    await emit('sleepers:running');
    const settled = await Promise.allSettled(calls);
    const done = settled.filter((r) => r.status === 'fulfilled').length;
    results.sleepers_completed = { ok: done === calls.length, detail: short({ done, of: calls.length }) };
    report();
  });
}

async function waiterWindow() {
  let running = false;
  const order = [];
  let reported = false;
  const finish = () => {
    if (reported || !order.includes('waiter') || !order.includes('first-sleeper')) return;
    reported = true;
    results.blocking_call_not_starved = { ok: order[0] === 'waiter', detail: short(order) };
    report();
  };
  await listen('sleepers:first-done', () => {
    order.push('first-sleeper');
    finish();
  });
  await listen('sleepers:running', async () => {
    if (running) return;
    running = true;
    try {
      await invoke('sleep', { ms: 0 });
      order.push('waiter');
    } catch (e) {
      order.push('waiter');
      results.waiter_error = { ok: false, detail: short(message(e)) };
    }
    finish();
  });
  while (!running) {
    await emit('waiter:ready');
    await new Promise((r) => setTimeout(r, 100));
  }
}

const roles = { flood: floodWindow, victim: victimWindow, sleeper: sleeperWindow, waiter: waiterWindow };
roles[label]().catch((e) => {
  results.page_error = { ok: false, detail: short(message(e)) };
  report();
});
