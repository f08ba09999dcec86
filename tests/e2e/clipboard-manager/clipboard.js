// Warden end-to-end scenarios of the clipboard-manager plugin through the unmodified npm package
// @tauri-apps/plugin-clipboard-manager (pinned by tests/e2e's lockfile), checked against the X
// clipboard as another application sees it: xclip, run by clipboard_driver.py at the page's
// request. "main" runs every command; "denied" (the plugin's default set) is refused everything;
// "writer" (every write permission) is refused every read.
// Each window reports {scenario: {ok, detail}} to the driver (page-results.txt).
import { clear, readImage, readText, writeHtml, writeImage, writeText } from '@tauri-apps/plugin-clipboard-manager';
import { Image } from '@tauri-apps/api/image';
import { results, scenario, expect, rejectionMessage as rejects, setDetailLengths } from '../prelude/scenario.js';
import { pageDriver } from '../prelude/page_driver.js';

setDetailLengths(60, 120);
const DRIVER = pageDriver('clipboard-driver');

const driver = (path, params) => DRIVER.call(path, params);

// A 2 x 2 image whose four pixels differ (one half transparent), to catch swapped channels or rows.
const PIXELS = [255, 0, 0, 255, 0, 255, 0, 255, 0, 0, 255, 255, 10, 20, 30, 128];
// After xclip took the clipboard, the host's GTK learns it from an X event its main loop has yet
// to handle; until then GTK still answers its own last content. A read is retried for up to 3 s.
async function eventually(body, ms = 3000) {
  const t0 = performance.now();
  for (;;) {
    try {
      return await body();
    } catch (e) {
      if (performance.now() - t0 > ms) throw e;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

const same = (a, b) => a.length === b.length && a.every((v, i) => v === b[i]);

async function mainWindow() {
  await scenario('write_text_seen_by_xclip', async () => {
    await writeText('héllo warden ✓', { label: 'ignored on GTK' });
    const { text } = await driver('/read', { target: 'UTF8_STRING' });
    expect(text === 'héllo warden ✓', 'xclip to read the text, got ' + JSON.stringify(text));
    return text;
  });
  await scenario('read_text_set_by_xclip', async () => {
    await driver('/set', { target: 'UTF8_STRING', data: 'from xclip ✓' });
    return await eventually(async () => {
      const text = await readText();
      expect(text === 'from xclip ✓', 'the text xclip set, got ' + JSON.stringify(text));
      return text;
    });
  });
  await scenario('write_html_seen_as_html', async () => {
    await writeHtml('<b>bold</b> move', 'bold move');
    const html = (await driver('/read', { target: 'text/html' })).text;
    expect(html === '<b>bold</b> move', 'text/html to be the HTML, got ' + JSON.stringify(html));
    const plain = (await driver('/read', { target: 'UTF8_STRING' })).text;
    expect(plain === 'bold move', 'the plain text to be altText, got ' + JSON.stringify(plain));
    expect((await readText()) === 'bold move', 'readText to answer altText');
    return 'html and alt';
  });
  await scenario('html_set_by_xclip_is_no_text', async () => {
    await driver('/set', { target: 'text/html', data: '<i>only html</i>' });
    return await eventually(async () => {
      const error = await rejects(readText());
      expect(error.includes('no text'), '"no text", got ' + error);
      return error;
    });
  });
  await scenario('read_image_set_by_xclip', async () => {
    await driver('/set_image', { width: 3, height: 2, rgba: '51,102,153,255' });
    const image = await eventually(() => readImage());
    expect(image instanceof Image, 'an Image');
    const size = await image.size();
    expect(size.width === 3 && size.height === 2, '3 x 2, got ' + JSON.stringify(size));
    const rgba = Array.from(await image.rgba());
    const expected = [].concat(...Array(6).fill([51, 102, 153, 255]));
    expect(same(rgba, expected), 'the PNG pixels, got ' + rgba.slice(0, 8));
    await image.close();
    return '3x2 rgba ok';
  });
  await scenario('write_image_seen_as_png', async () => {
    const image = await Image.new(PIXELS, 2, 2);
    await writeImage(image);
    const png = await driver('/read', { target: 'image/png' });
    expect(png.width === 2 && png.height === 2, 'a 2 x 2 PNG, got ' + png.width + 'x' + png.height);
    expect(same(png.rgba, PIXELS), 'the written pixels, got ' + png.rgba);
    const back = await readImage();
    expect(same(Array.from(await back.rgba()), PIXELS), 'readImage to answer the same pixels');
    return 'png pixels ok';
  });
  // transformImage's other shapes: the bytes of a PNG (fetched from the app's own folder) and a
  // path inside the app's folder (where image|from_path may read).
  const DOT = [200, 100, 50, 255, 0, 0, 0, 0];
  await scenario('write_image_from_png_bytes', async () => {
    const bytes = new Uint8Array(await (await fetch('dot.png')).arrayBuffer());
    await writeImage(bytes);
    const png = await driver('/read', { target: 'image/png' });
    expect(png.width === 2 && png.height === 1 && same(png.rgba, DOT), 'the PNG pixels, got ' + png.rgba);
    return 'bytes ok';
  });
  await scenario('write_image_from_path', async () => {
    await writeText('before');
    await writeImage('frontend/dot.png');
    const png = await driver('/read', { target: 'image/png' });
    expect(png.width === 2 && png.height === 1 && same(png.rgba, DOT), 'the PNG pixels, got ' + png.rgba);
    const error = await rejects(writeImage('/etc/passwd'));
    expect(!error.includes('root'), 'no file content in the refusal');
    return 'path ok';
  });
  await scenario('read_image_without_image_refused', async () => {
    await writeText('no picture here');
    const error = await rejects(readImage());
    expect(error.includes('no image'), '"no image", got ' + error);
    return error;
  });
  await scenario('write_image_bad_rid_refused', async () => {
    const error = await rejects(window.__TAURI_INTERNALS__.invoke('plugin:clipboard-manager|write_image', { image: 987654 }));
    expect(error.includes('not found'), '"not found", got ' + error);
    return error;
  });
  await scenario('clear_empties_clipboard', async () => {
    await writeText('to be cleared');
    await clear();
    const { owned } = await driver('/targets');
    expect(!owned, 'no owner of the clipboard after clear');
    const error = await rejects(readText());
    expect(error.includes('no text'), 'readText "no text", got ' + error);
    return 'no owner';
  });
  await scenario('huge_text_refused', async () => {
    await writeText('kept');
    const error = await rejects(writeText('a'.repeat(10 * 1024 * 1024 + 1)));
    expect(error.includes('10 MiB'), 'a refusal naming 10 MiB, got ' + error);
    expect((await readText()) === 'kept', 'the clipboard unchanged');
    return error;
  });
  await scenario('huge_html_refused', async () => {
    const half = 'h'.repeat(6 * 1024 * 1024);
    const error = await rejects(writeHtml(half, half));
    expect(error.includes('10 MiB'), 'a refusal naming 10 MiB, got ' + error);
    return error;
  });
  await scenario('huge_clipboard_image_refused', async () => {
    await driver('/set_image', { width: 5000, height: 5000, rgba: '1,2,3,255' });
    return await eventually(async () => {
      const error = await rejects(readImage());
      expect(error.includes('64 MiB'), 'a refusal naming 64 MiB, got ' + error);
      return error;
    });
  });
  // Each readImage is a new Image of the page: 4 of 64 000 000 bytes fit the host's 256 MiB per
  // page, the 5th is refused until the page closes one.
  await scenario('image_reads_bounded_per_page', async () => {
    await driver('/set_image', { width: 4000, height: 4000, rgba: '9,9,9,255' });
    const held = [await eventually(() => readImage())];
    for (let i = 1; i < 4; i++) held.push(await readImage());
    const error = await rejects(readImage());
    expect(error.includes('256 MiB'), 'a refusal naming 256 MiB, got ' + error);
    await held.shift().close();
    held.push(await readImage());
    for (const image of held) await image.close();
    return error;
  });
}

async function deniedWindow() {
  const calls = {
    read_text: () => readText(),
    read_image: () => readImage(),
    write_text: () => writeText('denied'),
    write_html: () => writeHtml('<b>denied</b>'),
    write_image: () => writeImage([1, 2, 3]),
    clear: () => clear(),
  };
  await scenario('default_set_refuses_everything', async () => {
    for (const [name, call] of Object.entries(calls)) {
      const error = await rejects(call());
      expect(error.startsWith('not allowed'), `${name} "not allowed", got ${error}`);
    }
    return Object.keys(calls).length + ' refused';
  });
}

// Writing does not imply reading: this window may write (it does not, so as not to race main).
async function writerWindow() {
  await scenario('read_refused_with_write_permissions', async () => {
    for (const [name, call] of [['read_text', readText], ['read_image', readImage]]) {
      const error = await rejects(call());
      expect(error.startsWith('not allowed'), `${name} "not allowed", got ${error}`);
    }
    return 'reads refused';
  });
}

// The report goes to the driver (page-results.txt): main's many scenarios do not fit in a title.
const sendReport = (label) => DRIVER.sendReport(label);

async function run(label) {
  results.metadata = { ok: true, detail: label };
  if (label === 'denied') await deniedWindow();
  else if (label === 'writer') await writerWindow();
  else await mainWindow();
}

const label = window.__TAURI_INTERNALS__.metadata.currentWindow.label;
run(label).catch((e) => { results.runner = { ok: false, detail: String(e) }; })
  .then(() => sendReport(label))
  .catch((e) => { document.title = 'DONE ' + JSON.stringify({ runner: { ok: false, detail: String(e) } }); });
