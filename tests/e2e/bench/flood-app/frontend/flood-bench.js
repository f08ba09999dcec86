// Flood latency: how long another window's calls take while one window floods the host. Window
// "probe" times sequential 4 KiB pings alone, then asks window "flood" (events) to fire waves of
// WAVE unawaited 4 KiB pings, one after another, and times the same pings again meanwhile. Reports
// "BENCH <json>" in its title: {quiet: {p50, p99, n}, flooded: {p50, p99, n}, flood: {...}} in µs.
// Timings are reported, not asserted.
const internals = window.__TAURI_INTERNALS__;
const { invoke } = internals;
const label = internals.metadata.currentWindow.label;
const scale = Math.max(1, Number((/scale=(\d+)/.exec(location.hash) || [])[1] || 1));
const WAVE = 20000;
const value = 'p'.repeat(4096);

function listen(event, handler) {
  return invoke('plugin:event|listen', { event, target: { kind: 'Any' }, handler: internals.transformCallback((e) => handler(e.payload)) });
}
const emit = (event, payload) => invoke('plugin:event|emit', { event, payload });

function percentiles(us) {
  const s = [...us].sort((a, b) => a - b);
  const at = (q) => +s[Math.min(s.length - 1, Math.floor(q * s.length))].toFixed(1);
  return { n: s.length, p50: at(0.5), p99: at(0.99) };
}

// Sequential pings for `n` calls or `budgetMs`, whichever ends first: latencies in µs.
async function time(n, budgetMs) {
  const us = [];
  const end = performance.now() + budgetMs;
  for (let i = 0; i < n && performance.now() < end; i += 1) {
    const t0 = performance.now();
    await invoke('plugin:ping|ping', { value });
    us.push((performance.now() - t0) * 1000);
  }
  return us;
}

async function probe() {
  let floodReport = null;
  let floodRunning = null;
  const running = new Promise((resolve) => { floodRunning = resolve; });
  const reported = new Promise((resolve) => { floodReport = resolve; });
  await listen('bench:flooding', () => floodRunning());
  await listen('bench:flood-report', (r) => floodReport(r));
  await time(50, 5000);  // warm-up
  const quiet = await time(500 * scale, 60000);
  // The flood window may start late: ask until it says it is flooding.
  let asked = true;
  (async () => {
    while (asked) {
      await emit('bench:flood-on');
      await new Promise((r) => setTimeout(r, 100));
    }
  })();
  await running;
  asked = false;
  const flooded = await time(500 * scale, 60000 * scale);
  await emit('bench:flood-off');
  const flood = await reported;
  document.title = 'BENCH ' + JSON.stringify({ quiet: percentiles(quiet), flooded: percentiles(flooded), flood });
}

async function flood() {
  let on = false;
  let off = false;
  await listen('bench:flood-off', () => { off = true; });
  await listen('bench:flood-on', async () => {
    if (on) return;
    on = true;
    const counts = { waves: 0, ok: 0, refused: 0 };
    // Before the first wave: once it is fired, this window's own calls beyond the limit are refused.
    await emit('bench:flooding');
    while (!off) {
      const calls = [];
      for (let i = 0; i < WAVE; i += 1) {
        calls.push(invoke('plugin:ping|ping', { value }).then(() => { counts.ok += 1; }, () => { counts.refused += 1; }));
      }
      await Promise.all(calls);
      counts.waves += 1;
    }
    await emit('bench:flood-report', counts);
    document.title = 'BENCH flood';
  });
}

(label === 'probe' ? probe : flood)().catch((e) => { document.title = 'BENCH ' + JSON.stringify({ error: String(e) }); });
