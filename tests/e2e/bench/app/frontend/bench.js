// Round-trip latency and throughput: the same payload through Warden (the web extension's native
// call: decode, authority, dispatch, plugin or app command, reply) and through a bare WebKitGTK custom-scheme echo
// (bare://, no IPC layer), interleaved in one run. Reports medians in the title as "BENCH <json>".
const { invoke } = window.__TAURI_INTERNALS__;

// A page calling a native handler directly still serializes its arguments and parses the answer:
// that is the least any JSON call costs, so the bare side does both too.
async function bareJson(args) {
  const body = JSON.stringify(args);
  const r = await fetch('bare://localhost/', { method: 'POST', body, headers: { 'Content-Type': 'application/json' } });
  return r.json();
}
async function bareBytes(body) {
  const r = await fetch('bare://localhost/', { method: 'POST', body, headers: { 'Content-Type': 'application/octet-stream' } });
  return r.arrayBuffer();
}

async function perCallUs(fn, n) {
  const t0 = performance.now();
  for (let i = 0; i < n; i += 1) await fn();
  return ((performance.now() - t0) * 1000) / n;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

// Runs the two sides in alternating order, `rounds` times, so that drift and warm-up affect both
// equally. The overhead is the median of each round's own ratio (paired), which is steadier on a
// noisy machine than the ratio of the two medians.
async function compare(name, bytes, bare, warden, n, rounds) {
  await bare();
  await warden();
  const b = [];
  const w = [];
  for (let r = 0; r < rounds; r += 1) {
    if (r % 2 === 0) {
      b.push(await perCallUs(bare, n));
      w.push(await perCallUs(warden, n));
    } else {
      w.push(await perCallUs(warden, n));
      b.push(await perCallUs(bare, n));
    }
  }
  const overhead = median(w.map((x, i) => (x - b[i]) / b[i] * 100));
  // Compact (window titles are cut at about 1000 characters): [name, bytes, bare µs, warden µs, %].
  return [name, bytes, +median(b).toFixed(1), +median(w).toFixed(1), +overhead.toFixed(1)];
}

// More rounds (page URL "#scale=N", set by run_bench.sh from WARDEN_BENCH_SCALE) for figures
// worth quoting: on a 2-core machine a round of small calls varies by 10 % or more.
const scale = Math.max(1, Number((/scale=(\d+)/.exec(location.hash) || [])[1] || 1));

async function run() {
  const rows = [];
  rows.push(await compare('ping', 0, () => bareJson({ value: 'x' }), () => invoke('plugin:ping|ping', { value: 'x' }), 200, 15 * scale));
  rows.push(await compare('greet', 0, () => bareJson({ name: 'x' }), () => invoke('greet', { name: 'x' }), 200, 15 * scale));
  for (const [size, n, rounds] of [[1024, 100, 9], [65536, 50, 7], [1048576, 10, 7], [16777216, 2, 5]]) {
    const value = 'a'.repeat(size);
    rows.push(await compare('ping', size, () => bareJson({ value }), () => invoke('plugin:ping|ping', { value }), n, rounds * scale));
    const data = new Uint8Array(size).fill(7);
    rows.push(await compare('echo', size, () => bareBytes(data), () => invoke('echo', data), n, rounds * scale));
  }
  document.title = 'BENCH ' + JSON.stringify(rows);
}
run().catch((e) => { document.title = 'BENCH ' + JSON.stringify({ error: String(e) }); });
