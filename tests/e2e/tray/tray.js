// The tray e2e (tests/e2e/tray): @tauri-apps/api's tray module, called through the pinned package,
// checked from outside as a StatusNotifier host (a panel) sees it: sni_driver.py reads the
// watcher's list, the item's org.kde.StatusNotifierItem properties and signals and its
// com.canonical.dbusmenu menu on the run's own session bus, and acts as a panel does (Activate,
// SecondaryActivate, a menu entry clicked). The run's status-notifier-watcher is Debian's.
//
// One bundle, three pages: "main" runs every tray scenario and sends its report to the driver
// (POST /report), which writes page-results.txt; "second", whose capability has no core:tray
// permission, checks that the tray commands refuse it and reports the same way; "third" (with
// core:default) is handed the rid of main's icon and tries to use it, for main's scenario
// other_page_rid_refused.
import { TrayIcon } from '@tauri-apps/api/tray';
import { Menu, MenuItem, CheckMenuItem, IconMenuItem, Submenu, PredefinedMenuItem } from '@tauri-apps/api/menu';
import { Image } from '@tauri-apps/api/image';
import { emitTo, listen } from '@tauri-apps/api/event';
import { PhysicalPosition, PhysicalSize } from '@tauri-apps/api/dpi';
import { results, scenario as runScenario, expect, rejects, setDetailLengths } from '../prelude/scenario.js';

setDetailLengths(80, 300);

// Every scenario ends: one whose call never answers fails after 20 s instead of holding the
// report back until the run's timeout (which would fail every scenario at once).
async function scenario(name, body) {
  let timer;
  const hang = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error('did not finish within 20 s (a call or signal never came)')), 20000);
  });
  await runScenario(name, () => Promise.race([body(), hang]).finally(() => clearTimeout(timer)));
}

// esbuild --define: TRAY_WORK (the run's folder).
const WORK = typeof TRAY_WORK === 'undefined' ? '' : TRAY_WORK;
const DRIVER = document.querySelector('meta[name="sni-driver"]').content;
const label = window.__TAURI_INTERNALS__.metadata.currentWebview.label;
const TRAY_ID = 'e2e-tray';

// ---------------------------------------------------------------------------------------------
// The outside view (sni_driver.py).

async function sni(path, params = {}) {
  const response = await fetch(DRIVER + path + '?' + new URLSearchParams(params));
  const body = await response.json();
  if (!response.ok) throw new Error('sni-driver ' + path + ': ' + body.error);
  return body;
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// Polls COND (async, returns a truthy value when done) until it holds; throws after MS with WHAT
// and what DESCRIBE says of the last value seen.
async function until(cond, what, ms = 4000, describe = (v) => JSON.stringify(v)) {
  const t0 = performance.now();
  let last;
  for (;;) {
    last = await cond();
    if (last) return last;
    if (performance.now() - t0 > ms) throw new Error(`timed out waiting for ${what}; last seen ${describe(last)}`.slice(0, 280));
    await sleep(50);
  }
}

// The number of the next signal: signals after it are the ones an action causes.
const signalMark = async () => (await sni('/signals')).next;

// The first signal MEMBER from ITEM (its unique name and object path, or its menu's path when
// ON_MENU) after MARK; fails naming what came instead.
async function signalFrom(item, member, mark, { onMenu = false, ms = 3000 } = {}) {
  const path = onMenu ? item.menu : item.path;
  const got = await sni('/signals', { since: mark, member, path, sender: item.owner, wait: ms });
  if (got.signals.length) return got.signals[0];
  const all = await sni('/signals', { since: mark });
  throw new Error(`no ${member} from ${item.owner} ${path}; signals seen: ` +
                  (all.signals.map((s) => s.member + '@' + s.path).join(', ') || 'none'));
}

// The registered item with Id ID, waiting until the watcher lists it.
async function registered(id, ms = 4000) {
  return until(async () => { const i = await sni('/item', { id }); return i.found ? i : null; },
    `the watcher to list an item with Id '${id}'`, ms, () => 'no such item');
}

// Waits until the watcher no longer lists ENTRY ([service, path]).
async function unregistered(entry, what) {
  let last;
  await until(async () => {
    last = await sni('/watcher');
    return !last.entries.some(([s, p]) => s === entry[0] && p === entry[1]);
  }, what, 4000, () => JSON.stringify(last.entries));
}

function isDenied(error) {
  const text = String(error && error.message ? error.message : error);
  return /not allowed/i.test(text) ? text : null;
}

// ---------------------------------------------------------------------------------------------
// Icons: what the page sets and what the item's IconPixmap must then hold.

// A 4x3 RGBA PNG (bytes, as an app passes a file's contents) of pngPixel's pattern.
const PNG_4x3 = Array.from(atob(
  'iVBORw0KGgoAAAANSUhEUgAAAAQAAAADCAYAAAC09K7GAAAAOElEQVR4nA3KIREAQAgEQDSaOGiSvCbDDZokJKHVPXZnxXThOnzabE2IxdLjIB' +
  'odSbE6qMGrG5X8NR4YRRf0mSIAAAAASUVORK5CYII='), (c) => c.charCodeAt(0));
const pngPixel = (x, y) => [40 * x + 20, 60 * y + 10, 200 - 30 * x, (x + y) % 3 ? 255 : 128];

// A 3x3 RGBA image for Image.new, half-transparent on its diagonal (straight alpha: the colour
// must come back as set, not premultiplied).
const rgbaPixel = (x, y) => [80 * x + 5, 250 - 70 * y, 30 * (x + y) + 7, x === y ? 100 : 255];

function rgbaOf(width, height, pixel) {
  const out = [];
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) out.push(...pixel(x, y));
  return out;
}

