// A cross-origin frame against the resources of the page around it (issue 13, finding 2),
// bundled with the unmodified @tauri-apps/plugin-store. The app page loads two stores (the first
// holds a secret), frames http://127.0.0.1:PORT/frame.html (granted only core:resources:default
// and store:allow-get, remote/frame.html), tells it the stores' resource ids (as a frame that
// guesses sequential ids would know them), and reports {scenario: {ok, detail}} in its title as
// "DONE <json>": what the frame read and closed, and whether the page's stores still work.
import { load } from '@tauri-apps/plugin-store';
import { results, scenario, short, setDetailLengths } from '../../prelude/scenario.js';

setDetailLengths(90, 90);

const SECRET = 'secret-' + Math.random().toString(36).slice(2);
// Runs the frame's attacks against `rids`; resolves with what the frame reported.
function frameAttacks(rids) {
  const remote = document.querySelector('meta[name="remote-base"]').content;
  return new Promise((resolve, reject) => {
    const frame = document.createElement('iframe');
    addEventListener('message', (event) => {
      if (event.origin !== remote || !event.data || event.data.kind !== 'frame-report') return;
      resolve(event.data);
    });
    frame.onload = () => frame.contentWindow.postMessage({ kind: 'attack', rids }, remote);
    setTimeout(() => reject(new Error('the frame did not report within 20 s')), 20000);
    frame.src = remote + '/frame.html';
    document.body.appendChild(frame);
  });
}

async function main() {
  const first = await load('first.json', { autoSave: false });
  await first.set('secret', SECRET);
  const second = await load('second.json', { autoSave: false });
  await second.set('secret', 'second-' + SECRET);
  const report = await frameAttacks([first.rid, second.rid]);

  await scenario('frame_reads_nothing', async () => {
    const leaked = report.reads.filter((r) => r.ok);
    if (leaked.length) throw new Error('the frame read ' + JSON.stringify(leaked));
    if (JSON.stringify(report).includes(SECRET)) throw new Error('the secret reached the frame');
    return report.reads.length + ' reads refused';
  });
  await scenario('frame_closes_nothing', async () => {
    const closed = report.closes.filter((r) => r.ok);
    if (closed.length) throw new Error('the frame closed ' + JSON.stringify(closed));
    return report.closes.length + ' closes refused';
  });
  // The page's own stores still answer, with what it put in them.
  await scenario('page_stores_intact', async () => {
    const a = await first.get('secret');
    const b = await second.get('secret');
    if (a !== SECRET || b !== 'second-' + SECRET) throw new Error('got ' + JSON.stringify([a, b]));
    return 'both stores answer';
  });
  // A foreign resource is refused exactly like a missing one: the frame cannot tell which ids exist.
  await scenario('foreign_looks_missing', async () => {
    const normal = (text) => String(text).replace(/\d+/g, 'N');
    const missing = report.missing;
    const differing = [...report.reads, ...report.closes].filter(
      (r) => !r.ok && normal(r.error) !== normal(r.command === 'close' ? missing.close : missing.get));
    if (differing.length) throw new Error('differs from a missing id: ' + JSON.stringify(differing[0]));
    return normal(missing.get) + ' / ' + normal(missing.close);
  });
  document.title = 'DONE ' + JSON.stringify(results);
}

main().catch((e) => {
  document.title = 'DONE ' + JSON.stringify({ setup: { ok: false, detail: short(e && e.message ? e.message : String(e)) } });
});
