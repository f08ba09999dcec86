// Warden end-to-end scenarios of the http plugin through the unmodified @tauri-apps/plugin-http
// (pinned by the lockfile) against http_driver.py's servers on 127.0.0.1, which record every
// request they see: an allowed request is seen arriving, a refused one is seen never arriving.
// "main" holds Tauri's default set with the URL entries of capabilities/main.json; "other" the
// same permission, and tries main's resource ids; "denied" no http permission at all.
import { fetch as httpFetch } from '@tauri-apps/plugin-http';
import { invoke } from '@tauri-apps/api/core';
import { expect, rejects, results, scenario, scenarioWithin, setDetailLengths } from '../prelude/scenario.js';
import { pageDriver } from '../prelude/page_driver.js';

setDetailLengths(80, 240);

const DRIVER = pageDriver('http-driver');
const PORTS = JSON.parse(document.querySelector('meta[name="http-ports"]').content);
const HTTP = `http://127.0.0.1:${PORTS.http}`;
const HTTPS = `https://127.0.0.1:${PORTS.https}`;
const UNTRUSTED = `https://127.0.0.1:${PORTS.untrusted}`;
const BIG = 100 * 1024 * 1024;
const label = window.__TAURI_INTERNALS__.metadata.currentWebview.label;
// esbuild --define HTTP_RUN="second" for the config suite's second run.
const RUN = typeof HTTP_RUN === 'undefined' ? 'first' : HTTP_RUN;

const driver = (path, params) => DRIVER.call(path, params);
const seen = async (token, wait = 0) => (await driver('/seen', { token, wait })).requests;

// Release builds give the page only "refused by scope" (the detail goes to the audit log).
async function refusedByScope(promise) {
  const error = String(await rejects(promise));
  expect(error.startsWith('refused by scope'), 'a scope refusal, got ' + JSON.stringify(error));
  return error;
}

async function neverArrives(token) {
  const requests = await seen(token, 800);
  expect(requests.length === 0, `no request with ${token} to reach a server, got ${JSON.stringify(requests.map((r) => r.path))}`);
}

// Reads a whole body through the stream, counting bytes; `each` runs after every chunk.
async function drain(response, each) {
  const reader = response.body.getReader();
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return total;
    total += value.byteLength;
    if (each) await each(total, reader);
  }
}

