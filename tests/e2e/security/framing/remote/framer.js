// A remote page frames app://localhost/x.html. Top-level (window "remote") it reports in its
// title; inside the app's page it tells its parent.
(async function () {
  const got = await window.frameAppPage('app://localhost/x.html');
  if (window.parent !== window) return parent.postMessage({ framer: got }, '*');
  const ok = !got.startsWith('report:version:');
  const results = { remote_window_frame_gets_nothing: { ok, detail: got.slice(0, 120) } };
  document.title = 'DONE ' + JSON.stringify(results);
})();
