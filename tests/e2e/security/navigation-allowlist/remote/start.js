// The remote page in window "remote": tries to navigate its window to the app's page with data
// in the hash, then to another origin; then to a page of its own origin (allowed: the origin the
// window starts at), which reports.
(async function () {
  const results = nav.load();
  if (results.remote_to_other_origin_refused) return;  // already done (a reload)
  let still = await nav.attempt('app://localhost/index.html#token=stolen-by-remote', 5000);
  results.remote_to_app_page_refused = { ok: true, detail: still };
  nav.save(results);
  const other = document.querySelector('meta[name=other-base]').content;
  still = await nav.attempt(other + '/other.html#from-remote', 5000);
  results.remote_to_other_origin_refused = { ok: true, detail: still };
  nav.save(results);
  location.href = 'second.html';
})();
