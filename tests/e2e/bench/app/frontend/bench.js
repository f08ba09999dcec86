// Round-trip latency and throughput: the same payload through Warden (ipc://: decode, authority,
// libuv dispatch, plugin or app command, response) and through a bare WebKitGTK custom-scheme echo
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

// Alternates the two sides `rounds` times so that drift affects both equally.
async function compare(name, bytes, bare, warden, n, rounds = 5) {
  await bare();
  await warden();
  const b = [];
  const w = [];
  for (let r = 0; r < rounds; r += 1) {
    b.push(await perCallUs(bare, n));
    w.push(await perCallUs(warden, n));
  }
  const bareUs = median(b);
  const wardenUs = median(w);
  // Compact (window titles are cut at about 1000 characters): [name, bytes, bare µs, warden µs].
  return [name, bytes, +bareUs.toFixed(1), +wardenUs.toFixed(1)];
}

async function run() {
  const rows = [];
  rows.push(await compare('ping', 0, () => bareJson({ value: 'x' }), () => invoke('plugin:ping|ping', { value: 'x' }), 200));
  rows.push(await compare('greet', 0, () => bareJson({ name: 'x' }), () => invoke('greet', { name: 'x' }), 200));
  for (const [size, n] of [[1024, 100], [65536, 50], [1048576, 10], [16777216, 2]]) {
    const value = 'a'.repeat(size);
    rows.push(await compare('ping', size, () => bareJson({ value }), () => invoke('plugin:ping|ping', { value }), n, 3));
    const data = new Uint8Array(size).fill(7);
    rows.push(await compare('echo', size, () => bareBytes(data), () => invoke('echo', data), n, 3));
  }
  document.title = 'BENCH ' + JSON.stringify(rows);
}
run().catch((e) => { document.title = 'BENCH ' + JSON.stringify({ error: String(e) }); });
