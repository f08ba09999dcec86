// Which load of the page this is travels in the URL: the host reloads the URL the page had
// when its web process died, so the reloaded page knows it is the second one.
const load = Number(new URLSearchParams(location.search).get("load") || "0") + 1;
history.replaceState(null, "", "?load=" + load);
// The runner reads the host's log: a request for a missing file is logged with its URL.
const say = (text) => { new Image().src = "signal/" + encodeURIComponent(text); };
const invoke = window.__TAURI_INTERNALS__.invoke;

if (load === 1) {
  // A slow call: still running in the host when the runner kills this page's web process.
  document.title = "waiting";
  invoke("sleep", { ms: 10000 }).then(
    () => say("the first page's sleep answered"),
    (e) => say("the first page's sleep failed: " + e));
  say("load 1 calling sleep");
} else {
  say("load " + load);
  // Outlive the dead page's sleep, so the host gets its answer while this page runs; then show
  // that IPC works in the new page.
  invoke("sleep", { ms: 10000 })
    .then(() => invoke("echo", { value: load }))
    .then((r) => { document.title = "done load=" + load + " echo=" + r.value; },
          (e) => { document.title = "done load=" + load + " error=" + e; });
}
