// The app's page: frames its own x.html (which must work), checks that app pages carry
// frame-ancestors, and frames a remote page that itself frames app://localhost/x.html.
// Reports {scenario: {ok, detail}} in its title as "DONE <json>".
(async function () {
  const results = {};
  const scenario = async (name, body) => {
    try {
      const detail = await body();
      results[name] = { ok: true, detail: detail === undefined ? null : String(detail).slice(0, 120) };
    } catch (e) {
      results[name] = { ok: false, detail: String(e && e.message ? e.message : e).slice(0, 120) };
    }
  };
  const load = (src) => new Promise((resolve, reject) => {
    const s = document.createElement('script');
    s.src = src; s.onload = resolve; s.onerror = () => reject(new Error('cannot load ' + src));
    document.head.appendChild(s);
  });
  await load('probe.js');
  await scenario('app_frames_own_page', async () => {
    const got = await window.frameAppPage('x.html');
    if (!got.startsWith('report:version:')) throw new Error('expected the framed app page to call, got ' + got);
    return got;
  });
  await scenario('app_page_sent_frame_ancestors', async () => {
    const csp = (await fetch('x.html')).headers.get('content-security-policy') || '';
    if (!/frame-ancestors\s+'self'/.test(csp)) throw new Error("expected frame-ancestors 'self', got " + JSON.stringify(csp));
    return csp;
  });
  await scenario('nested_remote_frame_gets_nothing', async () => {
    const base = document.querySelector('meta[name=remote-base]').content;
    const report = new Promise((resolve) => {
      window.addEventListener('message', (e) => { if (e.data && e.data.framer) resolve(e.data.framer); });
    });
    const frame = document.createElement('iframe');
    frame.src = base + '/framer.html';
    document.body.appendChild(frame);
    const got = await report;
    if (got.startsWith('report:version:')) throw new Error('the framed app page got the grants: ' + got);
    return got;
  });
  document.title = 'DONE ' + JSON.stringify(results);
})();
