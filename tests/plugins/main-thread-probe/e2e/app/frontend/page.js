// Calls the main-thread probe's commands and reports {scenario: {ok, detail}} in the title as
// "DONE <json>" (warden run --exit-on-title prints it). The last step leaves the probe's `hold`
// command waiting for the main thread again and again, and a batch of callbacks queued, when the
// host quits: the plugin's shutdown report (checked by the runner's checker) shows whether the
// host released that worker and ran every accepted callback before the plugin's shutdown.
const invoke = window.__TAURI_INTERNALS__.invoke;
const call = (command, args) => invoke("plugin:main-thread-probe|" + command, args || {});
const results = {};

async function scenario(name, body) {
  try {
    const detail = await body();
    results[name] = { ok: true, detail: detail === undefined ? null : detail };
  } catch (e) {
    results[name] = { ok: false, detail: String(e && e.message ? e.message : e) };
  }
}

function expect(cond, what, value) {
  if (!cond) throw new Error("expected " + what + ", got " + JSON.stringify(value));
}

// A GTK call made on the main thread for a command that ran on a worker thread.
function expectRanOnTheMainThread(r) {
  expect(r.main_context_owner === true, "the function to run where GTK's main context is owned", r);
  expect(r.init_thread === true, "the function to run on the thread that ran the plugin's init", r);
  expect(typeof r.theme === "string" && r.theme.length > 0, "GTK's theme name", r);
}

const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

(async () => {
  await scenario("theme", async () => {
    const r = await call("theme");
    expectRanOnTheMainThread(r);
    expect(r.worker.main_context_owner === false && r.worker.init_thread === false,
           "the blocking command itself to run on a worker thread", r.worker);
    return r.theme;
  });
  await scenario("theme_quick", async () => {
    const r = await call("theme_quick");
    expectRanOnTheMainThread(r);
    return r.theme;
  });
  await scenario("queue_all_ran", async () => {
    const q = await call("queue", { count: 200 });
    expect(q.accepted === 200, "200 callbacks accepted", q);
    let s = await call("stats");
    while (s.ran < s.accepted) { await pause(10); s = await call("stats"); }  // the run's --timeout bounds it
    expect(s.ran === 200 && s.off_main_thread === 0 && s.refused === 0, "200 ran, all on the main thread", s);
    return s;
  });
  // Left running at exit: a worker waiting for the main thread, and callbacks not yet run.
  await scenario("hold_started", async () => {
    call("hold").catch(() => {});
    let s = await call("stats");
    while (s.hold_rounds < 1) { await pause(10); s = await call("stats"); }
    call("queue", { count: 500 }).catch(() => {});
    return s.hold_rounds;
  });
  document.title = "DONE " + JSON.stringify(results);
})();