async function mainPage() {
  await scenario('fetch_allowed', async () => {
    const response = await httpFetch(`${HTTP}/allowed/ok/t-allowed`);
    expect(response.status === 200 && response.statusText === 'OK', 'status 200 OK, got ' + response.status + ' ' + response.statusText);
    expect(response.headers.get('x-test') === 'yes', 'the X-Test header, got ' + response.headers.get('x-test'));
    expect(response.url === `${HTTP}/allowed/ok/t-allowed`, 'the url, got ' + response.url);
    // A header that is not UTF-8 (a Latin-1 byte) reads as the Fetch standard's ByteString.
    const latin = await httpFetch(`${HTTP}/allowed/latin1/t-latin1`);
    expect(latin.headers.get('x-name') === 'caf\u00e9', 'X-Name as Latin-1, got ' + JSON.stringify(latin.headers.get('x-name')));
    await latin.text();
    const text = await response.text();
    expect(text === 'hello t-allowed', 'the body, got ' + JSON.stringify(text));
    const requests = await seen('t-allowed');
    expect(requests.length === 1, 'one request seen, got ' + requests.length);
    const origin = requests[0].headers.origin;
    expect(origin === window.location.origin, `Origin ${window.location.origin}, got ${origin}`);
    return text;
  });

  await scenario('fetch_post_body_and_headers', async () => {
    const response = await httpFetch(`${HTTP}/allowed/echo/t-post`, {
      method: 'POST', body: 'abc', headers: { 'X-Custom': 'yes', 'Content-Type': 'text/plain' },
    });
    const echo = await response.json();
    expect(echo.method === 'POST' && echo.body_length === 3, 'POST with 3 bytes, got ' + JSON.stringify(echo));
    expect(echo.headers['x-custom'] === 'yes', 'X-Custom sent, got ' + JSON.stringify(echo.headers));
    expect(echo.headers['content-type'] === 'text/plain', 'the Content-Type sent, got ' + echo.headers['content-type']);
    expect(!('expect' in echo.headers), 'no Expect header, got ' + echo.headers.expect);
    return 'POST';
  });

  await scenario('denied_url_refused_before_connecting', async () => {
    await refusedByScope(httpFetch(`${HTTP}/allowed/denied/t-denied`));
    await refusedByScope(httpFetch(`${HTTP}/outside/t-denied`));
    await refusedByScope(httpFetch(`http://localhost:${PORTS.http}/allowed/ok/t-denied`));
    // Other spellings of the denied server (docs/url-patterns.md): refused too, however refused.
    for (const url of [`http://127.0.0.1.:${PORTS.http}/allowed/denied/t-denied`,
      `http://[::ffff:127.0.0.1]:${PORTS.http}/allowed/denied/t-denied`]) {
      await rejects(invoke('plugin:http|fetch', { clientConfig: { method: 'GET', url, headers: [], data: null } }));
    }
    await neverArrives('t-denied');
    return 'refused';
  });

  await scenario('other_schemes_refused', async () => {
    for (const url of ['file:///etc/passwd', `ftp://127.0.0.1:${PORTS.http}/allowed/t-scheme`]) {
      await rejects(invoke('plugin:http|fetch', { clientConfig: { method: 'GET', url, headers: [], data: null } }));
    }
    await neverArrives('t-scheme');
    return 'refused';
  });

  await scenario('redirect_to_denied_refused', async () => {
    await refusedByScope(httpFetch(`${HTTP}/allowed/redirect-denied/t-redir`));
    await refusedByScope(httpFetch(`${HTTP}/allowed/redirect-outside/t-redir`));
    const paths = (await seen('t-redir', 800)).map((r) => r.path);
    expect(JSON.stringify(paths) === JSON.stringify(['/allowed/redirect-denied/t-redir', '/allowed/redirect-outside/t-redir']),
      'only the first hops seen, got ' + JSON.stringify(paths));
    return 'refused';
  });

  await scenario('redirect_allowed_followed', async () => {
    const response = await httpFetch(`${HTTP}/allowed/redirect-ok/t-follow`);
    expect(response.status === 200 && response.url === `${HTTP}/allowed/ok/t-follow`, 'the final hop, got ' + response.status + ' ' + response.url);
    expect((await response.text()) === 'hello t-follow', 'the final body');
    const see = await httpFetch(`${HTTP}/allowed/redirect-303/t-see`, { method: 'POST', body: 'payload' });
    const echo = await see.json();
    expect(echo.method === 'GET' && echo.body_length === 0, '303 turns POST into a GET without body, got ' + JSON.stringify(echo));
    // 307 to another origin keeps the method and body (the Fetch standard) but not the credentials.
    const cross = await httpFetch(`${HTTP}/allowed/redirect-cross/t-cross`,
      { method: 'POST', body: 'xyz', headers: { Authorization: 'Bearer secret', 'X-Keep': 'kept' } });
    const crossEcho = await cross.json();
    expect(cross.url === `${HTTPS}/allowed/echo/t-cross`, 'the https hop answered, got ' + cross.url);
    expect(crossEcho.method === 'POST' && crossEcho.body_length === 3, '307 keeps POST and its body, got ' + JSON.stringify(crossEcho));
    expect(!('authorization' in crossEcho.headers) && crossEcho.headers['x-keep'] === 'kept',
      'Authorization dropped across origins, other headers kept, got ' + JSON.stringify(crossEcho.headers));
    const first = (await seen('t-cross')).find((r) => r.path.includes('redirect-cross'));
    expect(first && first.headers.authorization === 'Bearer secret', 'the first hop had the Authorization');
    const none = await httpFetch(`${HTTP}/allowed/redirect-ok/t-nofollow`, { maxRedirections: 0 });
    expect(none.status === 302, 'maxRedirections 0 gives the 302 itself, got ' + none.status);
    return 'followed';
  });

  await scenarioWithin(120000, 'big_download_bounded_memory', async () => {
    const before = await driver('/vmhwm');
    const response = await httpFetch(`${HTTP}/allowed/big/t-big`);
    // The page does not read for 3 s: the server must be held back (the host buffers 512 KiB and
    // stops reading the socket), where an unbounded buffer would take all 100 MiB in well under 1 s.
    const held = (await driver('/big-sent', { token: 't-big', wait: 3000 })).sent;
    expect(held < 32 * 1024 * 1024, `the server held back while the page did not read, it sent ${held} bytes`);
    const total = await drain(response);
    const after = await driver('/vmhwm');
    expect(total === BIG, `${BIG} bytes, got ${total}`);
    const growthMiB = (after.hwm_kb - before.hwm_kb) / 1024;
    expect(growthMiB < 64, `the host's VmHWM to grow by less than 64 MiB, it grew by ${growthMiB.toFixed(1)} MiB`);
    const end = await driver('/big', { token: 't-big', wait: 5000 });
    expect(end.sent === BIG && !end.closed_early, 'the server sent it all, got ' + JSON.stringify(end));
    return { hwmGrowthMiB: Number(growthMiB.toFixed(1)), heldMiB: Number((held / 1048576).toFixed(1)) };
  }, 200);

  await scenarioWithin(60000, 'abort_mid_body', async () => {
    const controller = new AbortController();
    const response = await httpFetch(`${HTTP}/allowed/big/t-abort`, { signal: controller.signal });
    let aborted = false;
    const error = await rejects(drain(response, async (total) => {
      if (total >= 1024 * 1024 && !aborted) {
        aborted = true;
        controller.abort();
      }
    }));
    const end = await driver('/big', { token: 't-abort', wait: 10000 });
    expect(end.closed_early === true && end.sent < BIG, 'the server to see the connection close early, got ' + JSON.stringify(end));
    return String(error).slice(0, 40);
  });

  await scenario('https_trusted_ca', async () => {
    const response = await httpFetch(`${HTTPS}/allowed/ok/t-https`);
    expect(response.status === 200 && (await response.text()) === 'hello t-https', 'https through the test CA');
    return 'trusted';
  });

  await scenario('https_untrusted_refused', async () => {
    const error = String(await rejects(httpFetch(`${UNTRUSTED}/allowed/ok/t-untrusted`)));
    expect(/TLS certificate verification failed/.test(error), 'a clear TLS error, got ' + JSON.stringify(error));
    await neverArrives('t-untrusted');
    return error.slice(0, 60);
  });

  await scenario('danger_refused_without_config', async () => {
    const error = String(await rejects(httpFetch(`${UNTRUSTED}/allowed/ok/t-danger`,
      { danger: { acceptInvalidCerts: true, acceptInvalidHostnames: true } })));
    expect(/plugins\.http\.allowDangerousSettings/.test(error), 'the config key named, got ' + JSON.stringify(error));
    await neverArrives('t-danger');
    return 'refused';
  });

  await scenario('proxy_refused_without_config', async () => {
    const error = String(await rejects(httpFetch(`${HTTP}/allowed/ok/t-proxy`, { proxy: { all: `http://127.0.0.1:${PORTS.http}` } })));
    expect(/plugins\.http\.allowPageProxy/.test(error), 'the config key named, got ' + JSON.stringify(error));
    await neverArrives('t-proxy');
    return 'refused';
  });

  // The run's environment has http_proxy=http://e2e-user:e2e-secret@127.0.0.1:PROXY and
  // no_proxy=127.0.0.1,localhost (setup.sh): libcurl reads them, as for any program.
  await scenario('proxy_from_environment', async () => {
    const response = await httpFetch('http://proxied.test/allowed/ok/t-envproxy');
    expect((await response.text()) === 'hello t-envproxy', 'the proxy answered');
    const requests = await seen('t-envproxy');
    expect(requests.length === 1 && requests[0].server === 'proxy', 'one request, to the proxy, got ' + JSON.stringify(requests));
    expect(requests[0].path === 'http://proxied.test/allowed/ok/t-envproxy', 'the absolute form, got ' + requests[0].path);
    const credentials = 'Basic ' + btoa('e2e-user:e2e-secret');
    expect(requests[0].headers['proxy-authorization'] === credentials,
      'the environment\'s credentials, got ' + JSON.stringify(requests[0].headers['proxy-authorization']));
    // A page cannot replace them (Proxy-* is forbidden) ...
    await (await httpFetch('http://proxied.test/allowed/ok/t-envproxy-page', { headers: { 'Proxy-Authorization': 'Basic cGFnZTpwYWdl' } })).text();
    const page = await seen('t-envproxy-page');
    expect(page.length === 1 && page[0].headers['proxy-authorization'] === credentials,
      'still the environment\'s credentials, got ' + JSON.stringify(page.map((r) => r.headers['proxy-authorization'])));
    // ... and no_proxy keeps a direct request direct, without them.
    await (await httpFetch(`${HTTP}/allowed/ok/t-envproxy-direct`)).text();
    const direct = await seen('t-envproxy-direct');
    expect(direct.length === 1 && direct[0].server === 'plain' && !('proxy-authorization' in direct[0].headers),
      'a direct request without credentials, got ' + JSON.stringify(direct));
    return 'proxied';
  });

  // A loopback listener whose accept queue is full: the connection never completes.
  await scenarioWithin(20000, 'connect_timeout', async () => {
    const started = performance.now();
    const error = String(await rejects(httpFetch(`http://127.0.0.1:${PORTS.stuck}/allowed/ok/t-stuck`, { connectTimeout: 400 })));
    const took = performance.now() - started;
    const want = `connecting to http://127.0.0.1:${PORTS.stuck} timed out after 400 ms`;
    expect(error.includes(want), `"${want}", got ${JSON.stringify(error)}`);
    expect(took >= 350 && took < 5000, 'about 400 ms, took ' + Math.round(took));
    return 'timed out';
  });

  await scenario('forbidden_headers_dropped', async () => {
    const response = await httpFetch(`${HTTP}/allowed/echo/t-headers`, {
      headers: { Cookie: 'stolen=1', Host: 'evil.example', Origin: 'https://evil.example', 'X-Ok': '1', 'Sec-Fetch-Site': 'none' },
    });
    const h = (await response.json()).headers;
    expect(h['x-ok'] === '1', 'X-Ok sent');
    expect(h.host === `127.0.0.1:${PORTS.http}`, 'the real Host, got ' + h.host);
    expect(!h.cookie || !h.cookie.includes('stolen'), 'no page Cookie, got ' + h.cookie);
    expect(h.origin === window.location.origin, 'the page origin as Origin, got ' + h.origin);
    expect(!('sec-fetch-site' in h), 'no Sec- header, got ' + h['sec-fetch-site']);
    return 'dropped';
  });

  await scenario('header_injection_refused', async () => {
    const error = String(await rejects(invoke('plugin:http|fetch', { clientConfig: {
      method: 'GET', url: `${HTTP}/allowed/ok/t-inject`, headers: [['X-A', 'a\r\nHost: evil']], data: null } })));
    expect(/CR, LF or NUL/.test(error), 'the value refused, got ' + JSON.stringify(error));
    await rejects(invoke('plugin:http|fetch', { clientConfig: {
      method: 'TRACE', url: `${HTTP}/allowed/ok/t-inject`, headers: [], data: null } }));
    await neverArrives('t-inject');
    return 'refused';
  });

  await scenario('request_body_over_cap_refused', async () => {
    const error = String(await rejects(httpFetch(`${HTTP}/allowed/echo/t-cap`, { method: 'POST', body: new Uint8Array(1048577) })));
    expect(/plugins\.http\.maxRequestBodyBytes/.test(error) && /1048576/.test(error), 'the cap named, got ' + JSON.stringify(error));
    await neverArrives('t-cap');
    const fits = await httpFetch(`${HTTP}/allowed/echo/t-fits`, { method: 'POST', body: new Uint8Array(1048576) });
    const echo = await fits.json();
    expect(echo.body_length === 1048576, 'a body at the cap sent whole, got ' + echo.body_length);
    return 'capped';
  });

  await scenario('cookies_kept_for_the_app', async () => {
    await (await httpFetch(`${HTTP}/allowed/cookie/t-cookie`)).text();
    const echo = await (await httpFetch(`${HTTP}/allowed/echo/t-cookie2`)).json();
    expect((echo.headers.cookie || '').includes('warden_e2e=t-cookie'), 'the cookie sent back, got ' + echo.headers.cookie);
    return 'kept';
  });

  await scenario('open_requests_capped', async () => {
    const config = (n) => ({ clientConfig: { method: 'GET', url: `${HTTP}/allowed/ok/t-cap-open-${n}`, headers: [], data: null } });
    const rids = [];
    for (let n = 0; n < 64; n += 1) rids.push(await invoke('plugin:http|fetch', config(n)));
    const error = String(await rejects(invoke('plugin:http|fetch', config(64))));
    expect(/too many requests open \(64\)/.test(error), 'the 65th refused, got ' + JSON.stringify(error));
    for (const rid of rids) await invoke('plugin:http|fetch_cancel', { rid });  // cancelled: no longer open
    const response = await httpFetch(`${HTTP}/allowed/ok/t-cap-open-after`);
    expect(response.status === 200, 'a request once they were cancelled, got ' + response.status);
    await neverArrives('t-cap-open-6');  // none of the 64 was ever sent
    return 'capped';
  });

  // Main opens a request whose body stalls and hands its ids to "other", which must find none.
  await scenarioWithin(60000, 'rids_of_this_page_only', async () => {
    const rid = await invoke('plugin:http|fetch', { clientConfig: {
      method: 'GET', url: `${HTTP}/allowed/stall/t-stall`, headers: [], data: null } });
    const head = await invoke('plugin:http|fetch_send', { rid });
    await rejects(invoke('plugin:http|fetch_read_body', { rid }));  // a request id is not a body id
    await driver('/mark', { name: 'rids', value: JSON.stringify({ rid, body: head.rid }) });
    const verdict = JSON.parse((await driver('/marked', { name: 'other-tried', wait: 30000 })).value);
    expect(verdict.refused === 4, 'other refused 4 times, got ' + JSON.stringify(verdict));
    const chunk = new Uint8Array(await invoke('plugin:http|fetch_read_body', { rid: head.rid }));
    expect(chunk.length > 1 && chunk[chunk.length - 1] === 0, 'main still reads its body, got ' + chunk.length + ' bytes');
    await invoke('plugin:http|fetch_cancel_body', { rid: head.rid });
    return 'own';
  });

  // Last: transfers still running when the run ends — a body the page stopped reading (its
  // transfer waits for room in the buffer) and a request the server never answers (fetch_send
  // pending). The host must still exit at once: the run's own timeout would catch a hang.
  await scenarioWithin(60000, 'transfers_open_at_exit', async () => {
    // Not before "other" has checked that its reload stopped its transfer (the host must still run).
    await driver('/marked', { name: 'other-gone-checked', wait: 45000 });
    const response = await httpFetch(`${HTTP}/allowed/big/t-exit`);
    const reader = response.body.getReader();
    await reader.read();
    httpFetch(`${HTTP}/allowed/silent/t-exit-silent`).catch(() => {});
    const requests = await seen('t-exit-silent', 1000);
    expect(requests.length === 1, 'the silent request reached its server, got ' + requests.length);
    return 'left open';
  });
}

