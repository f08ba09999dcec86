// The windows e2e (tests/e2e/windows): every command of @tauri-apps/api's window, webview,
// webviewWindow, app and image modules, called through the pinned package, each checked twice:
// in the page (the getter after the setter, the event that should come) and from outside, by
// asking x_driver.py what the X server and openbox report (geometry, _NET_WM_NAME, _NET_WM_STATE,
// _NET_ACTIVE_WINDOW, _NET_FRAME_EXTENTS, ...). The driver also acts as the user: it drags the
// custom title bar with xdotool, asks openbox to close a window, drops a file from a GTK drag
// source.
//
// One bundle, three pages: the config's "main" runs everything and reports; the window "second"
// and the child webview "child", which main creates, run what their own capabilities allow and
// deny, and send their results to main (event "report"), which reports them as second_* and
// child_*. main sends its report to the driver (POST /report), which writes page-results.txt:
// with this many scenarios the report does not fit in a document title, which WebKit cuts.
import { emit, emitTo, listen } from '@tauri-apps/api/event';
import { LogicalPosition, LogicalSize, PhysicalPosition, PhysicalSize } from '@tauri-apps/api/dpi';
import {
  Window, getCurrentWindow, getAllWindows, availableMonitors, currentMonitor, primaryMonitor, monitorFromPoint,
  cursorPosition, ProgressBarStatus, UserAttentionType, Effect,
} from '@tauri-apps/api/window';
import { Webview, getCurrentWebview, getAllWebviews } from '@tauri-apps/api/webview';
import { WebviewWindow, getCurrentWebviewWindow, getAllWebviewWindows } from '@tauri-apps/api/webviewWindow';
import * as app from '@tauri-apps/api/app';
import { Image } from '@tauri-apps/api/image';
import { results, scenario as runScenario, expect, rejects, setDetailLengths } from '../prelude/scenario.js';

setDetailLengths(80, 300);

// Every scenario ends: one whose call never answers fails after 20 s instead of holding the
// report back until the run's timeout (which would fail every scenario at once).
async function scenario(name, body) {
  let timer;
  const hang = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error('did not finish within 20 s (a call or event never came)')), 20000);
  });
  await runScenario(name, () => Promise.race([body(), hang]).finally(() => clearTimeout(timer)));
}

// esbuild --define: WINDOWS_MODE "exit" (the exit run: only app.exit) and WINDOWS_WORK (the run's folder).
const MODE = typeof WINDOWS_MODE === 'undefined' ? 'all' : WINDOWS_MODE;
const WORK = typeof WINDOWS_WORK === 'undefined' ? '' : WINDOWS_WORK;
const DRIVER = document.querySelector('meta[name="x-driver"]').content;
const label = window.__TAURI_INTERNALS__.metadata.currentWebview.label;

const MAIN = 'win-main';
const SECOND = 'win-second';
const SECOND_RETITLED = 'win-second-retitled';
const CONFIGURED = 'win-configured';

// ---------------------------------------------------------------------------------------------
// The outside view (x_driver.py).

async function x(path, params = {}) {
  const response = await fetch(DRIVER + path + '?' + new URLSearchParams(params));
  const body = await response.json();
  if (!response.ok) throw new Error('x-driver ' + path + ': ' + body.error);
  return body;
}

const xWindow = (title) => x('/window', { title });

// Polls COND (async, returns a truthy value when done) until it holds; throws after MS with WHAT
// and the last value seen (X and the window manager apply requests asynchronously).
async function until(cond, what, ms = 6000) {
  const t0 = performance.now();
  let last;
  for (;;) {
    last = await cond();
    if (last) return last;
    if (performance.now() - t0 > ms) throw new Error('timed out waiting for ' + what);
    await sleep(50);
  }
}

// Waits until X reports window TITLE satisfying PRED; the error shows what X reported last.
async function xUntil(title, pred, what, ms = 6000) {
  let report;
  try {
    await until(async () => pred((report = await xWindow(title))), what, ms);
  } catch (e) {
    throw new Error(e.message + '; X reports ' + describe(report));
  }
  return report;
}

function describe(r) {
  if (!r) return 'nothing';
  if (!r.found) return `no window '${r.title}'`;
  return JSON.stringify({ t: r.title, m: r.mapped, x: r.x, y: r.y, w: r.width, h: r.height, f: r.frame,
                          s: r.state, a: r.active, min: r.min_size, max: r.max_size, act: r.actions,
                          c: r.closable, in: r.input, i: r.icon, u: r.urgent });
}

