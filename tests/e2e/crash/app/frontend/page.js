// Which load of the page this is travels in the URL: the host reloads the URL the page had
// when its web process died, so the reloaded page knows it is the second one.
const load = Number(new URLSearchParams(location.search).get("load") || "0") + 1;
history.replaceState(null, "", "?load=" + load);
// The runner reads the host's log: a request for a missing file is logged with its URL.
const say = (text) => { new Image().src = "signal/" + encodeURIComponent(text); };
const invoke = window.__TAURI_INTERNALS__.invoke;

if (load === 1) {
  // Slow calls, still running in the host when the runner kills this page's web process. The
  // runner gives the host two pool threads: both sleeps take them, so the stream (a blocking
  // command too) starts only after the page died, and its channel must not reach the next page.
  document.title = "waiting";
  for (let i = 0; i < 2; ++i)
    invoke("sleep", { ms: 10000 }).then(
      () => say("the first page's sleep answered"),
      (e) => say("the first page's sleep failed: " + e));
  const channel = window.__TAURI_INTERNALS__.transformCallback(() => say("the first page's channel delivered"));
  invoke("stream", { onEvent: "__CHANNEL__:" + channel, count: 3 });
  say("load 1 calling sleep");
} else {
  say("load " + load);
  // Waits for a pool thread, so it ends after the dead page's sleeps and stream: the host
  // gets their answers and messages while this page runs. Then shows that IPC works here.
  invoke("sleep", { ms: 1000 })
    .then(() => invoke("echo", { value: load }))
    .then((r) => { document.title = "done load=" + load + " echo=" + r.value; },
          (e) => { document.title = "done load=" + load + " error=" + e; });
}
