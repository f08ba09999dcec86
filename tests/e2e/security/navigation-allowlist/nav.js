// Shared by every page of the navigation test. A window's results travel from page to page in
// sessionStorage (per origin and window); a page reached by an attack reports what it got.
window.nav = {
  load() { return JSON.parse(sessionStorage.getItem('results') || '{}'); },
  save(results) { sessionStorage.setItem('results', JSON.stringify(results)); },
  report(results) { document.title = 'DONE ' + JSON.stringify(results); },
  // Navigates; resolves when the navigation did not happen (this document is still here after
  // `ms`: a refused navigation leaves no other trace in the page). A navigation that happens
  // ends this document, and the page it reached reports instead.
  attempt(url, ms) {
    location.href = url;
    return new Promise((resolve) => setTimeout(() => resolve('still on ' + location.href), ms));
  },
  label() { return window.__TAURI_INTERNALS__.metadata.currentWindow.label; },
};
