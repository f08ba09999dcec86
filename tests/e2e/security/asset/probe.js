// What a frame can get of the asset scope, each way a page can try: a CORS read (fetch), a byte
// range of a media file (what a media loader asks for), an image in CORS mode drawn to a canvas
// and read back, a plain <img>. Plain script (no bundle): the app page inlines it into its srcdoc
// and data: frames, the static server serves it to the remote pages.
// window.assetProbe({secret, image, media}) resolves to one short string per way.
(function () {
  'use strict';
  function fresh(url) {  // the frame's own request, never an answer WebKit cached for another frame
    return url + (url.indexOf('?') < 0 ? '?' : '&') + 'n=' + Math.random().toString(36).slice(2);
  }
  function timeout(ms, value) {
    return new Promise(function (resolve) { setTimeout(function () { resolve(value); }, ms); });
  }
  function race(promise) { return Promise.race([promise, timeout(15000, 'timeout')]); }
  function readFetch(url, headers) {
    return fetch(fresh(url), { headers: headers || {} }).then(function (r) {
      return r.arrayBuffer().then(function (b) {
        if (!headers) return 'read:' + r.status + ':' + new TextDecoder().decode(b.slice(0, 40));
        // Bytes 1000-1999 of the MP3: a frame header (ff fb) starts 261 bytes in (10 + 3 * 417).
        var bytes = new Uint8Array(b);
        return 'read:' + r.status + ':' + b.byteLength + ':' + (bytes[261] === 0xff && bytes[262] === 0xfb ? 'frame' : 'no frame');
      });
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
  window.assetProbe = function (urls) {
    return Promise.all([race(readFetch(urls.secret)), race(readFetch(urls.media, { Range: 'bytes=1000-1999' })),
                        race(loadImage(urls.image, true)), race(loadImage(urls.image, false))])
      .then(function (r) { return { fetch: r[0], range: r[1], corsImage: r[2], image: r[3] }; });
  };
})();