// IconPixmap's WIDTHxHEIGHT entry as RGBA (it is ARGB32 in network byte order: A, R, G, B per
// pixel); fails naming the sizes there are.
function pixmapRgba(item, width, height) {
  const p = item.pixmaps.find((m) => m.width === width && m.height === height);
  if (!p) throw new Error(`no ${width}x${height} IconPixmap; there are ${item.pixmaps.map((m) => m.width + 'x' + m.height).join(', ') || 'none'}`);
  const argb = Array.from(atob(p.argb), (c) => c.charCodeAt(0));
  expect(argb.length === width * height * 4, `${width * height * 4} bytes of ARGB32, got ${argb.length}`);
  const rgba = [];
  for (let i = 0; i < argb.length; i += 4) rgba.push(argb[i + 1], argb[i + 2], argb[i + 3], argb[i]);
  return rgba;
}

function expectPixels(item, width, height, pixel) {
  const got = pixmapRgba(item, width, height);
  const want = rgbaOf(width, height, pixel);
  const at = want.findIndex((v, i) => v !== got[i]);
  if (at >= 0) {
    const p = Math.floor(at / 4);
    throw new Error(`pixel ${p % width},${Math.floor(p / width)} RGBA ${got.slice(p * 4, p * 4 + 4)}, set ${want.slice(p * 4, p * 4 + 4)}`);
  }
}

// ---------------------------------------------------------------------------------------------
// Menus: the tree a host reads with GetLayout.

// The entries of a layout node: {label, type, enabled, toggleType, toggleState, submenu, id, children}.
function entries(node) {
  return node.children.map((c) => ({
    id: c.id,
    label: c.props.label,
    type: c.props.type,
    enabled: c.props.enabled,
    visible: c.props.visible,
    toggleType: c.props['toggle-type'],
    toggleState: c.props['toggle-state'],
    submenu: c.props['children-display'],
    shortcut: c.props.shortcut,
    props: c.props,
    children: c.children,
  }));
}

// "WxH" of PNG bytes (the driver's {base64} or a number list), or what is wrong with them.
function pngSize(data) {
  if (!data) return 'none';
  const bytes = Array.isArray(data) ? data : Array.from(atob(data.base64), (c) => c.charCodeAt(0));
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (!signature.every((b, i) => bytes[i] === b)) return 'not a PNG';
  const word = (at) => ((bytes[at] << 24) | (bytes[at + 1] << 16) | (bytes[at + 2] << 8) | bytes[at + 3]) >>> 0;
  return `${word(16)}x${word(20)}`;
}

const brief = (list) => list.map((e) => (e.type === 'separator' ? '--' : e.label)).join('|');

function entryLabelled(node, text) {
  const e = entries(node).find((x) => x.label === text);
  if (!e) throw new Error(`no entry '${text}' in the menu; it has ${brief(entries(node))}`);
  return e;
}

async function menuRoot() {
  return (await sni('/menu', { id: TRAY_ID })).root;
}

// ---------------------------------------------------------------------------------------------
// main.

const trayEvents = [];   // what the tray's action received
const menuClicks = [];   // the ids the menu items' actions received
const onMenu = (id) => menuClicks.push(id);
const seenEvents = () => trayEvents.map((t) => `${t.type}/${t.button}/${t.buttonState || ''}`).join(' ') || 'none';

