// The asset protocol against hostile frames (issue 12, finding 4), bundled with the unmodified
// @tauri-apps/api. The app page ("main") reads its asset scope every way a page can and must keep
// doing so (WebKitGTK's GStreamer cannot play <video src="asset://..."> at all, upstream bug
// 146351, so media is read by byte ranges and played from what fetch returned); it then hosts
// three hostile frames (a sandboxed srcdoc iframe, a data: iframe, an http://127.0.0.1 iframe no
// capability grants) that try the same. The same remote page runs in an ungranted top-level
// window ("remote") and in one whose capability lists its origin ("granted"). Every window reports
// {scenario: {ok, detail}} in its title as "DONE <json>"; check_asset.py also makes sure that the
// run's random secret reached only the allowed callers.
import { convertFileSrc } from '@tauri-apps/api/core';
import { results, scenario, expect, short, setDetailLengths } from '../../prelude/scenario.js';

setDetailLengths(60, 60);

function withTimeout(promise, ms, what) {
  return Promise.race([promise, new Promise((_, reject) => setTimeout(() => reject(new Error('timeout: ' + what)), ms))]);
}

const assetDir = document.querySelector('meta[name=asset-dir]').content;
const urls = {
  secret: convertFileSrc(assetDir + '/secret.txt'),
  image: convertFileSrc(assetDir + '/dot.png'),
  media: convertFileSrc(assetDir + '/clip.mp3'),
};

// Nothing of the file may reach a hostile frame: no body through a CORS read, no pixels.
function expectNothingRead(result) {
  expect(!result.fetch.startsWith('read:200'), 'the file not to be read, got ' + result.fetch);
  expect(!result.range.startsWith('read:206'), 'no byte range, got ' + result.range);
  expect(!result.corsImage.startsWith('pixels'), 'no pixels, got ' + result.corsImage);
}

function frameReport(tag) {
  return withTimeout(new Promise((resolve) => {
    window.addEventListener('message', (e) => { if (e.data && e.data.probe === tag) resolve(e.data.result); });
  }), 30000, tag + ' frame report');
}

async function hostileFrameHtml(tag) {
  const probe = await (await fetch('probe.js')).text();
  return '<!doctype html><body><script>' + probe + '</' + 'script><script>assetProbe(' + JSON.stringify(urls)
    + ').then(function (r) { parent.postMessage({probe: ' + JSON.stringify(tag) + ', result: r}, "*"); });</' + 'script></body>';
}

// <video> plays a media file of the scope read through fetch, and seeks in it.
async function videoSeeks() {
  const blob = await (await fetch(urls.media)).blob();
  return new Promise((resolve, reject) => {
    const v = document.createElement('video');
    v.muted = true;
    v.preload = 'auto';
    v.onerror = () => reject(new Error('video error ' + (v.error && v.error.code)));
    // Seek once the duration is known (the MP3's Xing header gives it with the metadata).
    let seeking = false;
    const seekOnceKnown = () => {
      if (seeking || !(v.duration > 15)) return;
      seeking = true;
      v.onseeked = () => resolve('seeked:' + Math.round(v.currentTime) + '/' + Math.round(v.duration));
      v.currentTime = 15;
    };
    v.onloadedmetadata = seekOnceKnown;
    v.ondurationchange = seekOnceKnown;
    v.oncanplay = seekOnceKnown;
    v.src = URL.createObjectURL(blob);
    document.body.appendChild(v);
  });
}

async function mainWindow() {
  const own = await window.assetProbe(urls);
  await scenario('app_fetch_reads', async () => {
    expect(own.fetch.startsWith('read:200:'), 'the app page to read its asset, got ' + own.fetch);
    return own.fetch;
  });
  await scenario('app_cors_image_readable', async () => {
    expect(own.corsImage === 'pixels:255,0,0,255', 'the red pixel, got ' + own.corsImage);
    return own.corsImage;
  });
  await scenario('app_image_loads', async () => {
    expect(own.image === 'loaded:4', 'a 4 px wide image, got ' + own.image);
    return own.image;
  });
  await scenario('app_range_reads', async () => {
    // What seeking asks for: one byte range per request, 206 with its Content-Range.
    expect(own.range === 'read:206:1000:frame', own.range + ' to be bytes 1000-1999');
    const tail = await fetch(urls.media, { headers: { Range: 'bytes=-417' } });
    expect(tail.status === 206 && (await tail.arrayBuffer()).byteLength === 417, 'the last frame, got ' + tail.status);
    return own.range;
  });
  await scenario('app_video_seeks', async () => {
    const seeked = await withTimeout(videoSeeks(), 30000, 'video seek');
    expect(seeked.startsWith('seeked:15/20'), 'a seek to 15 s of 20, got ' + seeked);
    return seeked;
  });

  await scenario('srcdoc_sandboxed_reads_nothing', async () => {
    const frame = document.createElement('iframe');
    frame.setAttribute('sandbox', 'allow-scripts');
    frame.srcdoc = await hostileFrameHtml('srcdoc');
    const report = frameReport('srcdoc');
    document.body.appendChild(frame);
    const result = await report;
    expectNothingRead(result);
    return result;
  });
  await scenario('data_iframe_reads_nothing', async () => {
    const frame = document.createElement('iframe');
    frame.src = 'data:text/html,' + encodeURIComponent(await hostileFrameHtml('data'));
    const report = frameReport('data');
    document.body.appendChild(frame);
    const result = await report;
    expectNothingRead(result);
    return result;
  });
  await scenario('http_iframe_reads_nothing', async () => {
    const base = document.querySelector('meta[name=remote-base]').content;
    const frame = document.createElement('iframe');
    frame.src = base + '/frame.html';
    const ready = withTimeout(new Promise((resolve) => {
      window.addEventListener('message', (e) => { if (e.data && e.data.ready === 'http') resolve(); });
    }), 30000, 'http frame ready');
    const report = frameReport('http');
    document.body.appendChild(frame);
    await ready;
    frame.contentWindow.postMessage({ urls }, '*');
    const result = await report;
    expectNothingRead(result);
    return result;
  });
}

async function remoteWindow(label) {
  const result = await window.assetProbe(urls);
  if (label === 'granted') {
    await scenario('granted_remote_reads', async () => {
      expect(result.fetch.startsWith('read:200:'), 'the granted remote page to read, got ' + result.fetch);
      expect(result.image === 'loaded:4', 'its image to load, got ' + result.image);
      return result.fetch;
    });
    return;
  }
  await scenario('remote_window_gets_nothing', async () => {
    expectNothingRead(result);
    // A top-level window is known to the host: even a load without an Origin (<img>) gets nothing.
    expect(result.image === 'error', 'the image refused, got ' + result.image);
    return result;
  });
}

async function run() {
  const label = window.__TAURI_INTERNALS__.metadata.currentWindow.label;
  results.metadata = { ok: true, detail: label };
  if (label === 'main') await mainWindow();
  else await remoteWindow(label);
  document.title = 'DONE ' + JSON.stringify(results);
}

run().catch((e) => { document.title = 'DONE ' + JSON.stringify({ runner: { ok: false, detail: String(e) } }); });