async function otherPage() {
  // Second load (after the reload below): the first document's transfer must have stopped.
  if ((await driver('/has', { name: 'other-reloading' })).present) {
    await scenarioWithin(30000, 'page_gone_stops_transfer', async () => {
      // main keeps the host running until this mark: only the page's going away can end it here.
      const end = await driver('/big', { token: 't-gone', wait: 15000 });
      await driver('/mark', { name: 'other-gone-checked', value: '1' });
      expect(end.closed_early === true && end.sent < BIG, 'the server to see the connection close early, got ' + JSON.stringify(end));
      return 'stopped';
    });
    return;
  }
  await scenarioWithin(60000, 'other_page_cannot_use_rids', async () => {
    const ids = JSON.parse((await driver('/marked', { name: 'rids', wait: 40000 })).value);
    let refused = 0;
    const calls = [['fetch_read_body', ids.body], ['fetch_cancel_body', ids.body], ['fetch_cancel', ids.rid],
      ['fetch_send', ids.rid]];
    for (const [command, rid] of calls) {
      try {
        await invoke('plugin:http|' + command, { rid });
      } catch (e) {
        refused += 1;
      }
    }
    await driver('/mark', { name: 'other-tried', value: JSON.stringify({ refused }) });
    expect(refused === 4, 'all 4 refused, got ' + refused);
    return 'refused';
  });
  // A body the page reads a little of, then the page goes away (a reload): the host closes the
  // page's resources and the transfer stops, though nobody cancelled it. The report comes from the
  // second load, which carries the first load's results in the driver's marks.
  const response = await httpFetch(`${HTTP}/allowed/big/t-gone`);
  await response.body.getReader().read();
  await driver('/mark', { name: 'other-reloading', value: JSON.stringify(results) });
  window.location.reload();
  await new Promise(() => {});  // the reload ends this document
}

