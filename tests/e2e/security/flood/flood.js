// Issue 13, finding 3 and its "Also": one page floods the host with calls, another must still be
// answered; one page fills the blocking pool, another's blocking call must not wait for it.
// Bundled with the unmodified @tauri-apps/api; each window's role is its label.
//   flood   (ping:default, events, close): fires N unawaited 4 KiB pings at once, counts what
//           settles how, reports through an event, fires a second wave and closes itself in it.
//   victim  (ping:default, events): answers "ready" until the flood starts, then makes calls
//           during it; reports {scenario: {ok, detail}} in its title as "DONE <json>".
//   sleeper (allow-sleep, events): fills the blocking pool with long sleeps; a frame of it then
//           sends more calls than its webview may have in flight.
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
    // A second wave, and the window closes itself while its calls are still being answered. Its
    // own close call counts against its own limit like any other: it is tried again while it is
    // refused for that reason alone, as a page that floods itself has to.
    const value = 'g'.repeat(4096);
    for (let i = 0; i < N / 2; i += 1) invoke('plugin:ping|ping', { value }).catch(() => {});
    const close = () => invoke('plugin:window|close').catch((e) => {
      if (message(e).startsWith(GENERIC)) setTimeout(close, 10);
    });
    close();
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

// How a batch of calls settled: {done, refused (the generic limit error), other, otherSample}.
async function settleAll(calls) {
  const counts = { done: 0, refused: 0, other: 0, otherSample: null };
  for (const r of await Promise.allSettled(calls)) {
    if (r.status === 'fulfilled') counts.done += 1;
    else if (message(r.reason).startsWith(GENERIC)) counts.refused += 1;
    else {
      counts.other += 1;
      counts.otherSample = counts.otherSample || message(r.reason);
    }
  }
  return counts;
}

// Sleepers: 6 long blocking calls, more than libuv's 4 threads that ran them before and more than
// any webview's share of the pool now (app.ipc.maxCallsInFlight is 8 here: 6 leave room for this
// window's events). Then a same-origin frame of the same webview, whose transport counts on its
// own, sends 8 more: the host, which counts per webview, must refuse those beyond 8 in all.
async function sleeperWindow() {
  let started = false;
  const frame = document.createElement('iframe');
  frame.src = 'frame.html';
  const frameReport = new Promise((resolve) => {
    window.addEventListener('message', (e) => {
      if (e.source === frame.contentWindow && e.data && e.data.frameCounts) resolve(e.data.frameCounts);
    });
  });
  const frameLoaded = new Promise((resolve) => frame.addEventListener('load', resolve));
  document.body.appendChild(frame);
  await frameLoaded;
  await listen('waiter:ready', async () => {
    if (started) return;
    started = true;
    const calls = [];
    // The first ends first; in a pool run in arrival order (libuv's, 4 threads) the next queued
    // sleeper would take its thread, so another window's call would wait for the second round.
    for (let i = 0; i < 6; i += 1) calls.push(invoke('sleep', { ms: i === 0 ? 3000 : 6000 }));
    // The first one that ends, whichever it is, tells the waiter.
    Promise.any(calls).then(() => emit('sleepers:first-done'), () => emit('sleepers:first-done'));
    // The requests above left before this event's: the waiter calls once they are at the host.
    await emit('sleepers:running');
    frame.contentWindow.postMessage('go', '*');
    const mine = await settleAll(calls);
    results.sleepers_settled = {
      ok: mine.done === calls.length,
      detail: short(mine),
    };
    const theirs = await frameReport;
    results.host_refuses_beyond_webview_limit = { ok: theirs.refused >= 1 && theirs.other === 0, detail: short(theirs) };
    report();
  });
}

// The sleeper's frame: 8 sleeps once its parent's are in flight.
function sleeperFrame() {
  window.addEventListener('message', async (e) => {
    if (e.source !== window.parent || e.data !== 'go') return;
    const calls = [];
    for (let i = 0; i < 8; i += 1) calls.push(invoke('sleep', { ms: 10 }));
    window.parent.postMessage({ frameCounts: await settleAll(calls) }, '*');
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
const role = location.pathname.endsWith('/frame.html') ? async () => sleeperFrame() : roles[label];
role().catch((e) => {
  results.page_error = { ok: false, detail: short(message(e)) };
  report();
});