// Waits until GETTER() (a window getter) answers EXPECTED: GTK learns the window manager's answer
// to a request (maximized, above, ...) asynchronously, as X does.
async function eventually(getter, expected, what) {
  let last;
  try {
    await until(async () => (last = await getter()) === expected, what, 3000);
  } catch (e) {
    throw new Error(`expected ${what}: ${expected}, got ${last}`);
  }
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const frameOrigin = (r) => [r.x - r.frame[0], r.y - r.frame[2]];
const near = (a, b, tolerance) => Math.abs(a - b) <= tolerance;

// Resolves with the first event EVENT of TARGET (a Window, Webview or WebviewWindow) after the call.
function nextEvent(target, event) {
  return new Promise((resolve) => {
    target.once(event, resolve);
  });
}

// Resolves once a window or webview created with `new ...` reports tauri://created (true) or
// tauri://error (the error).
function creation(handle) {
  return new Promise((resolve) => {
    handle.once('tauri://created', () => resolve(true));
    handle.once('tauri://error', (e) => resolve(e.payload === undefined ? 'error' : e.payload));
  });
}

function isDenied(error) {
  const text = String(error && error.message ? error.message : error);
  return /not allowed|denied|permission/i.test(text) ? text : null;
}

// ---------------------------------------------------------------------------------------------
// The pages' elements: main's custom title bar (drags the window), its resize grip and drop zone.

function element(id, text) {
  const e = document.createElement('div');
  e.id = id;
  e.textContent = text;
  document.body.appendChild(e);
  return e;
}

function centerOf(e) {
  const r = e.getBoundingClientRect();
  return { x: Math.round(r.left + r.width / 2), y: Math.round(r.top + r.height / 2) };
}

// ---------------------------------------------------------------------------------------------
// What main sees of its own window's events from the start.

const seen = { resize: [], move: [], focus: [], blur: [], theme: [], drag: [], windowDrag: [], destroyed: [] };

async function watchEvents(win, webview) {
  await win.onResized((e) => seen.resize.push(e.payload));
  await win.onMoved((e) => seen.move.push(e.payload));
  await win.onFocusChanged((e) => (e.payload ? seen.focus : seen.blur).push(performance.now()));
  await win.onThemeChanged((e) => seen.theme.push(e.payload));
  await webview.onDragDropEvent((e) => seen.drag.push(e.payload));
  await win.onDragDropEvent((e) => seen.windowDrag.push(e.payload));
}

// ---------------------------------------------------------------------------------------------
// main: the app and image modules.

// A 3x2 PNG: red, green, blue / white, black, transparent.
const PNG_3x2 = Uint8Array.from(atob(
  'iVBORw0KGgoAAAANSUhEUgAAAAMAAAACCAYAAACddGYaAAAAGElEQVR42mP4z8DwHwwZ/gNJIGAACQABAKB5CvaVBSMtAAAAAElFTkSuQmCC'),
(c) => c.charCodeAt(0));

async function appScenarios(win) {
  await scenario('app_metadata', async () => {
    const [name, version, identifier, tauri, bundle, multiple] = await Promise.all([
      app.getName(), app.getVersion(), app.getIdentifier(), app.getTauriVersion(), app.getBundleType(),
      app.supportsMultipleWindows()]);
    expect(name === 'Warden E2E windows', 'productName, got ' + name);
    expect(version === '2.3.4', 'the config version, got ' + version);
    expect(identifier === 'dev.warden.e2e.windows', 'the identifier, got ' + identifier);
    expect(/^2\.\d+\.\d+/.test(tauri), 'a Tauri 2 version, got ' + tauri);
    expect(bundle === null || typeof bundle === 'string', 'a bundle type or null, got ' + JSON.stringify(bundle));
    expect(multiple === true, 'multiple windows supported on Linux, got ' + multiple);
    return `${name} ${version} tauri ${tauri} bundle ${bundle}`;
  });

  await scenario('app_theme', async () => {
    await app.setTheme('dark');
    const dark = await win.theme();
    await app.setTheme('light');
    const light = await win.theme();
    await app.setTheme(null);
    expect(dark === 'dark' && light === 'light', `the app theme in the window's theme, got ${dark}, ${light}`);
    return `${dark} ${light}`;
  });

  await scenario('app_linux_no_ops', async () => {
    // macOS-only (hide and show the whole application, the dock, WKWebsiteDataStore): Tauri
    // answers on Linux without an effect (docs/bridge.md lists them). The windows stay mapped.
    await app.hide();
    await sleep(300);
    expect((await xWindow(MAIN)).mapped, 'main still mapped after app.hide() (a macOS-only call)');
    await eventually(() => win.isVisible(), true, 'isVisible true after app.hide()');
    await app.show();
    await app.setDockVisibility(false);
    await app.setDockVisibility(true);
    const stores = await app.fetchDataStoreIdentifiers();
    expect(Array.isArray(stores) && stores.length === 0, 'no data stores on Linux, got ' + JSON.stringify(stores));
    await app.removeDataStore(new Array(16).fill(7));
    // Android's back button: the listener registers and unregisters, and never fires here.
    const back = await app.onBackButtonPress(() => {});
    await back.unregister();
    const r = await xWindow(MAIN);
    expect(r.mapped, 'main still mapped, got ' + describe(r));
    return 'hide/show/dock/stores answered, no effect';
  });

  await scenario('app_default_window_icon', async () => {
    // The config's bundle.icon, icons/icon.png: 32x32.
    const icon = await app.defaultWindowIcon();
    expect(icon !== null, 'the bundle icon, got null');
    const size = await icon.size();
    expect(size.width === 32 && size.height === 32, '32x32, got ' + JSON.stringify(size));
    const rgba = await icon.rgba();
    expect(rgba.length === 32 * 32 * 4 && rgba[0] === 200 && rgba[3] === 255, 'its RGBA bytes, got ' + rgba.length);
    return size;
  });
}

async function imageScenarios() {
  await scenario('image_new', async () => {
    const rgba = Uint8Array.from([255, 0, 0, 255, 0, 255, 0, 255, 0, 0, 255, 255, 9, 8, 7, 6]);
    const image = await Image.new(rgba, 2, 2);
    const size = await image.size();
    const back = await image.rgba();
    expect(size.width === 2 && size.height === 2, '2x2, got ' + JSON.stringify(size));
    expect(back.length === 16 && back.every((v, i) => v === rgba[i]), 'the same bytes back, got ' + Array.from(back));
    const bad = await rejects(Image.new(Uint8Array.from([1, 2, 3]), 2, 2));
    await image.close();
    const closed = await rejects(image.size());
    return 'ok; wrong length: ' + String(bad).slice(0, 40) + '; closed: ' + String(closed).slice(0, 40);
  });

  await scenario('image_from_bytes', async () => {
    const image = await Image.fromBytes(PNG_3x2);
    const size = await image.size();
    const rgba = await image.rgba();
    expect(size.width === 3 && size.height === 2, '3x2, got ' + JSON.stringify(size));
    expect(rgba.length === 24, '24 bytes, got ' + rgba.length);
    expect(rgba[0] === 255 && rgba[1] === 0 && rgba[2] === 0 && rgba[3] === 255, 'a red first pixel, got ' + Array.from(rgba.slice(0, 4)));
    expect(rgba[4] === 0 && rgba[5] === 255 && rgba[6] === 0, 'a green second pixel, got ' + Array.from(rgba.slice(4, 8)));
    expect(rgba[23] === 0, 'a transparent last pixel, got ' + rgba[23]);
    const junk = await rejects(Image.fromBytes(Uint8Array.from([1, 2, 3, 4])));
    return '3x2; junk: ' + String(junk).slice(0, 50);
  });

  await scenario('image_from_path', async () => {
    const image = await Image.fromPath(WORK + '/app/frontend/pixels.png');
    const size = await image.size();
    expect(size.width === 3 && size.height === 2, '3x2 from the file, got ' + JSON.stringify(size));
    const missing = await rejects(Image.fromPath(WORK + '/app/frontend/no-such.png'));
    const relative = await (await Image.fromPath('icons/icon.png')).size();
    expect(relative.width === 32 && relative.height === 32, 'icons/icon.png relative to the app folder, got ' + JSON.stringify(relative));
    // A page may not read files outside its app folder and asset scope by calling them images.
    const outside = String(await rejects(Image.fromPath(WORK + '/outside.png')));
    expect(/read/i.test(outside) && !/unknown command/i.test(outside), 'a refusal to read outside.png, got ' + outside);
    return '3x2; missing: ' + String(missing).slice(0, 40) + '; outside: ' + outside.slice(0, 60);
  });
}

// ---------------------------------------------------------------------------------------------
// main: its own window, from inside and outside.

async function windowScenarios(win) {
  await scenario('window_lookup', async () => {
    const all = (await getAllWindows()).map((w) => w.label).sort();
    expect(all.includes('main') && all.includes('configured'), 'main and configured listed, got ' + all);
    expect((await Window.getByLabel('main')).label === 'main', 'Window.getByLabel(main)');
    expect((await Window.getByLabel('nobody')) === null, 'null for an unknown label');
    // A handle to a window that does not exist (skip: no creation): its commands reject.
    const missing = String(await rejects(new Window('nobody', { skip: true }).title()));
    expect(/not found/i.test(missing), 'window not found for an unknown label, got ' + missing);
    expect(getCurrentWindow().label === 'main' && getCurrentWebviewWindow().label === 'main', 'the current labels');
    const views = (await getAllWebviewWindows()).map((w) => w.label);
    expect(views.includes('main'), 'main among the webview windows, got ' + views);
    return all.join(',');
  });

  await scenario('window_title', async () => {
    await win.setTitle('win-main retitled');
    expect((await win.title()) === 'win-main retitled', 'title() after setTitle');
    await xUntil('win-main retitled', (r) => r.found && r.title === 'win-main retitled', '_NET_WM_NAME after setTitle');
    await win.setTitle(MAIN);
    const r = await xUntil(MAIN, (r) => r.found, '_NET_WM_NAME back to ' + MAIN);
    return r.title;
  });

  await scenario('window_size', async () => {
    const resized = nextEvent(win, 'tauri://resize');
    await win.setSize(new LogicalSize(500, 360));
    const r = await xUntil(MAIN, (r) => r.width === 500 && r.height === 360, 'a 500x360 client area');
    const inner = await win.innerSize();
    expect(inner.width === 500 && inner.height === 360, 'innerSize 500x360, got ' + JSON.stringify(inner));
    const outer = await win.outerSize();
    expect(outer.width === 500 + r.frame[0] + r.frame[1] && outer.height === 360 + r.frame[2] + r.frame[3],
      'outerSize = client + openbox frame ' + JSON.stringify(r.frame) + ', got ' + JSON.stringify(outer));
    await win.setSize(new PhysicalSize(520, 380));
    await xUntil(MAIN, (r) => r.width === 520 && r.height === 380, 'a 520x380 client area (physical size)');
    const event = await Promise.race([resized, sleep(3000).then(() => null)]);
    expect(event !== null, 'a tauri://resize event');
    return `inner ${inner.width}x${inner.height} outer ${outer.width}x${outer.height}`;
  });

  await scenario('window_position', async () => {
    await win.setPosition(new LogicalPosition(100, 80));
    const r = await xUntil(MAIN, (r) => frameOrigin(r)[0] === 100 && frameOrigin(r)[1] === 80, 'the frame at 100,80');
    const outer = await win.outerPosition();
    expect(outer.x === 100 && outer.y === 80, 'outerPosition 100,80, got ' + JSON.stringify(outer));
    const inner = await win.innerPosition();
    expect(inner.x === r.x && inner.y === r.y, `innerPosition = the client's ${r.x},${r.y}, got ` + JSON.stringify(inner));
    await win.setPosition(new PhysicalPosition(60, 50));
    await xUntil(MAIN, (r) => frameOrigin(r)[0] === 60 && frameOrigin(r)[1] === 50, 'the frame at 60,50 (physical)');
    return `outer ${outer.x},${outer.y} inner ${inner.x},${inner.y}`;
  });

  await scenario('window_events_resize_move', async () => {
    // setSize and setPosition above: the events carry the new geometry.
    expect(seen.resize.some((s) => s.width === 520 && s.height === 380),
      'a tauri://resize with 520x380, got ' + JSON.stringify(seen.resize.slice(-4)));
    const r = await xWindow(MAIN);
    expect(seen.move.some((p) => (p.x === 60 && p.y === 50) || (p.x === r.x && p.y === r.y)),
      'a tauri://move at 60,50 (or the client origin), got ' + JSON.stringify(seen.move.slice(-4)));
    return `${seen.resize.length} resize, ${seen.move.length} move`;
  });

  await scenario('window_min_max_size', async () => {
    await win.setMinSize(new LogicalSize(300, 200));
    await win.setMaxSize(new LogicalSize(800, 600));
    await xUntil(MAIN, (r) => String(r.min_size) === '300,200' && String(r.max_size) === '800,600',
      'WM_NORMAL_HINTS min 300x200 max 800x600');
    await win.setSize(new LogicalSize(100, 100));
    await xUntil(MAIN, (r) => r.width === 300 && r.height === 200, 'the size held at the minimum 300x200');
    await win.setMinSize(null);
    await win.setMaxSize(null);
    await xUntil(MAIN, (r) => r.max_size === null && (r.min_size === null || r.min_size[0] < 300),
      'the size hints cleared');
    await win.setSizeConstraints({ minWidth: 320, minHeight: 240, maxWidth: 900, maxHeight: 700 });
    await xUntil(MAIN, (r) => String(r.min_size) === '320,240' && String(r.max_size) === '900,700',
      'WM_NORMAL_HINTS from setSizeConstraints');
    await win.setSizeConstraints({});
    await xUntil(MAIN, (r) => r.max_size === null, 'the constraints cleared');
    await win.setSize(new LogicalSize(520, 380));
    await xUntil(MAIN, (r) => r.width === 520 && r.height === 380, 'back to 520x380');
    return 'min/max hints set and cleared';
  });

  await scenario('window_maximize', async () => {
    const max = (r) => r.state.includes('MAXIMIZED_VERT') && r.state.includes('MAXIMIZED_HORZ');
    await win.maximize();
    await xUntil(MAIN, max, '_NET_WM_STATE maximized');
    await eventually(() => win.isMaximized(), true, 'isMaximized after maximize');
    await win.unmaximize();
    await xUntil(MAIN, (r) => !max(r) && r.width === 520, 'not maximized, 520 wide again');
    await eventually(() => win.isMaximized(), false, 'isMaximized false after unmaximize');
    await win.toggleMaximize();
    await xUntil(MAIN, max, 'maximized by toggleMaximize');
    await win.toggleMaximize();
    await xUntil(MAIN, (r) => !max(r), 'unmaximized by toggleMaximize');
    await eventually(() => win.isMaximized(), false, 'isMaximized false after the second toggle');
    return 'max, unmax, toggle x2';
  });

  await scenario('window_minimize', async () => {
    await win.minimize();
    await xUntil(MAIN, (r) => r.state.includes('HIDDEN'), '_NET_WM_STATE_HIDDEN (iconified)');
    await eventually(() => win.isMinimized(), true, 'isMinimized after minimize');
    await win.unminimize();
    await xUntil(MAIN, (r) => !r.state.includes('HIDDEN') && r.mapped, 'not iconified after unminimize');
    await eventually(() => win.isMinimized(), false, 'isMinimized false after unminimize');
    return 'iconified and back';
  });

  await scenario('window_fullscreen', async () => {
    const full = (r) => r.state.includes('FULLSCREEN') && r.width === 1280 && r.height === 1024;
    await win.setFullscreen(true);
    await xUntil(MAIN, full, '_NET_WM_STATE_FULLSCREEN over the 1280x1024 screen');
    await eventually(() => win.isFullscreen(), true, 'isFullscreen after setFullscreen(true)');
    await win.setFullscreen(false);
    await xUntil(MAIN, (r) => !r.state.includes('FULLSCREEN') && r.width === 520, 'windowed again at 520 wide');
    await eventually(() => win.isFullscreen(), false, 'isFullscreen false');
    const monitor = await primaryMonitor();
    await win.setFullscreenOnMonitor(monitor.position);
    await xUntil(MAIN, full, 'fullscreen on the primary monitor');
    await win.setFullscreen(false);
    await xUntil(MAIN, (r) => !r.state.includes('FULLSCREEN'), 'windowed after setFullscreenOnMonitor');
    await win.setSimpleFullscreen(true);
    await xUntil(MAIN, full, 'simple fullscreen (Linux: fullscreen)');
    await win.setSimpleFullscreen(false);
    await xUntil(MAIN, (r) => !r.state.includes('FULLSCREEN') && r.width === 520, 'windowed after simple fullscreen');
    return 'fullscreen x3';
  });

  await scenario('window_always_on_top', async () => {
    await win.setAlwaysOnTop(true);
    await xUntil(MAIN, (r) => r.state.includes('ABOVE'), '_NET_WM_STATE_ABOVE');
    await eventually(() => win.isAlwaysOnTop(), true, 'isAlwaysOnTop after setAlwaysOnTop(true)');
    await win.setAlwaysOnTop(false);
    await xUntil(MAIN, (r) => !r.state.includes('ABOVE'), 'no _NET_WM_STATE_ABOVE');
    await eventually(() => win.isAlwaysOnTop(), false, 'isAlwaysOnTop false');
    await win.setAlwaysOnBottom(true);
    await xUntil(MAIN, (r) => r.state.includes('BELOW'), '_NET_WM_STATE_BELOW');
    await win.setAlwaysOnBottom(false);
    await xUntil(MAIN, (r) => !r.state.includes('BELOW'), 'no _NET_WM_STATE_BELOW');
    return 'above, below';
  });

  await scenario('window_hide_show', async () => {
    await win.hide();
    await xUntil(MAIN, (r) => r.found && !r.mapped, 'main unmapped after hide');
    await eventually(() => win.isVisible(), false, 'isVisible false after hide');
    await win.show();
    await xUntil(MAIN, (r) => r.mapped, 'main mapped after show');
    await eventually(() => win.isVisible(), true, 'isVisible after show');
    return 'unmapped, mapped';
  });

  await scenario('window_decorations', async () => {
    await win.setDecorations(false);
    await xUntil(MAIN, (r) => r.frame && r.frame.every((v) => v === 0), 'no openbox frame (_NET_FRAME_EXTENTS 0)');
    await eventually(() => win.isDecorated(), false, 'isDecorated false');
    await win.setDecorations(true);
    const r = await xUntil(MAIN, (r) => r.frame && r.frame[2] > 0, 'a title bar frame again');
    await eventually(() => win.isDecorated(), true, 'isDecorated true');
    await win.setShadow(false);
    await win.setShadow(true);
    return 'frame ' + r.frame;
  });

  await scenario('window_resizable_closable', async () => {
    await win.setResizable(false);
    await xUntil(MAIN, (r) => !r.actions.includes('RESIZE'), 'openbox offers no resize');
    await eventually(() => win.isResizable(), false, 'isResizable false');
    await win.setResizable(true);
    await xUntil(MAIN, (r) => r.actions.includes('RESIZE'), 'openbox offers resize again');
    await eventually(() => win.isResizable(), true, 'isResizable true');
    await win.setClosable(false);
    await xUntil(MAIN, (r) => r.closable === false, '_MOTIF_WM_HINTS without close');
    await eventually(() => win.isClosable(), false, 'isClosable false');
    await win.setClosable(true);
    await xUntil(MAIN, (r) => r.closable === true, '_MOTIF_WM_HINTS with close again');
    await eventually(() => win.isClosable(), true, 'isClosable true');
    return 'resize and close actions';
  });

  await scenario('window_maximizable_minimizable', async () => {
    // GTK has no per-window maximize or minimize switch: on Linux Tauri's setters do nothing
    // and its getters answer true; openbox keeps offering both.
    await win.setMaximizable(false);
    await win.setMinimizable(false);
    expect((await win.isMaximizable()) === true && (await win.isMinimizable()) === true, 'both getters true on Linux');
    const r = await xWindow(MAIN);
    expect(r.actions.includes('MAXIMIZE_HORZ') && r.actions.includes('MINIMIZE'), 'openbox offering both, got ' + r.actions);
    await win.setMaximizable(true);
    await win.setMinimizable(true);
    return 'no-ops, as Tauri on Linux';
  });

  await scenario('window_enabled_focusable', async () => {
    await win.setEnabled(false);
    await eventually(() => win.isEnabled(), false, 'isEnabled false');
    await win.setEnabled(true);
    await eventually(() => win.isEnabled(), true, 'isEnabled true');
    await win.setFocusable(false);
    await xUntil(MAIN, (r) => r.input === false, 'WM_HINTS input false');
    await win.setFocusable(true);
    await xUntil(MAIN, (r) => r.input !== false, 'WM_HINTS input again');
    return 'enabled, focusable';
  });

  await scenario('window_skip_taskbar_workspaces', async () => {
    await win.setSkipTaskbar(true);
    await xUntil(MAIN, (r) => r.state.includes('SKIP_TASKBAR'), '_NET_WM_STATE_SKIP_TASKBAR');
    await win.setSkipTaskbar(false);
    await xUntil(MAIN, (r) => !r.state.includes('SKIP_TASKBAR'), 'no SKIP_TASKBAR');
    await win.setVisibleOnAllWorkspaces(true);
    await xUntil(MAIN, (r) => r.state.includes('STICKY') || r.desktop === 0xffffffff, 'sticky (every desktop)');
    await win.setVisibleOnAllWorkspaces(false);
    await xUntil(MAIN, (r) => !r.state.includes('STICKY') && r.desktop !== 0xffffffff, 'on one desktop again');
    return 'skip taskbar, sticky';
  });

  await scenario('window_icon', async () => {
    const rgba = new Uint8Array(16 * 16 * 4).fill(200);
    await win.setIcon(await Image.new(rgba, 16, 16));
    await xUntil(MAIN, (r) => String(r.icon) === '16,16', '_NET_WM_ICON 16x16');
    await win.setIcon(PNG_3x2);
    await xUntil(MAIN, (r) => String(r.icon) === '3,2', '_NET_WM_ICON 3x2 from PNG bytes');
    return 'icons';
  });

  await scenario('window_theme', async () => {
    const before = seen.theme.length;
    await win.setTheme('dark');
    await eventually(() => win.theme(), 'dark', 'theme() dark after setTheme(dark)');
    await until(async () => seen.theme.length > before, 'tauri://theme-changed', 3000);
    await win.setTheme('light');
    await eventually(() => win.theme(), 'light', 'theme() light');
    await win.setTheme(null);
    return 'dark, light; events ' + seen.theme.join(',');
  });

  await scenario('window_center', async () => {
    await win.center();
    const r = await until(async () => {
      const r = await xWindow(MAIN);
      const [fx, fy] = frameOrigin(r);
      const w = r.width + r.frame[0] + r.frame[1];
      const h = r.height + r.frame[2] + r.frame[3];
      return near(fx + w / 2, 640, 2) && near(fy + h / 2, 512, 2) ? r : null;
    }, 'the window centred on the 1280x1024 screen');
    return 'frame at ' + frameOrigin(r);
  });

  await scenario('window_cursor', async () => {
    await win.setCursorPosition(new LogicalPosition(30, 40));
    const r = await xWindow(MAIN);
    const p = await until(async () => {
      const p = await x('/pointer');
      return p.x === r.x + 30 && p.y === r.y + 40 ? p : null;
    }, 'the pointer at 30,40 in the client area');
    const c = await cursorPosition();
    expect(c.x === p.x && c.y === p.y, `cursorPosition = X's pointer ${p.x},${p.y}, got ` + JSON.stringify(c));
    await win.setCursorIcon('crosshair');
    await win.setCursorIcon('default');
    await win.setCursorVisible(false);
    await win.setCursorVisible(true);
    await win.setCursorGrab(true);
    await win.setCursorGrab(false);
    await win.setIgnoreCursorEvents(true);
    await win.setIgnoreCursorEvents(false);
    return `pointer ${p.x},${p.y}`;
  });

  await scenario('window_monitors', async () => {
    const check = (m, what) => {
      expect(m && m.size.width === 1280 && m.size.height === 1024, what + ': the 1280x1024 screen, got ' + JSON.stringify(m));
      expect(m.position.x === 0 && m.position.y === 0 && m.scaleFactor === 1, what + ': at 0,0 scale 1');
    };
    check(await currentMonitor(), 'currentMonitor');
    check(await primaryMonitor(), 'primaryMonitor');
    const all = await availableMonitors();
    expect(all.length === 1, 'one monitor, got ' + all.length);
    check(all[0], 'availableMonitors');
    check(await monitorFromPoint(10, 10), 'monitorFromPoint(10,10)');
    expect((await monitorFromPoint(5000, 5000)) === null, 'no monitor at 5000,5000');
    expect((await win.scaleFactor()) === 1, 'scaleFactor 1');
    return all[0].name || 'unnamed';
  });

  await scenario('window_user_attention', async () => {
    await win.requestUserAttention(UserAttentionType.Critical);
    await xUntil(MAIN, (r) => r.urgent || r.state.includes('DEMANDS_ATTENTION'), 'the urgency hint');
    await win.requestUserAttention(null);
    await xUntil(MAIN, (r) => !r.urgent && !r.state.includes('DEMANDS_ATTENTION'), 'no urgency hint');
    return 'urgent, cleared';
  });

  await scenario('window_linux_no_ops', async () => {
    // What Linux/GTK cannot do: Tauri answers without an effect (docs/bridge.md lists them).
    await win.setEffects({ effects: [Effect.Blur] });
    await win.clearEffects();
    await win.setContentProtected(true);
    await win.setContentProtected(false);
    await win.setBadgeCount(3);
    await win.setBadgeCount();
    await win.setBadgeLabel('3');
    await win.setBadgeLabel();
    await win.setOverlayIcon();
    await win.setProgressBar({ status: ProgressBarStatus.Normal, progress: 50 });
    await win.setProgressBar({ status: ProgressBarStatus.None });
    await win.setTitleBarStyle('overlay');
    await win.setTitleBarStyle('visible');
    await win.setBackgroundColor([10, 20, 30, 255]);
    const activity = await win.activityName().then((v) => 'ok ' + v, (e) => 'error ' + e);
    const scene = await win.sceneIdentifier().then((v) => 'ok ' + v, (e) => 'error ' + e);
    const r = await xWindow(MAIN);
    expect(r.mapped && r.title === MAIN, 'the window unchanged, got ' + describe(r));
    return `activity ${activity.slice(0, 40)}; scene ${scene.slice(0, 40)}`;
  });
}

// ---------------------------------------------------------------------------------------------
// main: the custom title bar, the resize grip, a dropped file.

async function dragScenarios(win) {
  const titlebar = element('titlebar', 'custom title bar: drag me');
  const grip = element('resize', '');
  let dragging = null;
  titlebar.addEventListener('mousedown', (e) => {
    if (e.button === 0) dragging = win.startDragging().then(() => 'started', (err) => 'failed: ' + err);
  });
  grip.addEventListener('mousedown', (e) => {
    if (e.button === 0) dragging = win.startResizeDragging('SouthEast').then(() => 'started', (err) => 'failed: ' + err);
  });

  // Presses at POINT (client coordinates), waits for the page's handler to have started the
  // drag, moves by (dx, dy) and releases.
  async function dragFrom(point, dx, dy) {
    dragging = null;
    try {
      await x('/press', { title: MAIN, x: point.x, y: point.y });
      const started = await until(async () => dragging && (await dragging), 'the mousedown handler\'s call', 4000);
      expect(started === 'started', 'the drag to start, got ' + started);
      await sleep(100);
      await x('/move', { dx, dy, steps: 12 });
    } finally {
      await x('/release');
    }
  }

  await scenario('window_start_dragging', async () => {
    const before = await xWindow(MAIN);
    const moves = seen.move.length;
    await dragFrom(centerOf(titlebar), 150, 90);
    const after = await xUntil(MAIN, (r) => near(r.x - before.x, 150, 25) && near(r.y - before.y, 90, 25),
      'the window moved by about 150,90 (was at ' + before.x + ',' + before.y + ')');
    await until(async () => seen.move.length > moves, 'a tauri://move event after the drag', 3000);
    return `moved ${after.x - before.x},${after.y - before.y}`;
  });

  await scenario('window_start_resize_dragging', async () => {
    const before = await xWindow(MAIN);
    const resizes = seen.resize.length;
    await dragFrom(centerOf(grip), 60, 40);
    const after = await xUntil(MAIN, (r) => r.width - before.width > 30 && r.height - before.height > 20,
      'the window grown by about 60x40 (was ' + before.width + 'x' + before.height + ')');
    await until(async () => seen.resize.length > resizes, 'a tauri://resize event after the resize drag', 3000);
    await win.setSize(new LogicalSize(520, 380));
    return `grew ${after.width - before.width}x${after.height - before.height}`;
  });

  await scenario('drag_region_attribute', async () => {
    // What most custom title bars use: data-tauri-drag-region (Tauri's window plugin script).
    // A press drags the window, a double click toggles maximize.
    const region = element('region', 'data-tauri-drag-region');
    region.setAttribute('data-tauri-drag-region', '');
    Object.assign(region.style, { position: 'absolute', left: '260px', top: '0', width: '200px', height: '40px', background: '#274' });
    // The presses the page saw (their click counts), for the failure message.
    const presses = [];
    const press = (e) => presses.push(e.detail);
    window.addEventListener('mousedown', press, true);
    try {
      const at = centerOf(region);
      const before = await xWindow(MAIN);
      await x('/drag', { title: MAIN, x: at.x, y: at.y, dx: -80, dy: 60 });
      const moved = await xUntil(MAIN, (r) => near(r.x - before.x, -80, 25) && near(r.y - before.y, 60, 25),
        'the window moved by about -80,60 (was at ' + before.x + ',' + before.y + ')');
      const max = (r) => r.state.includes('MAXIMIZED_VERT') && r.state.includes('MAXIMIZED_HORZ');
      await x('/click', { title: MAIN, x: at.x, y: at.y, repeat: 2 });
      await xUntil(MAIN, max, 'maximized by a double click on the region');
      // Elsewhere on the region: at the same spot, soon after, GTK would count presses 3 and 4.
      await x('/click', { title: MAIN, x: at.x - 60, y: at.y, repeat: 2 });
      await xUntil(MAIN, (r) => !max(r), 'restored by a second double click');
      return `moved ${moved.x - before.x},${moved.y - before.y}; maximized and restored`;
    } catch (e) {
      throw new Error('presses seen ' + presses.join(',') + ': ' + e.message);
    } finally {
      window.removeEventListener('mousedown', press, true);
      region.remove();
    }
  });

  await scenario('drag_drop_file', async () => {
    const zone = element('drop', 'drop a file here');
    seen.drag.length = 0;
    seen.windowDrag.length = 0;
    const at = centerOf(zone);
    const dropped = await x('/drop', { title: MAIN, x: at.x, y: at.y });
    await until(async () => seen.drag.some((e) => e.type === 'drop'), 'tauri://drag-drop', 5000)
      .catch((e) => { throw new Error(e.message + '; events ' + JSON.stringify(seen.drag).slice(0, 200)); });
    const types = seen.drag.map((e) => e.type);
    const enter = seen.drag.find((e) => e.type === 'enter');
    const drop = seen.drag.find((e) => e.type === 'drop');
    expect(enter && JSON.stringify(enter.paths) === JSON.stringify([dropped.path]),
      'drag-enter with the path ' + dropped.path + ', got ' + JSON.stringify(enter));
    expect(types.includes('over'), 'drag-over events, got ' + types);
    expect(JSON.stringify(drop.paths) === JSON.stringify([dropped.path]), 'drag-drop with the path, got ' + JSON.stringify(drop));
    expect(near(drop.position.x, at.x, 3) && near(drop.position.y, at.y, 3),
      `the drop at ${at.x},${at.y} in the webview, got ` + JSON.stringify(drop.position));
    expect(seen.windowDrag.some((e) => e.type === 'drop'), 'the window\'s listener too (main\'s window and webview share the label)');
    zone.remove();
    return `${types.filter((t, i) => t !== types[i - 1]).join('>')} ${drop.paths[0].split('/').pop()}`;
  });
}

// ---------------------------------------------------------------------------------------------
// main: the configured window (app.windows[] fields), seen from outside.

async function configuredScenarios() {
  await scenario('config_window_fields', async () => {
    const r = await xUntil(CONFIGURED, (r) => r.mapped, 'the configured window');
    expect(r.frame && r.frame.every((v) => v === 0), 'decorations false: no frame, got ' + r.frame);
    expect(r.x === 760 && r.y === 60, 'x 760 y 60, got ' + r.x + ',' + r.y);
    expect(r.width === 300 && r.height === 200, '300x200, got ' + r.width + 'x' + r.height);
    expect(r.state.includes('ABOVE'), 'alwaysOnTop: ABOVE, got ' + r.state);
    expect(r.state.includes('SKIP_TASKBAR'), 'skipTaskbar, got ' + r.state);
    expect(!r.actions.includes('RESIZE'), 'resizable false, got ' + r.actions);
    expect(r.closable === false, 'closable false: no close in _MOTIF_WM_HINTS, got ' + describe(r));
    expect(!r.active, 'focus false: not the active window');
    const w = await Window.getByLabel('configured');
    expect((await w.isDecorated()) === false && (await w.isAlwaysOnTop()) === true, 'the getters agree');
    expect((await w.isResizable()) === false && (await w.isClosable()) === false, 'not resizable, not closable');
    return 'as configured';
  });

  await scenario('config_window_min_max', async () => {
    const r = await xWindow(CONFIGURED);
    // A window that is not resizable has min = max = its size in GTK; the config's limits apply
    // once it is resizable again.
    const w = await Window.getByLabel('configured');
    await w.setResizable(true);
    const resizable = await xUntil(CONFIGURED, (r) => String(r.min_size) === '250,150' && String(r.max_size) === '600,400',
      'the config\'s min 250x150 and max 600x400 (was ' + r.min_size + ' / ' + r.max_size + ')');
    return `min ${resizable.min_size} max ${resizable.max_size}`;
  });

  await scenario('config_window_hidden', async () => {
    // visible: false: no mapped X window until show().
    const before = await xWindow('win-hidden');
    expect(!before.found || !before.mapped, 'win-hidden not mapped at start, got ' + describe(before));
    const w = await Window.getByLabel('hidden');
    expect(w !== null, 'hidden listed');
    expect((await w.isVisible()) === false, 'isVisible false');
    await w.show();
    const r = await xUntil('win-hidden', (r) => r.mapped && r.width === 200 && r.height === 100, 'win-hidden mapped 200x100 after show()');
    await w.destroy();
    await xUntil('win-hidden', (r) => !r.found, 'win-hidden gone');
    return `${r.width}x${r.height} after show()`;
  });

  await scenario('window_destroy', async () => {
    const w = await Window.getByLabel('configured');
    const destroyed = nextEvent(w, 'tauri://destroyed');
    await w.destroy();
    await xUntil(CONFIGURED, (r) => !r.found, 'the configured window gone');
    await Promise.race([destroyed, sleep(3000).then(() => { throw new Error('no tauri://destroyed'); })]);
    const all = (await getAllWindows()).map((w) => w.label);
    expect(!all.includes('configured'), 'configured no longer listed, got ' + all);
    return 'gone';
  });

  await scenario('window_create', async () => {
    // new Window: a window without a webview (plugin:window|create).
    const bare = new Window('bare', { title: 'win-bare', width: 200, height: 120, x: 900, y: 500 });
    const created = await creation(bare);
    expect(created === true, 'tauri://created, got ' + JSON.stringify(created));
    const r = await xUntil('win-bare', (r) => r.mapped && r.width === 200 && r.height === 120, 'the bare window 200x120');
    await bare.destroy();
    await xUntil('win-bare', (r) => !r.found, 'the bare window gone');
    return `${r.width}x${r.height}`;
  });
}

// ---------------------------------------------------------------------------------------------
// main: a second window and a child webview, their own capabilities, labels, focus, close.

const reports = { ready: {} };

async function multiScenarios(win, webview) {
  let second = null;
  let child = null;

  await scenario('second_window_created', async () => {
    const blurs = seen.blur.length;
    second = new WebviewWindow('second', { url: 'second.html', title: SECOND, width: 360, height: 260, x: 700, y: 300 });
    const created = await creation(second);
    expect(created === true, 'tauri://created, got ' + JSON.stringify(created));
    const r = await xUntil(SECOND, (r) => r.mapped && r.width === 360 && r.height === 260, 'win-second 360x260');
    expect((await getAllWebviewWindows()).some((w) => w.label === 'second'), 'second among the webview windows');
    expect((await WebviewWindow.getByLabel('second')) !== null, 'WebviewWindow.getByLabel(second)');
    await xUntil(SECOND, (r) => r.active, 'openbox focusing the new window');
    await until(async () => seen.blur.length > blurs, 'tauri://blur on main when second took the focus', 3000);
    await until(async () => reports.ready.second, 'second\'s page ready', 4000);
    return `${r.width}x${r.height} at ${r.x},${r.y}`;
  });

  await scenario('focus_events', async () => {
    const focuses = seen.focus.length;
    await win.setFocus();
    await xUntil(MAIN, (r) => r.active, '_NET_ACTIVE_WINDOW = main after setFocus');
    await until(async () => seen.focus.length > focuses, 'tauri://focus on main', 3000);
    await eventually(() => win.isFocused(), true, 'isFocused after setFocus');
    const blurs = seen.blur.length;
    await second.setFocus();
    await xUntil(SECOND, (r) => r.active, '_NET_ACTIVE_WINDOW = second');
    await until(async () => seen.blur.length > blurs, 'tauri://blur on main', 3000);
    await eventually(() => win.isFocused(), false, 'main not focused');
    await win.setFocus();
    await xUntil(MAIN, (r) => r.active, 'main active again');
    return `${seen.focus.length} focus, ${seen.blur.length} blur`;
  });

  await scenario('child_webview_created', async () => {
    child = new Webview(win, 'child', { url: 'child.html', x: 300, y: 60, width: 200, height: 140 });
    const created = await creation(child);
    expect(created === true, 'tauri://created, got ' + JSON.stringify(created));
    const views = await getAllWebviews();
    const found = views.find((v) => v.label === 'child');
    expect(found && found.window.label === 'main', 'child listed in window main, got ' + views.map((v) => v.label + '@' + v.window.label));
    const p = await child.position();
    const s = await child.size();
    expect(p.x === 300 && p.y === 60, 'position 300,60, got ' + JSON.stringify(p));
    expect(s.width === 200 && s.height === 140, 'size 200x140, got ' + JSON.stringify(s));
    expect((await Webview.getByLabel('child')) !== null, 'Webview.getByLabel(child)');
    return `${views.length} webviews`;
  });

  // The pages of second and child report what their capabilities allowed and denied.
  await scenario('own_capability_reports', async () => {
    await emitTo('second', 'start', true);
    await until(async () => reports.second && reports.child, 'the reports of second and child', 8000);
    for (const from of ['second', 'child']) {
      for (const [name, result] of Object.entries(reports[from])) results[from + '_' + name] = result;
    }
    return Object.keys(reports.second).length + Object.keys(reports.child).length + ' scenarios';
  });

  await scenario('second_title_seen_from_outside', async () => {
    // second set its own title (allowed by its capability).
    const r = await xUntil(SECOND_RETITLED, (r) => r.found, '_NET_WM_NAME ' + SECOND_RETITLED);
    return r.title;
  });

  await scenario('duplicate_label_refused', async () => {
    // The refusal names the label in use (not, say, an unknown command or a denial).
    const inUse = (error, what) => expect(error !== true && /already|exists|in use|taken|duplicate/i.test(String(error)),
      what + ' refused as a label in use, got ' + JSON.stringify(error));
    expect((await Webview.getByLabel('second')) !== null && (await Webview.getByLabel('child')) !== null,
      'second and child to exist first');
    const again = await creation(new WebviewWindow('second', { url: 'second.html', title: 'win-dup' }));
    inUse(again, 'a second window labelled second');
    inUse(await creation(new WebviewWindow('main', { url: 'second.html', title: 'win-dup' })), 'a window labelled main');
    inUse(await creation(new Webview(win, 'child', { url: 'child.html', x: 0, y: 0, width: 100, height: 100 })),
      'a webview labelled child');
    inUse(await creation(new Window('main', { title: 'win-dup' })), 'a bare window labelled main');
    const windows = await x('/windows');
    expect(!windows.some((w) => w.title === 'win-dup'), 'no window win-dup on the screen');
    return String(again).slice(0, 60);
  });

  await scenario('create_options_validated', async () => {
    const bad = await creation(new WebviewWindow('bad', { url: 'second.html', title: 'win-bad', width: 'x' }));
    expect(bad !== true && /width/.test(String(bad)), 'tauri://error naming options.width, got ' + JSON.stringify(bad));
    const badLabel = await creation(new WebviewWindow('bad label!', { url: 'second.html', title: 'win-bad' }));
    expect(badLabel !== true && /label/i.test(String(badLabel)), 'tauri://error naming the label, got ' + JSON.stringify(badLabel));
    const windows = await x('/windows');
    expect(!windows.some((w) => w.title === 'win-bad'), 'no window win-bad on the screen');
    return String(bad).slice(0, 60);
  });

  await scenario('webview_commands', async () => {
    await child.setPosition(new LogicalPosition(320, 70));
    await child.setSize(new LogicalSize(180, 120));
    const p = await child.position();
    const s = await child.size();
    expect(p.x === 320 && p.y === 70 && s.width === 180 && s.height === 120,
      'child at 320,70 180x120, got ' + JSON.stringify([p, s]));
    await child.hide();
    await child.show();
    await child.setFocus();
    await child.setAutoResize(true);
    await child.setBackgroundColor([255, 0, 0, 255]);
    await child.setZoom(1.5);
    await child.setZoom(1);
    await webview.setZoom(1);
    await webview.setBackgroundColor(null);
    await second.setBackgroundColor([0, 0, 0, 0]);
    await webview.clearAllBrowsingData();
    const own = await webview.size();
    const inner = await win.innerSize();
    expect(own.width === inner.width && own.height === inner.height, 'main\'s webview fills its window, got ' + JSON.stringify([own, inner]));
    expect((await webview.position()).x === 0, 'main\'s webview at 0');
    return 'child moved, resized, hidden, shown, zoomed';
  });

  await scenario('webview_reparent', async () => {
    // As Tauri: a webview window's webview (main, second) takes no part in reparenting, so the
    // child of main stays; a webview moves between two windows made with `new Window`.
    const refused = String(await rejects(child.reparent('second')));
    expect(/webview window|reparent/i.test(refused), 'a refusal naming the webview window, got ' + refused);
    const hostA = new Window('host-a', { title: 'win-host-a', width: 240, height: 160, x: 40, y: 600 });
    const hostB = new Window('host-b', { title: 'win-host-b', width: 240, height: 160, x: 320, y: 600 });
    expect((await creation(hostA)) === true && (await creation(hostB)) === true, 'two bare windows');
    const guest = new Webview(hostA, 'guest', { url: 'child.html', x: 0, y: 0, width: 200, height: 120 });
    expect((await creation(guest)) === true, 'a webview in host-a');
    const windowOf = async () => ((await getAllWebviews()).find((v) => v.label === 'guest') || { window: {} }).window.label;
    expect((await windowOf()) === 'host-a', 'guest in host-a, got ' + (await windowOf()));
    await guest.reparent('host-b');
    expect((await windowOf()) === 'host-b', 'guest in host-b after reparent, got ' + (await windowOf()));
    await hostA.destroy();
    expect((await windowOf()) === 'host-b', 'guest still alive in host-b after host-a went');
    await hostB.destroy();
    await until(async () => (await windowOf()) === undefined, 'guest gone with host-b');
    return 'host-a to host-b; ' + refused.slice(0, 50);
  });

  await scenario('emit_to_targets', async () => {
    // second and child listen for "ping" bound to themselves (a listener with a target): an
    // event for one must not reach the other.
    const answers = [];
    const unlisten = await listen('ping-answer', (e) => answers.push(e.payload));
    await emitTo('second', 'ping', 'to second');
    await emitTo({ kind: 'Webview', label: 'child' }, 'ping', 'to child');
    await until(async () => answers.length >= 2, 'answers from second and child', 4000)
      .catch((e) => { throw new Error(e.message + ', got ' + JSON.stringify(answers)); });
    await sleep(300);
    unlisten();
    const got = answers.map((a) => a.from + ':' + a.payload).sort();
    expect(JSON.stringify(got) === JSON.stringify(['child:to child', 'second:to second']),
      'each ping reaching only its target, got ' + JSON.stringify(got));
    return got.join(' ');
  });

  await scenario('webview_close', async () => {
    await child.close();
    await until(async () => !(await getAllWebviews()).some((v) => v.label === 'child'), 'child no longer listed');
    return 'closed';
  });

  await scenario('close_requested_prevented', async () => {
    const requests = [];
    const unlisten = await listen('close-requested-seen', (e) => requests.push(e.payload));
    await x('/close', { title: SECOND_RETITLED });
    await until(async () => requests.length >= 1, 'second seeing close-requested (wmctrl -c)', 4000);
    await sleep(300);
    const r = await xWindow(SECOND_RETITLED);
    expect(r.found && r.mapped, 'second still on screen after the prevented close, got ' + describe(r));
    await second.close();
    await until(async () => requests.length >= 2, 'second seeing close-requested (close())', 4000);
    await sleep(300);
    expect((await xWindow(SECOND_RETITLED)).mapped, 'second still on screen after close()');
    expect((await WebviewWindow.getByLabel('second')) !== null, 'second still listed');
    unlisten();
    return requests.map((p) => p.prevented).join(',');
  });

  await scenario('close_requested_allowed_destroyed', async () => {
    const destroyed = nextEvent(second, 'tauri://destroyed');
    await emitTo('second', 'allow-close', true);
    await until(async () => reports.allowClose, 'second acknowledging allow-close', 4000);
    await x('/close', { title: SECOND_RETITLED });
    await xUntil(SECOND_RETITLED, (r) => !r.found, 'second gone after the allowed close');
    const event = await Promise.race([destroyed, sleep(4000).then(() => null)]);
    expect(event !== null, 'tauri://destroyed of second reaching main');
    expect(!(await getAllWindows()).some((w) => w.label === 'second'), 'second no longer listed');
    return 'destroyed';
  });
}

// ---------------------------------------------------------------------------------------------
// second and child: what their own capabilities allow and deny, reported to main.

// run(name, body) records in `own` whether body resolved (with what) or threw (with its message).
function recorder(own) {
  return async (name, body) => {
    try {
      own[name] = { ok: true, detail: (await body()) ?? null };
    } catch (e) {
      own[name] = { ok: false, detail: String(e && e.message ? e.message : e).slice(0, 200) };
    }
  };
}

async function secondPage() {
  const win = getCurrentWindow();
  const own = {};
  const run = recorder(own);
  let allowClose = false;
  await win.onCloseRequested(async (event) => {
    if (!allowClose) event.preventDefault();
    await emit('close-requested-seen', { prevented: !allowClose });
  });
  await listen('allow-close', async () => {
    allowClose = true;
    await emit('allow-close-ack', true);
  });
  await getCurrentWebviewWindow().listen('ping', (e) => emit('ping-answer', { from: 'second', payload: e.payload }));
  // main checks the new window as created (its title, size, focus) before second retitles it.
  const start = new Promise((resolve) => { listen('start', resolve); });
  await emit('ready', 'second');
  await start;
  await run('set_title_allowed', async () => {
    await win.setTitle(SECOND_RETITLED);
    expect((await win.title()) === SECOND_RETITLED, 'its new title');
    return 'allowed';
  });
  await run('zoom_denied', async () => isDenied(await rejects(getCurrentWebview().setZoom(1.2))) || fail('a denial'));
  await run('minimize_denied', async () => isDenied(await rejects(win.minimize())) || fail('a denial'));
  await run('create_window_denied', async () => {
    const made = await creation(new WebviewWindow('third', { url: 'second.html', title: 'win-third' }));
    expect(made !== true && isDenied(made), 'creation denied without core:webview:allow-create-webview-window, got ' + JSON.stringify(made));
    return String(made).slice(0, 60);
  });
  await emit('report', { from: 'second', results: own });
}

async function childPage() {
  const own = {};
  const run = recorder(own);
  await getCurrentWebview().listen('ping', (e) => emit('ping-answer', { from: 'child', payload: e.payload }));
  await run('zoom_allowed', async () => {
    await getCurrentWebview().setZoom(1.1);
    await getCurrentWebview().setZoom(1);
    return 'allowed';
  });
  await run('set_title_denied', async () => isDenied(await rejects(getCurrentWindow().setTitle(MAIN))) || fail('a denial'));
  await run('main_permissions_not_inherited', async () =>
    isDenied(await rejects(getCurrentWindow().setSize(new LogicalSize(520, 380)))) || fail('a denial'));
  await run('create_webview_denied', async () => {
    const made = await creation(new Webview(getCurrentWindow(), 'grandchild', { url: 'child.html', x: 0, y: 0, width: 20, height: 20 }));
    expect(made !== true && isDenied(made), 'creation denied without core:webview:allow-create-webview, got ' + JSON.stringify(made));
    return String(made).slice(0, 60);
  });
  await emit('report', { from: 'child', results: own });
}

function fail(what) {
  throw new Error('expected ' + what);
}

// ---------------------------------------------------------------------------------------------

async function mainPage() {
  const win = getCurrentWindow();
  const webview = getCurrentWebview();
  results.metadata = { ok: true, detail: label };
  await listen('report', (e) => { reports[e.payload.from] = e.payload.results; });
  await listen('allow-close-ack', () => { reports.allowClose = true; });
  await listen('ready', (e) => { reports.ready[e.payload] = true; });
  await watchEvents(win, webview);
  await appScenarios(win);
  await imageScenarios();
  await windowScenarios(win);
  await dragScenarios(win);
  await configuredScenarios();
  await multiScenarios(win, webview);
}

async function sendReport() {
  const response = await fetch(DRIVER + '/report?' + new URLSearchParams({ window: label }),
    { method: 'POST', body: JSON.stringify(results) });
  if (!response.ok) throw new Error('x-driver /report: ' + response.status);
  document.title = 'DONE ' + JSON.stringify({ report: { ok: true, detail: Object.keys(results).length + ' keys' } });
}

if (MODE === 'exit') {
  // The exit run: app.exit(7) ends the run with that status (check_exit.sh).
  app.exit(7);
} else if (label === 'main') {
  mainPage().then(sendReport).catch((e) => {
    results.runner = { ok: false, detail: String(e && e.message ? e.message : e) };
    sendReport().catch(() => { document.title = 'DONE ' + JSON.stringify({ runner: results.runner }); });
  });
} else {
  // second and child report through main; a title that already says DONE keeps `warden run
  // --exit-on-title` from waiting for them should main's close of second fail.
  document.title = 'DONE {}';
  if (label === 'second') secondPage();
  if (label === 'child') childPage();
}
