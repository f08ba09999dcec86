// The window-state e2e (tests/e2e/window-state): @tauri-apps/plugin-window-state 2.4.1 through the
// pinned package, in the real WebView under openbox, checked against what X reports
// (tests/e2e/windows/x_driver.py). RUN says which of the three runs this is:
// - first: main and second move and resize themselves; main saves from the page, then maximizes
//   and is closed by the window manager; plain (denylisted, no permission) moves too and meets the
//   refusals; manual (denylisted) is put back by its own restoreStateCurrent; keeper drops its
//   decorations and refuses the window manager's close request;
// - second: main opens maximized, and unmaximized at the geometry it had; second opens where it
//   was left; plain where the config says; keeper without decorations;
// - damaged: the state file is garbage: every window opens with its configured geometry;
// - offscreen: main's saved position is off every monitor: it opens on the screen, saved size.
import { emit, listen } from '@tauri-apps/api/event';
import { getCurrentWindow } from '@tauri-apps/api/window';
import { PhysicalPosition, PhysicalSize } from '@tauri-apps/api/dpi';
import { StateFlags, filename, restoreState, restoreStateCurrent, saveWindowState } from '@tauri-apps/plugin-window-state';
import { expect, rejects, results, scenario as runScenario } from '../prelude/scenario.js';

const DRIVER = document.querySelector('meta[name="x-driver"]').content;
const win = getCurrentWindow();
const label = win.label;
const TITLES = { main: 'ws-main', second: 'ws-second', plain: 'ws-plain', manual: 'ws-manual', keeper: 'ws-keeper' };
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const message = (e) => String(e && e.message ? e.message : e);
const near = (a, b) => Math.abs(a - b) <= 3;

async function scenario(name, body) {
  let timer;
  const hang = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error('did not finish within 20 s')), 20000);
  });
  await runScenario(name, () => Promise.race([body(), hang]).finally(() => clearTimeout(timer)));
}

async function driver(path, params = {}) {
  const response = await fetch(DRIVER + path + '?' + new URLSearchParams(params));
  const body = await response.json();
  if (!response.ok) throw new Error('x-driver ' + path + ': ' + body.error);
  return body;
}

// What X reports of this page's window: its frame's top-left (outer), client size, maximized.
async function seen(title = TITLES[label]) {
  const w = await driver('/window', { title });
  if (!w.found) throw new Error('X has no window ' + title);
  const [left, , top] = w.frame || [0, 0, 0, 0];
  const maximized = w.state.includes('MAXIMIZED_VERT') && w.state.includes('MAXIMIZED_HORZ');
  return { x: w.x - left, y: w.y - top, width: w.width, height: w.height, maximized };
}

const show = (g) => `${g.x},${g.y} ${g.width}x${g.height}${g.maximized ? ' max' : ''}`;

// Waits until X shows the window as WANT says (each field given: x, y, width, height, maximized).
async function until(want, ms = 8000) {
  const t0 = performance.now();
  for (;;) {
    const g = await seen();
    const ok = Object.entries(want).every(([k, v]) => (typeof v === 'boolean' ? g[k] === v : near(g[k], v)));
    if (ok) return g;
    if (performance.now() - t0 > ms) throw new Error('X shows ' + show(g) + ', expected ' + JSON.stringify(want));
    await sleep(100);
  }
}

async function placeAt(x, y, width, height) {
  await win.setPosition(new PhysicalPosition(x, y));
  await win.setSize(new PhysicalSize(width, height));
  return until({ x, y, width, height });
}

// The first event NAME from another page.
const once = (name) => new Promise((resolve) => {
  const stop = listen(name, (e) => {
    stop.then((f) => f());
    resolve(e.payload);
  });
});
const manualDone = label === 'main' ? once('manual-done') : null;

async function mainFirst() {
  await scenario('filename_default', async () => {
    const name = await filename();
    expect(name === '.window-state.json', "Tauri's default name, got " + name);
  });
  await scenario('bad_arguments_refused', async () => {
    const bits = message(await rejects(saveWindowState(64)));
    expect(bits.includes('Invalid state flags bits: 64'), 'the bits named, got ' + bits);
    const nobody = message(await rejects(restoreState('nosuch', StateFlags.ALL)));
    expect(nobody.includes('nosuch'), 'the label named, got ' + nobody);
  });
  await scenario('moved_and_resized', async () => show(await placeAt(150, 120, 520, 360)));
  await scenario('saved_from_page', async () => {
    // saveWindowState takes every followed window's state now, manual's too once it is remembered:
    // manual first finishes, so that this save does not land between its two restores.
    let done = false;
    manualDone.then(() => (done = true));
    for (let i = 0; i < 80 && !done; i++) {
      await emit('manual-check');  // manual answers once it is through (it may have answered already)
      await sleep(200);
    }
    expect(done, 'manual to have finished');
    await saveWindowState(StateFlags.ALL);  // what the file holds now: check_window_state_files.py
  });
  await scenario('maximized', async () => {
    await win.maximize();
    return show(await until({ maximized: true }));
  });
}