async function nextMenuClick(id, what) {
  await until(async () => menuClicks.includes(id), what, 3000, () => JSON.stringify(menuClicks));
  menuClicks.splice(menuClicks.indexOf(id), 1);
}

async function noWatcherScenario() {
  await scenario('no_watcher_rejects', async () => {
    await sni('/watcher-stop');
    try {
      const error = await rejects(TrayIcon.new({ id: 'e2e-no-watcher', tooltip: 'never shown' }));
      const text = String(error && error.message ? error.message : error);
      expect(/StatusNotifier/.test(text), 'an error naming the missing StatusNotifier host, got: ' + text);
      expect((await TrayIcon.getById('e2e-no-watcher')) === null, 'no icon left behind by the failed new');
      return text;
    } finally {
      await sni('/watcher-start');
    }
  });
}

async function trayScenarios() {
  const state = {};

  await scenario('menu_built', async () => {
    state.open = await MenuItem.new({ id: 'open', text: 'Open', action: onMenu });
    state.check = await CheckMenuItem.new({ id: 'check', text: 'Check', checked: true, action: onMenu });
    state.disabled = await MenuItem.new({ id: 'disabled', text: 'Disabled', enabled: false, action: onMenu });
    state.inner = await MenuItem.new({ id: 'inner', text: 'Inner', action: onMenu });
    const more = await Submenu.new({ id: 'more', text: 'More', items: [state.inner] });
    const separator = await PredefinedMenuItem.new({ item: 'Separator' });
    state.menu = await Menu.new({ items: [state.open, state.check, separator, state.disabled, more] });
    return 'five entries';
  });

  await scenario('registers', async () => {
    const before = await signalMark();
    state.image = await Image.new(rgbaOf(3, 3, rgbaPixel), 3, 3);
    state.tray = await TrayIcon.new({
      id: TRAY_ID, icon: state.image, tooltip: 'e2e tooltip', title: 'e2e title',
      menu: state.menu, action: (e) => trayEvents.push(e),
    });
    expect(state.tray.id === TRAY_ID, `the id given, got ${state.tray.id}`);
    expect(typeof state.tray.rid === 'number', 'a resource id, got ' + state.tray.rid);
    const item = await registered(TRAY_ID);
    const watcher = await sni('/watcher');
    expect(watcher.items.includes(item.service) || watcher.items.includes(item.service + item.path),
           `RegisteredStatusNotifierItems to list ${item.service}, got ${JSON.stringify(watcher.items)}`);
    const got = await sni('/signals', { since: before, member: 'StatusNotifierItemRegistered', wait: 2000 });
    expect(got.signals.length === 1, 'one StatusNotifierItemRegistered, got ' + got.signals.length);
    state.item = item;
    return `${item.service} ${item.path}`;
  });

  await scenario('initial_properties', async () => {
    const item = await registered(TRAY_ID);
    expect(item.category === 'ApplicationStatus', 'Category ApplicationStatus, got ' + item.category);
    expect(item.status === 'Active', 'Status Active, got ' + item.status);
    expect(item.title === 'e2e title', 'Title "e2e title", got ' + item.title);
    expect(item.tooltip && item.tooltip.title === 'e2e tooltip',
           'ToolTip\'s title "e2e tooltip", got ' + JSON.stringify(item.tooltip));
    expect(typeof item.menu === 'string' && item.menu.startsWith('/') && item.menu !== '/',
           'Menu an object path, got ' + item.menu);
    expectPixels(item, 3, 3, rgbaPixel);
    return `menu ${item.menu}`;
  });

  await scenario('set_tooltip', async () => {
    const mark = await signalMark();
    await state.tray.setTooltip('changed tooltip');
    await signalFrom(state.item, 'NewToolTip', mark);
    let item = await registered(TRAY_ID);
    expect(item.tooltip && item.tooltip.title === 'changed tooltip', 'ToolTip\'s title "changed tooltip", got ' + JSON.stringify(item.tooltip));
    await state.tray.setTooltip(null);
    item = await registered(TRAY_ID);
    expect(!item.tooltip || item.tooltip.title === '', 'no ToolTip title after setTooltip(null), got ' + JSON.stringify(item.tooltip));
    return 'NewToolTip';
  });

  await scenario('set_title', async () => {
    const mark = await signalMark();
    await state.tray.setTitle('42 unread');
    await signalFrom(state.item, 'NewTitle', mark);
    const item = await registered(TRAY_ID);
    expect(item.title === '42 unread', 'Title "42 unread", got ' + item.title);
    return 'NewTitle';
  });

  await scenario('set_icon', async () => {
    const mark = await signalMark();
    await state.tray.setIcon(PNG_4x3);
    await signalFrom(state.item, 'NewIcon', mark);
    expectPixels(await registered(TRAY_ID), 4, 3, pngPixel);
    return 'NewIcon, 4x3 PNG pixels';
  });

  // An icon by path: one in the app folder is read; one outside it (no asset scope here) is
  // refused and the icon stays, so the tray cannot make the host read a page's choice of file.
  await scenario('set_icon_from_path', async () => {
    await state.tray.setIcon(state.image);
    await state.tray.setIcon(WORK + '/app/frontend/tray-icon.png');
    expectPixels(await registered(TRAY_ID), 4, 3, pngPixel);
    await state.tray.setIcon(state.image);
    const outside = String(await rejects(state.tray.setIcon(WORK + '/outside.png')));
    expectPixels(await registered(TRAY_ID), 3, 3, rgbaPixel);
    return 'outside refused: ' + outside;
  });

  await scenario('set_icon_null', async () => {
    const mark = await signalMark();
    await state.tray.setIcon(null);
    await signalFrom(state.item, 'NewIcon', mark);
    const item = await registered(TRAY_ID);
    expect(item.pixmaps.length === 0, 'no IconPixmap after setIcon(null), got ' + item.pixmaps.length);
    await state.tray.setIcon(state.image);
    expectPixels(await registered(TRAY_ID), 3, 3, rgbaPixel);
    return 'cleared, then the Image resource again';
  });

  // docs/tray.md's limits: a large icon travels scaled down to 256 a side (its shape kept); a
  // title past 1024 bytes is refused and the item keeps its title.
  await scenario('limits', async () => {
    const big = await Image.new(new Array(520 * 260 * 4).fill(200), 520, 260);
    const mark = await signalMark();
    await state.tray.setIcon(big);
    await signalFrom(state.item, 'NewIcon', mark);
    const sizes = (await registered(TRAY_ID)).pixmaps.map((m) => `${m.width}x${m.height}`).join(',');
    expect(sizes === '256x128', 'one 256x128 IconPixmap, got ' + sizes);
    await state.tray.setIcon(state.image);
    const before = (await registered(TRAY_ID)).title;
    await rejects(state.tray.setTitle('t'.repeat(1025)));
    const after = (await registered(TRAY_ID)).title;
    expect(after === before, `the title kept (${before}), got ${after && after.slice(0, 20)}`);
    return sizes;
  });

  await scenario('menu_layout', async () => {
    const root = await menuRoot();
    const list = entries(root);
    expect(brief(list) === 'Open|Check|--|Disabled|More', 'Open|Check|--|Disabled|More, got ' + brief(list));
    const check = entryLabelled(root, 'Check');
    expect(check.toggleType === 'checkmark' && check.toggleState === 1,
           `Check a checkmark in state 1, got ${check.toggleType} ${check.toggleState}`);
    const open = entryLabelled(root, 'Open');
    expect(open.toggleType === undefined || open.toggleType === '', 'Open no toggle, got ' + open.toggleType);
    expect(entryLabelled(root, 'Disabled').enabled === false, 'Disabled with enabled false');
    expect(open.enabled !== false, 'Open enabled');
    const more = entryLabelled(root, 'More');
    expect(more.submenu === 'submenu', 'More with children-display submenu, got ' + more.submenu);
    expect(brief(entries(more)) === 'Inner', 'More holding Inner, got ' + brief(entries(more)));
    return brief(list);
  });

  await scenario('menu_click', async () => {
    const root = await menuRoot();
    await sni('/menu-event', { id: TRAY_ID, item: entryLabelled(root, 'Open').id, event: 'clicked' });
    await nextMenuClick('open', 'Open\'s action');
    const inner = entries(entryLabelled(root, 'More'))[0];
    await sni('/menu-event', { id: TRAY_ID, item: inner.id, event: 'clicked' });
    await nextMenuClick('inner', 'Inner\'s action (in the submenu)');
    return 'open, inner';
  });

  await scenario('menu_check_toggles', async () => {
    const root = await menuRoot();
    const item = await registered(TRAY_ID);
    const mark = await signalMark();
    await sni('/menu-event', { id: TRAY_ID, item: entryLabelled(root, 'Check').id, event: 'clicked' });
    await nextMenuClick('check', 'Check\'s action');
    expect((await state.check.isChecked()) === false, 'Check unchecked by the click');
    await signalFrom(item, 'ItemsPropertiesUpdated', mark, { onMenu: true });
    const state1 = entryLabelled(await menuRoot(), 'Check').toggleState;
    expect(state1 === 0, 'toggle-state 0 after the click, got ' + state1);
    return 'toggled off';
  });

  await scenario('menu_disabled_item', async () => {
    const root = await menuRoot();
    await sni('/menu-event', { id: TRAY_ID, item: entryLabelled(root, 'Disabled').id, event: 'clicked' });
    await sleep(500);
    expect(!menuClicks.includes('disabled'), 'a disabled entry\'s click not to reach the page');
    const item = await registered(TRAY_ID);
    const mark = await signalMark();
    await state.disabled.setEnabled(true);
    await signalFrom(item, 'ItemsPropertiesUpdated', mark, { onMenu: true });
    const enabled = entryLabelled(await menuRoot(), 'Disabled').enabled;
    expect(enabled !== false, 'enabled after setEnabled(true), got ' + enabled);
    await sni('/menu-event', { id: TRAY_ID, item: entryLabelled(root, 'Disabled').id, event: 'clicked' });
    await nextMenuClick('disabled', 'the re-enabled entry\'s action');
    return 'ignored, then enabled and picked';
  });

  await scenario('menu_item_changes', async () => {
    const item = await registered(TRAY_ID);
    let mark = await signalMark();
    await state.open.setText('Open now');
    await signalFrom(item, 'ItemsPropertiesUpdated', mark, { onMenu: true });
    entryLabelled(await menuRoot(), 'Open now');
    mark = await signalMark();
    await state.check.setChecked(true);
    await signalFrom(item, 'ItemsPropertiesUpdated', mark, { onMenu: true });
    const toggle = entryLabelled(await menuRoot(), 'Check').toggleState;
    expect(toggle === 1, 'toggle-state 1 after setChecked(true), got ' + toggle);
    mark = await signalMark();
    await state.menu.append(await MenuItem.new({ id: 'appended', text: 'Appended', action: onMenu }));
    await signalFrom(item, 'LayoutUpdated', mark, { onMenu: true });
    const root = await menuRoot();
    expect(brief(entries(root)).endsWith('|More|Appended'), 'Appended last, got ' + brief(entries(root)));
    await sni('/menu-event', { id: TRAY_ID, item: entryLabelled(root, 'Appended').id, event: 'clicked' });
    await nextMenuClick('appended', 'the appended entry\'s action');
    return 'text, check, append';
  });

  // What a panel draws: dbusmenu marks mnemonics with '_' (the package's '&'), doubles a literal
  // '_', and gives shortcuts as [modifiers..., key].
  await scenario('menu_labels_and_shortcuts', async () => {
    const item = await registered(TRAY_ID);
    const mark = await signalMark();
    const keys = await Submenu.new({ id: 'keys', text: 'Keys', items: [
      await MenuItem.new({ id: 'save-as', text: 'Save &As', accelerator: 'CmdOrCtrl+Shift+S', action: onMenu }),
      await MenuItem.new({ id: 'snake', text: 'snake_case', action: onMenu }),
      await PredefinedMenuItem.new({ item: 'Copy' }),
    ] });
    await state.menu.append(keys);
    await signalFrom(item, 'LayoutUpdated', mark, { onMenu: true });
    const list = entries(entryLabelled(await menuRoot(), 'Keys'));
    expect(list.length === 3, 'three entries under Keys, got ' + brief(list));
    const [saveAs, snake, copy] = list;
    expect(saveAs.label === 'Save _As', 'label "Save _As", got ' + saveAs.label);
    const shortcut = JSON.stringify(saveAs.shortcut || null);
    expect(/^\[\["Control","Shift","s"\]\]$/i.test(shortcut), 'shortcut [["Control","Shift","s"]], got ' + shortcut);
    expect(snake.label === 'snake__case', 'label "snake__case", got ' + snake.label);
    expect(/copy/i.test(copy.label || ''), 'the predefined Copy labelled, got ' + copy.label);
    const copyKeys = JSON.stringify(copy.shortcut || null);
    expect(/^\[\["Control","c"\]\]$/i.test(copyKeys), 'Copy\'s shortcut [["Control","c"]], got ' + copyKeys);
    await sni('/menu-event', { id: TRAY_ID, item: saveAs.id, event: 'clicked' });
    await nextMenuClick('save-as', 'Save As\' action');
    return `${saveAs.label} ${shortcut}`;
  });

  // What other panels read: several entries' properties at once (only the names asked for) and
  // one property; an item with an icon as PNG bytes in icon-data.
  await scenario('menu_properties_and_icons', async () => {
    const root = await menuRoot();
    const open = entryLabelled(root, 'Open now');
    const check = entryLabelled(root, 'Check');
    const got = await sni('/menu-properties', { id: TRAY_ID, items: `${open.id},${check.id}`, names: 'label,toggle-state' });
    const byId = Object.fromEntries(got.group.map((g) => [g.id, g.props]));
    expect(byId[open.id] && byId[open.id].label === 'Open now', 'Open now\'s label in the group, got ' + JSON.stringify(got.group));
    expect(byId[check.id] && byId[check.id]['toggle-state'] === 1, 'Check\'s toggle-state 1 in the group');
    const extra = got.group.flatMap((g) => Object.keys(g.props)).filter((k) => k !== 'label' && k !== 'toggle-state');
    expect(extra.length === 0, 'only the names asked for, got also ' + extra.join(','));
    expect(got.property === 'Open now', 'GetProperty label "Open now", got ' + JSON.stringify(got.property));

    const item = await registered(TRAY_ID);
    let mark = await signalMark();
    const icon = await IconMenuItem.new({ id: 'with-icon', text: 'With icon', icon: state.image, action: onMenu });
    await state.menu.append(icon);
    await signalFrom(item, 'LayoutUpdated', mark, { onMenu: true });
    const size = async () => {
      const entry = entryLabelled(await menuRoot(), 'With icon');
      return pngSize(entry.props['icon-data']);
    };
    const first = await size();
    expect(first === '3x3', 'icon-data a 3x3 PNG, got ' + first);
    mark = await signalMark();
    await icon.setIcon(PNG_4x3);
    await signalFrom(item, 'ItemsPropertiesUpdated', mark, { onMenu: true });
    const second = await size();
    expect(second === '4x3', 'icon-data a 4x3 PNG after setIcon, got ' + second);
    return 'group, property, icon-data';
  });

  await scenario('set_menu', async () => {
    const item = await registered(TRAY_ID);
    const mark = await signalMark();
    const other = await Menu.new({ items: [{ id: 'second-menu', text: 'Second menu', action: onMenu }] });
    await state.tray.setMenu(other);
    await signalFrom(await registered(TRAY_ID), 'LayoutUpdated', mark, { onMenu: true });
    const root = await menuRoot();
    expect(brief(entries(root)) === 'Second menu', 'the new menu\'s entries, got ' + brief(entries(root)));
    await sni('/menu-event', { id: TRAY_ID, item: entries(root)[0].id, event: 'clicked' });
    await nextMenuClick('second-menu', 'the new menu\'s action');
    return `${item.menu}: Second menu`;
  });

  // A panel calls Activate on a left click: the page sees Click Down then Click Up (button Left),
  // shaped as tray.js's mapEvent reads it (positions and the rect as dpi classes).
  await scenario('activate_click', async () => {
    trayEvents.length = 0;
    await sni('/activate', { id: TRAY_ID, x: 12, y: 34 });
    await until(async () => trayEvents.some((t) => t.buttonState === 'Up'), 'a Click Up', 3000, () => seenEvents());
    const states = trayEvents.map((t) => `${t.type}/${t.buttonState}`).join(' ');
    expect(states === 'Click/Down Click/Up', 'Click Down then Click Up, got ' + states);
    for (const e of trayEvents) {
      expect(e.id === TRAY_ID, 'the tray\'s id, got ' + e.id);
      expect(e.button === 'Left', 'button Left, got ' + e.button);
      expect(e.position instanceof PhysicalPosition && e.position.x === 12 && e.position.y === 34,
             'position (12, 34) as a PhysicalPosition, got ' + JSON.stringify(e.position));
      expect(e.rect.position instanceof PhysicalPosition && Number.isFinite(e.rect.position.x),
             'rect.position a PhysicalPosition, got ' + JSON.stringify(e.rect.position));
      expect(e.rect.size instanceof PhysicalSize && Number.isFinite(e.rect.size.width),
             'rect.size a PhysicalSize, got ' + JSON.stringify(e.rect.size));
    }
    return states;
  });

  await scenario('double_click', async () => {
    await sleep(700);  // apart from activate_click's click
    trayEvents.length = 0;
    await sni('/activate', { id: TRAY_ID, x: 50, y: 60, times: 2 });
    const e = await until(async () => trayEvents.find((t) => t.type === 'DoubleClick'), 'a DoubleClick', 3000,
      () => seenEvents());
    expect(e.id === TRAY_ID && e.button === 'Left', 'the tray\'s id and button Left, got ' + e.id + ' ' + e.button);
    expect(e.position instanceof PhysicalPosition && e.position.x === 50 && e.position.y === 60,
           'position (50, 60), got ' + JSON.stringify(e.position));
    return seenEvents();
  });

  await scenario('other_buttons', async () => {
    trayEvents.length = 0;
    await sni('/secondary', { id: TRAY_ID, x: 5, y: 6 });
    const middle = await until(async () => trayEvents.find((t) => t.button === 'Middle' && t.buttonState === 'Up'),
      'a Middle Click Up (SecondaryActivate)', 3000, () => seenEvents());
    expect(middle.type === 'Click' && middle.position.x === 5 && middle.position.y === 6,
           'a Click at (5, 6), got ' + JSON.stringify(middle));
    trayEvents.length = 0;
    await sni('/context', { id: TRAY_ID, x: 7, y: 8 });
    const right = await until(async () => trayEvents.find((t) => t.button === 'Right' && t.buttonState === 'Up'),
      'a Right Click Up (ContextMenu)', 3000, () => seenEvents());
    expect(right.type === 'Click' && right.position.x === 7 && right.position.y === 8,
           'a Click at (7, 8), got ' + JSON.stringify(right));
    return 'Middle, Right';
  });

  await scenario('show_menu_on_left_click', async () => {
    await state.tray.setShowMenuOnLeftClick(false);
    const off = (await registered(TRAY_ID)).itemIsMenu;
    await state.tray.setShowMenuOnLeftClick(true);
    const on = (await registered(TRAY_ID)).itemIsMenu;
    expect(off === false && on === true, `ItemIsMenu false then true, got ${off} then ${on}`);
    return 'ItemIsMenu follows';
  });

  await scenario('set_visible', async () => {
    let mark = await signalMark();
    await state.tray.setVisible(false);
    const passive = await signalFrom(state.item, 'NewStatus', mark);
    expect(passive.args[0] === 'Passive', 'NewStatus("Passive"), got ' + JSON.stringify(passive.args));
    expect((await registered(TRAY_ID)).status === 'Passive', 'Status Passive');
    mark = await signalMark();
    await state.tray.setVisible(true);
    await signalFrom(state.item, 'NewStatus', mark);
    expect((await registered(TRAY_ID)).status === 'Active', 'Status Active again');
    return 'Passive, Active';
  });

  await scenario('get_by_id', async () => {
    const again = await TrayIcon.getById(TRAY_ID);
    expect(again instanceof TrayIcon && again.id === TRAY_ID, 'a TrayIcon with the id, got ' + JSON.stringify(again));
    expect(again.rid !== state.tray.rid, 'a resource of its own');
    await again.setTitle('through getById');
    expect((await registered(TRAY_ID)).title === 'through getById', 'the same item retitled');
    expect((await TrayIcon.getById('e2e-missing')) === null, 'null for an unknown id');
    return 'same item';
  });

  // A rid names a resource of the page that holds it: main's rid, used by another page that has
  // the tray permissions, reaches nothing (the other page could still ask getById, as in Tauri).
  await scenario('other_page_rid_refused', async () => {
    let answer = null;
    const unlisten = await listen('third-result', (e) => { answer = e.payload; });
    try {
      await until(async () => {
        if (!answer) await emitTo('third', 'third-try', { rid: state.tray.rid, id: TRAY_ID });
        return answer;
      }, 'the third page\'s answer', 6000);
    } finally {
      unlisten();
    }
    expect(answer.setTitle !== 'resolved', 'setTitle with main\'s rid refused on third, it resolved');
    // Its close() with that rid must not have removed the icon either.
    const item = await registered(TRAY_ID);
    expect(item.title === 'through getById', 'the title unchanged, got ' + item.title);
    return `refused: ${answer.setTitle}; close: ${answer.close}`;
  });

  await scenario('linux_no_ops', async () => {
    // macOS-only (template icons), and the temp dir Tauri writes icon files to on Linux: the
    // pixmap goes over D-Bus here, so the host writes nothing there.
    await state.tray.setIconAsTemplate(true);
    await state.tray.setIconWithAsTemplate(PNG_4x3, true);
    expectPixels(await registered(TRAY_ID), 4, 3, pngPixel);
    await state.tray.setTempDirPath(WORK + '/tray-temp');
    await state.tray.setIcon(state.image);
    expectPixels(await registered(TRAY_ID), 3, 3, rgbaPixel);
    const written = await sni('/exists', { path: WORK + '/tray-temp' });
    expect(!written.exists, 'nothing written to the temp dir path');
    return 'answered, nothing written';
  });

  await scenario('close_unregisters', async () => {
    const before = (await sni('/watcher')).entries.length;
    const tray = await TrayIcon.new({ tooltip: 'closed soon', icon: PNG_4x3 });
    expect(typeof tray.id === 'string' && tray.id.length > 0 && tray.id !== TRAY_ID, 'a generated id, got ' + tray.id);
    const item = await registered(tray.id);
    expect((await sni('/watcher')).entries.length === before + 1, 'one more entry in the watcher\'s list');
    await tray.close();
    await unregistered([item.service, item.path], 'the closed icon to leave the watcher\'s list');
    expect((await TrayIcon.getById(tray.id)) === null, 'getById null after close');
    return `id ${tray.id}`;
  });

  await scenario('remove_by_id_unregisters', async () => {
    const item = await registered(TRAY_ID);
    const mark = await signalMark();
    await TrayIcon.removeById(TRAY_ID);
    await unregistered([item.service, item.path], 'the removed icon to leave the watcher\'s list');
    const gone = await sni('/signals', { since: mark, member: 'StatusNotifierItemUnregistered', wait: 2000 });
    expect(gone.signals.length === 1, 'one StatusNotifierItemUnregistered, got ' + gone.signals.length);
    expect((await TrayIcon.getById(TRAY_ID)) === null, 'getById null after removeById');
    const error = await rejects(TrayIcon.removeById(TRAY_ID));
    return 'second removeById: ' + String(error && error.message ? error.message : error);
  });

  // Last, with an icon of its own: a panel's watcher that restarts (a new session's, a crashed
  // one) must list the icons again, without the page doing anything.
  await scenario('watcher_restart_reregisters', async () => {
    const tray = await TrayIcon.new({ id: 'e2e-restart', title: 'survives a restart', icon: PNG_4x3 });
    await registered(tray.id);
    await sni('/watcher-stop');
    await sni('/watcher-start');
    const item = await registered(tray.id, 5000);
    expect(item.title === 'survives a restart', 'the same item, got title ' + item.title);
    return `registered again as ${item.service}`;
  });
}

