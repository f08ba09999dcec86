// frameAppPage(url): frames `url` and resolves with what the framed page got:
//   "report:<what x.js said>" when it ran (its invoke answered or refused),
//   "blocked:<url>" when the frame holds an about: document the parent can read (WebKit refused
//   to load the page there), "no report" when the frame loaded something that never reported,
//   "never loaded" when the frame fired no load event at all (WebKit refused the navigation).
// A frame's load event fires once, whatever it shows; x.js's call answers after that, so a frame
// that did load gets up to 15 s to report (the wait decides nothing when it reports).
window.frameAppPage = function (url) {
  return new Promise((resolve) => {
    const frame = document.createElement('iframe');
    let settled = false;
    const settle = (v) => { if (!settled) { settled = true; resolve(v); } };
    window.addEventListener('message', (e) => {
      if (e.source === frame.contentWindow && e.data && e.data.framed === 'x') settle('report:' + e.data.result);
    });
    frame.addEventListener('load', () => {
      let doc = null;
      try { doc = frame.contentDocument; } catch (e) { doc = null; }
      if (doc && doc.URL.startsWith('about:')) return settle('blocked:' + doc.URL);
      setTimeout(() => settle('no report'), 15000);
    });
    setTimeout(() => settle('never loaded'), 20000);
    frame.src = url;
    document.body.appendChild(frame);
  });
};
