// What a frame can get of the asset scope, each way a page can try: a CORS read (fetch), an image
// in CORS mode drawn to a canvas and read back, a plain <img>, a <video>. Plain script (no bundle):
// the app page inlines it into its srcdoc and data: frames, the static server serves it to the
// remote pages. window.assetProbe({secret, image, video}) resolves to one short string per way.
(function () {
  'use strict';
  function fresh(url) {  // the frame's own request, never an answer WebKit cached for another frame
    return url + (url.indexOf('?') < 0 ? '?' : '&') + 'n=' + Math.random().toString(36).slice(2);
  }
  function timeout(ms, value) {
    return new Promise(function (resolve) { setTimeout(function () { resolve(value); }, ms); });
  }
  function race(promise) { return Promise.race([promise, timeout(15000, 'timeout')]); }
  function readFetch(url) {
    return fetch(fresh(url)).then(function (r) {
      return r.text().then(function (t) { return 'read:' + r.status + ':' + t.slice(0, 40); });
    }, function (e) { return 'refused:' + String(e && e.message || e).slice(0, 30); });
  }
  function loadImage(url, cors) {
    return new Promise(function (resolve) {
      var img = new Image();
      if (cors) img.crossOrigin = 'anonymous';
      img.onload = function () {
        if (!cors) return resolve('loaded:' + img.naturalWidth);
        try {
          var c = document.createElement('canvas');
          c.width = img.naturalWidth;
          c.height = img.naturalHeight;
          var ctx = c.getContext('2d');
          ctx.drawImage(img, 0, 0);
          resolve('pixels:' + Array.prototype.join.call(ctx.getImageData(0, 0, 1, 1).data, ','));
        } catch (e) {
          resolve('tainted');
        }
      };
      img.onerror = function () { resolve('error'); };
      img.src = fresh(url);
    });
  }
  function loadVideo(url) {
    return new Promise(function (resolve) {
      var v = document.createElement('video');
      v.muted = true;
      v.preload = 'auto';
      v.onloadedmetadata = function () { resolve('metadata:' + Math.round(v.duration)); };
      v.onerror = function () { resolve('error'); };
      v.src = fresh(url);
      document.body.appendChild(v);
    });
  }
  window.assetProbe = function (urls) {
    return Promise.all([race(readFetch(urls.secret)), race(loadImage(urls.image, true)), race(loadImage(urls.image, false)),
                        race(loadVideo(urls.video))])
      .then(function (r) { return { fetch: r[0], corsImage: r[1], image: r[2], video: r[3] }; });
  };
})();
