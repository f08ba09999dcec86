// The app's pages. In window "main": index.html navigates to next.html (its own page, allowed),
// which tries another origin (refused by default) and reports. In window "remote" an app page
// means the remote page's attack went through: it reports that, with the data it was handed.
(async function () {
  const results = nav.load();
  if (nav.label() !== 'main') {
    let version = null;
    try { version = await window.__TAURI_INTERNALS__.invoke('plugin:app|version', {}); } catch (e) { version = 'refused'; }
    results.remote_to_app_page_refused = { ok: false, detail: 'reached ' + location.href + ' with grants: ' + version };
    return nav.report(results);
  }
  if (location.pathname.endsWith('/index.html')) {
    nav.save(results);
    location.href = 'next.html#from-index';
    return;
  }
  results.app_to_own_page_works = { ok: location.hash === '#from-index', detail: location.href };
  nav.save(results);
  const other = document.querySelector('meta[name=other-base]').content;
  const still = await nav.attempt(other + '/other.html#from-app', 5000);
  results.app_to_other_origin_refused = { ok: true, detail: still };
  nav.report(results);
})();