async function deniedPage() {
  await scenario('fetch_denied', async () => {
    const error = String(await rejects(httpFetch(`${HTTP}/allowed/ok/t-window`)));
    expect(/not allowed/i.test(error), '"not allowed", got ' + JSON.stringify(error));
    await neverArrives('t-window');
    return 'denied';
  });
}

// The config runs: plugins.http allows danger, proxy and unsafe headers and persists cookies. The
// second of them (esbuild --define HTTP_RUN) only checks the cookies the first one left.
async function openPage() {
  if (RUN === 'second') {
    await scenario('cookies_restored_next_run', async () => {
      const echo = await (await httpFetch(`${HTTP}/allowed/echo/t-persist-check`)).json();
      const cookie = echo.headers.cookie || '';
      expect(cookie.includes('kept=t-persist'), 'the expiring cookie restored, got ' + JSON.stringify(cookie));
      expect(!cookie.includes('session='), 'no session cookie across runs, got ' + JSON.stringify(cookie));
      // Another site (the same server named localhost) gets none of 127.0.0.1's cookies.
      const other = await (await httpFetch(`http://localhost:${PORTS.http}/allowed/echo/t-persist-other`)).json();
      expect(!other.headers.cookie, 'no cookie for another site, got ' + JSON.stringify(other.headers.cookie));
      return 'restored';
    });
    return;
  }
  await scenario('cookies_persisted', async () => {
    await (await httpFetch(`${HTTP}/allowed/cookie-persist/t-persist`)).text();
    const echo = await (await httpFetch(`${HTTP}/allowed/echo/t-persist-echo`)).json();
    const cookie = echo.headers.cookie || '';
    expect(cookie.includes('kept=t-persist') && cookie.includes('session=t-persist'), 'both cookies this run, got ' + cookie);
    return 'set';
  });

  await scenario('danger_honoured_with_config', async () => {
    const response = await httpFetch(`${UNTRUSTED}/allowed/ok/t-open-danger`,
      { danger: { acceptInvalidCerts: true, acceptInvalidHostnames: true } });
    expect(response.status === 200 && (await response.text()) === 'hello t-open-danger', 'the untrusted server reached');
    // Without the option the certificate is still verified.
    const error = String(await rejects(httpFetch(`${UNTRUSTED}/allowed/ok/t-open-verified`)));
    expect(/TLS certificate verification failed/.test(error), 'still verified by default, got ' + JSON.stringify(error));
    return 'honoured';
  });

  await scenario('proxy_honoured_with_config', async () => {
    // The plain server as the proxy: it then sees the request in absolute form.
    const response = await httpFetch(`${HTTP}/allowed/ok/t-open-proxy`, { proxy: { all: `http://127.0.0.1:${PORTS.http}` } });
    expect(response.status === 200, 'status 200, got ' + response.status);
    const paths = (await seen('t-open-proxy')).map((r) => r.path);
    expect(paths.length === 1 && paths[0].startsWith('http://127.0.0.1:'), 'one request through the proxy, got ' + JSON.stringify(paths));
    return 'honoured';
  });

  await scenario('unsafe_headers_with_config', async () => {
    const response = await httpFetch(`${HTTP}/allowed/echo/t-open-headers`,
      { headers: { Cookie: 'page=1', Origin: 'https://custom.example', 'X-Ok': '1' } });
    const h = (await response.json()).headers;
    expect(h.cookie === 'page=1', 'the page Cookie sent, got ' + h.cookie);
    expect(h.origin === 'https://custom.example', 'the page Origin sent, got ' + h.origin);
    const none = await (await httpFetch(`${HTTP}/allowed/echo/t-open-no-origin`, { headers: { Origin: '' } })).json();
    expect(!('origin' in none.headers), 'an empty Origin removes it, got ' + none.headers.origin);
    return 'sent';
  });
}

// "other" reports once, from its second load, with the first load's results too.
async function sendReport() {
  if (label === 'other') {
    const first = await driver('/has', { name: 'other-reloading' });
    if (first.present) Object.assign(results, JSON.parse((await driver('/marked', { name: 'other-reloading' })).value), { ...results });
  }
  // The second config run reports as "open-second" (page-results.txt keeps both runs' lines).
  return DRIVER.sendReport(RUN === 'second' ? label + '-second' : label);
}
const pages = { main: mainPage, other: otherPage, denied: deniedPage, open: openPage };

results.metadata = { ok: true, detail: label };
pages[label]().then(sendReport).catch((e) => {
  results.runner = { ok: false, detail: String(e && e.message ? e.message : e) };
  sendReport().catch(() => { document.title = 'DONE ' + JSON.stringify({ runner: results.runner }); });
});