async function mainPage() {
  results.metadata = { ok: true, detail: label };
  await noWatcherScenario();
  await trayScenarios();
}

// ---------------------------------------------------------------------------------------------
// second: no core:tray permission.

async function secondPage() {
  results.metadata = { ok: true, detail: label };
  await scenario('tray_not_allowed', async () => {
    const denied = [
      isDenied(await rejects(TrayIcon.new({ id: 'e2e-second' }))),
      isDenied(await rejects(TrayIcon.getById(TRAY_ID))),
      isDenied(await rejects(TrayIcon.removeById(TRAY_ID))),
    ];
    expect(denied.every(Boolean), 'new, getById and removeById "not allowed", got ' + JSON.stringify(denied));
    return denied[0];
  });
}

// ---------------------------------------------------------------------------------------------
// third: tries main's rid when main asks (other_page_rid_refused); reports nothing of its own.

async function thirdPage() {
  const outcome = (promise) => promise.then(() => 'resolved', (e) => String(e && e.message ? e.message : e));
  let tried = null;
  await listen('third-try', async (e) => {
    if (!tried) {
      const handle = new TrayIcon(e.payload.rid, e.payload.id);
      tried = { setTitle: await outcome(handle.setTitle('hijacked')), close: await outcome(handle.close()) };
    }
    await emitTo('main', 'third-result', tried);
  });
}

async function sendReport() {
  const response = await fetch(DRIVER + '/report?' + new URLSearchParams({ window: label }),
    { method: 'POST', body: JSON.stringify(results) });
  if (!response.ok) throw new Error('sni-driver /report: ' + response.status);
  document.title = 'DONE ' + JSON.stringify({ report: { ok: true, detail: Object.keys(results).length + ' keys' } });
}

if (label === 'third') {
  // Done at once for `warden run --exit-on-title`; it answers main while main runs.
  document.title = 'DONE {}';
  thirdPage();
} else {
  const page = label === 'main' ? mainPage : secondPage;
  page().then(sendReport).catch((e) => {
    results.runner = { ok: false, detail: String(e && e.message ? e.message : e) };
    sendReport().catch(() => { document.title = 'DONE ' + JSON.stringify({ runner: results.runner }); });
  });
}