async function mainSecond() {
  await scenario('opened_maximized', async () => {
    const g = await until({ maximized: true });
    expect(await win.isMaximized(), 'isMaximized() true');
    return show(g);
  });
  await scenario('unmaximized_to_saved_geometry', async () => {
    await win.unmaximize();
    return show(await until({ maximized: false, x: 150, y: 120, width: 520, height: 360 }));
  });
}

async function configured(x, y, width, height) {
  await scenario('configured_geometry', async () => show(await until({ x, y, width, height, maximized: false })));
}

async function secondFirst() {
  await scenario('moved_and_resized', async () => show(await placeAt(620, 420, 260, 180)));
}

async function secondSecond() {
  await scenario('opened_where_left', async () => show(await until({ x: 620, y: 420, width: 260, height: 180 })));
}

// A denylisted window is not followed: its first restoreStateCurrent remembers where it is (Tauri's
// restore of a window without a saved state), and a later one puts it back there.
async function manualFirst() {
  await scenario('restore_current_puts_it_back', async () => {
    const start = await until({ x: 960, y: 400, width: 240, height: 160 });
    await restoreStateCurrent(StateFlags.ALL);
    await placeAt(800, 600, 200, 120);
    await restoreStateCurrent(StateFlags.POSITION | StateFlags.SIZE);
    return show(await until({ x: start.x, y: start.y, width: 240, height: 160 }));
  });
  await listen('manual-check', () => emit('manual-done'));
  await emit('manual-done');
}

// Keeps itself open when the window manager asks it to close (a page listening for the close
// request decides): the plugin still hears the request, and takes the decorations then.
async function keeperFirst() {
  await scenario('close_request_kept_open', async () => {
    let asked = 0;
    await win.onCloseRequested((e) => {
      asked += 1;
      e.preventDefault();
    });
    await win.setDecorations(false);
    await driver('/close', { title: TITLES.keeper });
    for (let i = 0; i < 80 && asked === 0; i++) await sleep(50);
    expect(asked === 1, 'one close request, got ' + asked);
    await sleep(300);
    expect((await driver('/window', { title: TITLES.keeper })).found, 'still open');
  });
}

async function keeperSecond() {
  await scenario('opened_undecorated', async () => {
    const w = await driver('/window', { title: TITLES.keeper });
    expect(w.found, 'open');
    expect(!w.frame || w.frame.every((v) => v === 0), 'no frame, got ' + JSON.stringify(w.frame));
    expect((await win.isDecorated()) === false, 'isDecorated() false');
  });
}

async function plainFirst() {
  await scenario('commands_refused', async () => {
    for (const call of [() => saveWindowState(StateFlags.ALL), () => filename(), () => restoreStateCurrent(StateFlags.ALL)]) {
      const e = message(await rejects(call()));
      expect(/not allowed|denied|permission/i.test(e), 'an ACL refusal, got ' + e);
    }
  });
  await scenario('moved_and_resized', async () => show(await placeAt(700, 560, 240, 160)));
}

const pages = {
  first: { main: mainFirst, second: secondFirst, plain: plainFirst, manual: manualFirst, keeper: keeperFirst },
  second: {
    keeper: keeperSecond,
    main: mainSecond,
    second: secondSecond,
    plain: () => configured(600, 400, 300, 200),
    manual: () => configured(960, 400, 240, 160),  // denylisted: never restored at creation
  },
  offscreen: {
    // Saved at 5000,4000: no monitor shows that, so the window manager places it (as in Tauri),
    // with the saved size.
    main: async () => {
      await scenario('placed_on_a_monitor', async () => {
        const g = await until({ width: 450, height: 330, maximized: false });
        expect(g.x >= 0 && g.y >= 0 && g.x + 50 < 1280 && g.y + 50 < 1024, 'on the screen, got ' + show(g));
        return show(g);
      });
    },
    second: () => configured(600, 80, 300, 200),
    plain: () => configured(600, 400, 300, 200),
    manual: () => configured(960, 400, 240, 160),
    keeper: () => configured(960, 80, 240, 160),
  },
  damaged: {
    main: () => configured(100, 80, 400, 300),
    second: () => configured(600, 80, 300, 200),
    plain: () => configured(600, 400, 300, 200),
    manual: () => configured(960, 400, 240, 160),
    keeper: () => configured(960, 80, 240, 160),
  },
};

// The report goes to the driver (page-results.txt); the title then says it was sent, for
// warden run's --exit-on-title. In the first run main is closed by the window manager instead, as
// a user closes the app: its state is taken at the close request and written at the exit.
async function finish() {
  const response = await fetch(DRIVER + '/report?' + new URLSearchParams({ window: label }),
                               { method: 'POST', body: JSON.stringify(results) });
  if (RUN === 'first' && label === 'main') {
    await driver('/close', { title: TITLES.main });
    return;
  }
  document.title = 'DONE ' + JSON.stringify({ report: { ok: response.ok, detail: String(response.status) } });
}

pages[RUN][label]()
  .catch((e) => (results.runner = { ok: false, detail: message(e) }))
  .finally(finish);
