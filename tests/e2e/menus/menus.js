// The menus e2e (tests/e2e/menus): @tauri-apps/api's menu module through the pinned package, in
// the real WebView under openbox, with every item picked as a user picks it: menu_driver.py
// presses keys (F10 opens the window's GTK menu bar, arrows and Return pick, Alt+letter opens a
// menu by its mnemonic, Ctrl+Shift+letter presses an accelerator) and clicks with xdotool, and
// says which menus X shows and where. A pick counts when the item's `action` reaches the page.
//
// One bundle, five pages (warden.conf.json):
// - main builds a window menu (Menu, Submenu, MenuItem, CheckMenuItem, IconMenuItem,
//   PredefinedMenuItem) and context menus, picks their items, changes them after they are
//   shown, sets an app menu, calls every menu command its core:menu:default allows, and is the
//   only page that drives the keyboard and pointer (one user, one focus);
// - second gets main's `[rid, kind]` ids (event "main-ids") and tries to drive main's items with
//   them: every call must be answered "not found"; its capability lacks set_as_window_menu;
// - plain has no menu permission: the ACL refuses it (it shows the app menu, which main picks);
// - reloader sets a window menu and loads its page again: the new page's view of it;
// - late, a window main opens after setting the app menu, only shows that menu.
// Each page but late sends its own report to the driver (POST /report: page-results.txt).
import { invoke } from '@tauri-apps/api/core';
import { emit, listen } from '@tauri-apps/api/event';
import { LogicalPosition } from '@tauri-apps/api/dpi';
import { Menu, Submenu, MenuItem, CheckMenuItem, IconMenuItem, PredefinedMenuItem } from '@tauri-apps/api/menu';
import { WebviewWindow } from '@tauri-apps/api/webviewWindow';
import { results, scenario as runScenario, expect, rejects, setDetailLengths } from '../prelude/scenario.js';

setDetailLengths(120, 300);

// Every scenario ends: one whose call never answers fails after 20 s instead of holding the
// report back until the run's timeout (which would fail every scenario at once).
// A failed scenario of main closes what it left open: a menu still open would take the next
// scenario's keys. (The ones that pass close their menus themselves.)
async function scenario(name, body) {
  let timer;
  const hang = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error('did not finish within 20 s (a call or event never came)')), 20000);
  });
  await runScenario(name, () => Promise.race([body(), hang]).finally(() => clearTimeout(timer)));
  if (label === 'main' && !results[name].ok) await closeMenus().catch(() => {});
}

const DRIVER = document.querySelector('meta[name="x-driver"]').content;
const label = window.__TAURI_INTERNALS__.metadata.currentWebview.label;
const TITLES = { main: 'menus-main', second: 'menus-second', plain: 'menus-plain', late: 'menus-late',
                 reloader: 'menus-reloader' };
const PAGE_TEXT = 'menus e2e page text';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const near = (a, b, tolerance) => Math.abs(a - b) <= tolerance;
const message = (e) => String(e && e.message ? e.message : e);

// ---------------------------------------------------------------------------------------------
// The user and the outside view (menu_driver.py).

async function x(path, params = {}) {
  const response = await fetch(DRIVER + path + '?' + new URLSearchParams(params));
  const body = await response.json();
  if (!response.ok) throw new Error('menu-driver ' + path + ': ' + body.error);
  return body;
}

// Presses KEYS (xdotool names) one after the other in window TITLE (main by default).
const press = (keys, title = TITLES.main) => x('/keys', { title, keys: keys.join(' ') });
// The same in main, answering the menus open after the last key.
const pressAndLook = async (keys) => (await x('/keys', { title: TITLES.main, keys: keys.join(' '), menus: 1 })).menus;
const openMenus = () => x('/menus');

// Polls COND (async, returns a truthy value when done) until it holds; throws after MS with WHAT.
async function until(cond, what, ms = 4000) {
  const t0 = performance.now();
  for (;;) {
    const last = await cond();
    if (last) return last;
    if (performance.now() - t0 > ms) throw new Error('timed out waiting for ' + what);
    await sleep(50);
  }
}

// Closes whatever menu is still open (a failed scenario must not leave a grab for the next).
async function closeMenus() {
  for (let i = 0; i < 3 && (await openMenus()).length > 0; i++) await press(['Escape']);
  await sleep(100);
}

// ---------------------------------------------------------------------------------------------
// What reached the page: every item's action records its id.

const fired = [];
function record(id) {
  fired.push({ id, at: performance.now() });
}

// Resolves once item ID's action reached the page after time AFTER; the error lists what came.
async function picked(id, after, what) {
  try {
    await until(async () => fired.some((f) => f.id === id && f.at > after), what, 4000);
  } catch (e) {
    const came = fired.filter((f) => f.at > after).map((f) => f.id);
    throw new Error(`expected ${what}: the action of '${id}', got ${came.length ? came.join(', ') : 'none'}`);
  }
}

// Fails when item ID's action reached the page after AFTER, waiting MS for a late one.
async function notPicked(id, after, what, ms = 800) {
  await sleep(ms);
  expect(!fired.some((f) => f.id === id && f.at > after), what + ': the action of ' + id + ' came');
}

const isDenied = (e) => /not allowed|denied|permission/i.test(message(e));
const isNotFound = (e) => /not found/i.test(message(e)) && !isDenied(e);

// ---------------------------------------------------------------------------------------------
// main: the window menu.

// A 16x16 red PNG (the IconMenuItem's icon, given as bytes).
const RED = '200,40,40';
const RED_PNG = Uint8Array.from(atob(
  'iVBORw0KGgoAAAANSUhEUgAAABAAAAAQCAYAAAAf8/9hAAAAGUlEQVR4nGM4oaHxnxLMMGrAqAGjBgwXAwCpMhcf2uFd6gAAAABJRU5ErkJggg=='),
(c) => c.charCodeAt(0));
// The same in blue.
const BLUE = '30,60,210';
const BLUE_PNG = Uint8Array.from(atob(
  'iVBORw0KGgoAAAANSUhEUgAAABAAAAAQCAYAAAAf8/9hAAAAGUlEQVR4nGOQs7n0nxLMMGrAqAGjBgwXAwABiisfeAas5wAAAABJRU5ErkJggg=='),
(c) => c.charCodeAt(0));

const ui = {};

// File (&File, renamed &Records later): Open (Ctrl+Shift+K), ----, Wrap (check), Picture (icon),
// Later (Ctrl+Shift+J), Never (disabled, Ctrl+Shift+U), More > Deep. Edit: Copy, Paste, Select
// All, ----, Note, About ("A&bout menus"). Items are made both ways the package allows: as
// objects passed by `[rid, kind]` and as option objects nested in `items`. Mnemonic letters are
// unique in each menu: GTK moves between items sharing a letter instead of picking one.
async function buildWindowMenu() {
  ui.open = await MenuItem.new({ id: 'open', text: '&Open', accelerator: 'CmdOrCtrl+Shift+K', action: record });
  ui.wrap = await CheckMenuItem.new({ id: 'wrap', text: '&Wrap', checked: false, action: record });
  ui.picture = await IconMenuItem.new({ id: 'picture', text: '&Picture', icon: RED_PNG, action: record });
  ui.never = await MenuItem.new({ id: 'never', text: '&Never', enabled: false, accelerator: 'Ctrl+Shift+U',
                                  action: record });
  ui.file = await Submenu.new({
    id: 'file', text: '&File',
    items: [ui.open, await PredefinedMenuItem.new({ item: 'Separator' }), ui.wrap, ui.picture,
            { id: 'later', text: '&Later', accelerator: 'Ctrl+Shift+J', action: record }, ui.never,
            { id: 'more', text: '&More', items: [{ id: 'deep', text: '&Deep', action: record }] }],
  });
  ui.menu = await Menu.new({
    id: 'window-menu',
    items: [ui.file, {
      id: 'edit', text: '&Edit',
      items: [{ item: 'Copy' }, { item: 'Paste' }, { item: 'SelectAll' }, { item: 'Separator' },
              { id: 'note', text: '&Note', action: record },
              { item: { About: { name: 'Warden E2E menus', version: '1.0.0' } }, text: 'A&bout menus' }],
    }],
  });
  ui.later = await ui.file.get('later');
  ui.edit = await ui.menu.get('edit');
}

async function windowMenuSet() {
  await scenario('window_menu_set', async () => {
    const before = window.innerHeight;
    await buildWindowMenu();
    const previous = await ui.menu.setAsWindowMenu();
    expect(previous === null, 'no earlier window menu, got ' + JSON.stringify(previous));
    // The menu bar takes its place above the webview, which gets shorter.
    await until(async () => window.innerHeight < before, 'the webview to get shorter than ' + before);
    const kinds = (await ui.file.items()).map((i) => i.kind);
    const expected = ['MenuItem', 'Predefined', 'Check', 'Icon', 'MenuItem', 'MenuItem', 'Submenu'];
    expect(JSON.stringify(kinds) === JSON.stringify(expected), 'File holding ' + expected + ', got ' + kinds);
    expect((await ui.menu.items()).length === 2, 'two menus in the bar');
    expect(ui.later !== null && ui.later.id === 'later', 'File.get("later") to find the nested item');
    expect(ui.edit !== null && ui.edit.kind === 'Submenu', 'Menu.get("edit") to find the Edit submenu');
    return `menu bar ${before - window.innerHeight}px; File: ${kinds}`;
  });
}

async function windowMenuScenarios() {
  await scenario('window_menu_opens_with_f10', async () => {
    const w = await x('/window', { title: TITLES.main });
    const menus = await pressAndLook(['F10']);
    await closeMenus();
    expect(menus.length === 1, 'one menu open after F10, X shows ' + JSON.stringify(menus));
    const m = menus[0];
    // The File menu drops down from the bar, at the left of the client area, below the bar.
    expect(near(m.x, w.x, 20) && m.y > w.y && m.y < w.y + 60, 'the menu below the bar at ' + [w.x, w.y] +
      ', X shows it at ' + [m.x, m.y]);
    return `File at ${m.x - w.x},${m.y - w.y} ${m.width}x${m.height}`;
  });

  await scenario('window_menu_item_picked', async () => {
    const t = performance.now();
    await press(['F10', 'Down', 'Return']);
    await picked('open', t, 'F10, Down, Return to pick Open');
    // Their mnemonics ("&File", "&Open"): Alt+F opens File, O picks Open.
    const t2 = performance.now();
    await press(['alt+f', 'o']);
    await picked('open', t2, 'Alt+F, O to pick Open');
    return 'open, by arrows and by mnemonics';
  });

  await scenario('nested_submenu_item_picked', async () => {
    const t = performance.now();
    const menus = await pressAndLook(['alt+f', 'm']);
    expect(menus.length === 2, 'File and More open after Alt+F, M, X shows ' + JSON.stringify(menus));
    await press(['d']);
    await picked('deep', t, 'D in File > More to pick Deep');
    return 'deep';
  });

  await scenario('check_item_toggled_by_user', async () => {
    expect((await ui.wrap.isChecked()) === false, 'Wrap unchecked at first');
    const t1 = performance.now();
    await press(['F10', 'Down', 'Down', 'Return']);  // Open, (separator skipped), Wrap
    await picked('wrap', t1, 'the first pick of Wrap');
    const first = await ui.wrap.isChecked();
    const t2 = performance.now();
    await press(['F10', 'Down', 'Down', 'Return']);
    await picked('wrap', t2, 'the second pick of Wrap');
    const second = await ui.wrap.isChecked();
    expect(first === true && second === false, `isChecked true then false, got ${first}, ${second}`);
    return 'checked, unchecked';
  });

  await scenario('check_set_by_page_does_not_fire', async () => {
    const t = performance.now();
    await ui.wrap.setChecked(true);
    expect((await ui.wrap.isChecked()) === true, 'isChecked true after setChecked(true)');
    await notPicked('wrap', t, 'setChecked from the page is no pick');
    // The menu shows the page's state: the user's pick toggles it from checked to unchecked.
    const t2 = performance.now();
    await press(['F10', 'Down', 'Down', 'Return']);
    await picked('wrap', t2, 'the pick after setChecked(true)');
    expect((await ui.wrap.isChecked()) === false, 'unchecked by the pick after setChecked(true)');
    return 'no action; the pick unchecked it';
  });

  await scenario('icon_item_picked', async () => {
    await ui.picture.setIcon('icons/red.png');  // a path in the app folder, after the menu is shown
    const t = performance.now();
    await press(['F10', 'Down', 'Down', 'Down', 'Return']);  // Open, Wrap, Picture
    await picked('picture', t, 'F10, Down x3, Return to pick Picture');
    return 'picture';
  });

  await scenario('icon_shown_and_changed', async () => {
    // The icon's pixels in the open File menu, as X shows them: red, then blue, then none.
    await ui.picture.setIcon(RED_PNG);
    const menus = await pressAndLook(['F10']);
    expect(menus.length === 1, 'File open after F10, X shows ' + JSON.stringify(menus));
    const m = menus[0];
    let seen = null;
    const shows = (red, blue) => async () => {
      seen = await x('/pixels', { x: m.x, y: m.y, width: m.width, height: m.height, colours: RED + ';' + BLUE });
      return (red ? seen[RED] >= 200 : seen[RED] === 0) && (blue ? seen[BLUE] >= 200 : seen[BLUE] === 0);
    };
    const step = async (red, blue, what) => {
      try {
        await until(shows(red, blue), what, 3000);
      } catch (e) {
        throw new Error(`expected ${what}; the menu shows ${JSON.stringify(seen)} (pixels of ${RED} and ${BLUE})`);
      }
    };
    await step(true, false, 'the red icon in the open menu');
    await ui.picture.setIcon(BLUE_PNG);
    await step(false, true, 'the icon turned blue by setIcon while the menu is open');
    await ui.picture.setIcon(null);
    await step(false, false, 'no icon after setIcon(null)');
    await closeMenus();
    return 'red, blue, none';
  });

  await scenario('accelerator_pressed', async () => {
    const t = performance.now();
    const menus = await pressAndLook(['ctrl+shift+k']);
    await picked('open', t, 'Ctrl+Shift+K to pick Open (its CmdOrCtrl+Shift+K)');
    expect(menus.length === 0, 'no menu opened by an accelerator, X shows ' + JSON.stringify(menus));
    return 'open';
  });

  await scenario('accelerator_only_in_its_window', async () => {
    // The same keys in plain (no menu there yet) do not reach main's menu.
    const t = performance.now();
    await press(['ctrl+shift+k'], TITLES.plain);
    await notPicked('open', t, 'Ctrl+Shift+K pressed in another window');
    return 'not in plain';
  });

  await scenario('disabled_item_does_not_fire', async () => {
    expect((await ui.never.isEnabled()) === false, 'Never created disabled');
    const t = performance.now();
    await press(['ctrl+shift+u']);
    await notPicked('never', t, 'the accelerator of an item created disabled');
    // Disabled after the menu was shown: neither its accelerator nor its mnemonic picks it.
    await ui.later.setEnabled(false);
    expect((await ui.later.isEnabled()) === false, 'isEnabled false after setEnabled(false)');
    await press(['ctrl+shift+j']);
    await press(['alt+f', 'l']);
    await closeMenus();
    await notPicked('later', t, 'Later disabled');
    await ui.later.setEnabled(true);
    const t2 = performance.now();
    await press(['ctrl+shift+j']);
    await picked('later', t2, 'Ctrl+Shift+J once Later is enabled again');
    return 'never and disabled later: no action; enabled again: picked';
  });

  await scenario('text_changed_after_shown', async () => {
    // The new texts' mnemonics reach the menu bar: Alt+R opens the renamed File menu, L picks the
    // renamed Open in it.
    await ui.open.setText('&Begin');
    await ui.file.setText('&Records');
    const texts = [await ui.open.text(), await ui.file.text()];
    expect(texts[0] === '&Begin' && texts[1] === '&Records', 'the new texts, got ' + texts);
    const t = performance.now();
    const menus = await pressAndLook(['alt+r']);
    expect(menus.length === 1, 'Alt+R to open the menu renamed &Records, X shows ' + JSON.stringify(menus));
    await press(['b']);
    await picked('open', t, 'B in Records to pick the item renamed &Begin');
    return texts.join(', ');
  });

  await scenario('accelerator_changed_after_shown', async () => {
    await ui.open.setAccelerator('Ctrl+Shift+L');
    const t = performance.now();
    await press(['ctrl+shift+k']);
    await notPicked('open', t, 'the old accelerator Ctrl+Shift+K');
    await press(['ctrl+shift+l']);
    await picked('open', t, 'the new accelerator Ctrl+Shift+L');
    return 'Ctrl+Shift+L';
  });

  await scenario('items_changed_after_shown', async () => {
    ui.added = await MenuItem.new({ id: 'added', text: '&Added', accelerator: 'Ctrl+Shift+Y', action: record });
    await ui.file.append(ui.added);
    const t = performance.now();
    await press(['ctrl+shift+y']);
    await picked('added', t, 'the accelerator of an item appended after the menu was shown');
    const t2 = performance.now();
    await press(['alt+r', 'a']);
    await picked('added', t2, 'Alt+R, A to pick the appended item');
    const removed = await ui.file.remove(ui.later);
    const t3 = performance.now();
    await press(['ctrl+shift+j']);
    await notPicked('later', t3, 'the accelerator of a removed item');
    // The page closing its handle (Resource.close) does not take the item out of the menu, and
    // its picks still reach the page, as in Tauri (the menu holds the item, not the handle).
    await ui.added.close();
    expect((await ui.file.items()).some((i) => i.id === 'added'), 'Added still in File after its close()');
    const t4 = performance.now();
    await press(['ctrl+shift+y']);
    await picked('added', t4, 'the accelerator of an item whose handle the page closed');
    return `appended, removed (${removed === undefined ? 'void' : typeof removed})`;
  });

  await scenario('predefined_select_all', async () => {
    window.getSelection().removeAllRanges();
    const t = performance.now();
    // Alt+E opens Edit, A picks "Select &All" (the predefined item's text, as Tauri's).
    const menus = await pressAndLook(['alt+e']);
    await press(['a']);
    try {
      await until(async () => window.getSelection().toString().includes(PAGE_TEXT), 'the selection', 3000);
    } catch (e) {
      throw new Error(`expected Edit > Select All to select the page's text; menus open: ${JSON.stringify(menus)},` +
        ` actions: ${fired.filter((f) => f.at > t).map((f) => f.id)}, selection: '${window.getSelection()}'`);
    }
    return 'selected';
  });

  await scenario('predefined_copy', async () => {
    // The page's text, selected by Select All, copied by Edit > Copy into the X clipboard.
    expect(window.getSelection().toString().includes(PAGE_TEXT), 'the page\'s text still selected');
    await press(['alt+e', 'c']);
    let clip = null;
    try {
      await until(async () => ((clip = (await x('/clipboard')).text) || '').includes(PAGE_TEXT), 'the clipboard', 3000);
    } catch (e) {
      throw new Error(`expected Edit > Copy to put '${PAGE_TEXT}' in the clipboard, it holds ${JSON.stringify(clip)}`);
    }
    window.getSelection().removeAllRanges();
    return 'copied';
  });

  await scenario('disabled_submenu_does_not_open', async () => {
    await ui.edit.setEnabled(false);
    expect((await ui.edit.isEnabled()) === false, 'Edit disabled');
    const closed = await pressAndLook(['alt+e']);
    await closeMenus();
    await ui.edit.setEnabled(true);
    const open = await pressAndLook(['alt+e']);
    await closeMenus();
    expect(closed.length === 0, 'no menu after Alt+E with Edit disabled, X shows ' + JSON.stringify(closed));
    expect(open.length === 1, 'Edit open after Alt+E once enabled again, X shows ' + JSON.stringify(open));
    return 'closed while disabled, opens again';
  });
}

// ---------------------------------------------------------------------------------------------
// main: context menus.

async function contextMenuBuilt() {
  await scenario('context_menu_built', async () => {
    ui.context = await Menu.new({
      id: 'context',
      items: [{ id: 'ctx-alpha', text: 'Alpha', action: record }, { id: 'ctx-beta', text: 'Beta', action: record },
              { id: 'ctx-gamma', text: 'Gamma', action: record }],
    });
    return (await ui.context.items()).map((i) => i.id).join(', ');
  });
}

async function contextMenuScenarios() {
  await scenario('context_menu_at_position', async () => {
    expect(ui.context, 'the context menu made by context_menu_built');
    const w = await x('/window', { title: TITLES.main });
    await ui.context.popup(new LogicalPosition(150, 100));
    const [m] = await until(async () => { const open = await openMenus(); return open.length ? open : null; },
      'the context menu on screen');
    expect(near(m.x, w.x + 150, 4) && near(m.y, w.y + 100, 4),
      `the menu at (150, 100) of the window's client area ${[w.x, w.y]}, X shows it at ${[m.x, m.y]}`);
    // The middle of the menu is its middle item.
    const t = performance.now();
    await x('/click', { x: m.x + Math.round(m.width / 2), y: m.y + Math.round(m.height / 2) });
    await picked('ctx-beta', t, 'a click on Beta, the middle item');
    await until(async () => (await openMenus()).length === 0, 'the menu to close after the pick', 2000);
    return `at ${m.x - w.x},${m.y - w.y}`;
  });

  await scenario('context_menu_disabled_item_clicked', async () => {
    const beta = await ui.context.get('ctx-beta');
    await beta.setEnabled(false);
    const w = await x('/window', { title: TITLES.main });
    await ui.context.popup(new LogicalPosition(150, 100));
    const [m] = await until(async () => { const open = await openMenus(); return open.length ? open : null; },
      'the context menu on screen');
    const t = performance.now();
    await x('/click', { x: m.x + Math.round(m.width / 2), y: m.y + Math.round(m.height / 2) });
    await notPicked('ctx-beta', t, 'a click on the disabled Beta');
    const still = await openMenus();
    await closeMenus();
    await beta.setEnabled(true);
    return `no action; menu ${still.length ? 'still open' : 'closed'} at ${m.x - w.x},${m.y - w.y}`;
  });

  await scenario('context_menu_at_pointer', async () => {
    expect(ui.context, 'the context menu made by context_menu_built');
    const { pointer } = await x('/pointer', { title: TITLES.main, x: 300, y: 250 });
    await ui.context.popup();
    const [m] = await until(async () => { const open = await openMenus(); return open.length ? open : null; },
      'the context menu on screen');
    expect(near(m.x, pointer[0], 4) && near(m.y, pointer[1], 4),
      `the menu at the pointer ${pointer}, X shows it at ${[m.x, m.y]}`);
    const t = performance.now();
    await press(['Down', 'Return']);
    await picked('ctx-alpha', t, 'Down, Return to pick Alpha');
    return `at the pointer ${pointer}`;
  });

  await scenario('context_menu_on_other_window', async () => {
    // popup(at, window): at is taken in that window's client area.
    const w = await x('/window', { title: TITLES.second });
    await ui.context.popup(new LogicalPosition(30, 40), { label: 'second' });
    const [m] = await until(async () => { const open = await openMenus(); return open.length ? open : null; },
      'the context menu on screen');
    expect(near(m.x, w.x + 30, 4) && near(m.y, w.y + 40, 4),
      `the menu at (30, 40) of second's client area ${[w.x, w.y]}, X shows it at ${[m.x, m.y]}`);
    // Dismissed with Escape: none of its items fires.
    const t = performance.now();
    await closeMenus();
    for (const id of ['ctx-alpha', 'ctx-beta', 'ctx-gamma']) await notPicked(id, t, 'the menu dismissed', 200);
    return `at ${m.x - w.x},${m.y - w.y} of second`;
  });

  await scenario('submenu_popup', async () => {
    // A Submenu shown as a context menu while it is also in the bar: its first item is Open.
    await x('/pointer', { title: TITLES.main, x: 200, y: 150 });
    await ui.file.popup();
    await until(async () => (await openMenus()).length > 0, 'File as a context menu');
    const t = performance.now();
    await press(['Down', 'Return']);
    await picked('open', t, 'Down, Return in the File context menu to pick Open');
    return 'open';
  });

  await scenario('check_item_shared_with_context_menu', async () => {
    // Wrap sits in File and in this context menu: a pick in either toggles the one item, and
    // the other menu shows the new state (its next pick toggles back).
    expect((await ui.wrap.isChecked()) === false, 'Wrap unchecked before');
    const shared = await Menu.new({ items: [ui.wrap] });
    await x('/pointer', { title: TITLES.main, x: 250, y: 200 });
    await shared.popup();
    await until(async () => (await openMenus()).length > 0, 'the shared context menu');
    const t = performance.now();
    await press(['Down', 'Return']);
    await picked('wrap', t, 'Wrap picked in the context menu');
    const inContext = await ui.wrap.isChecked();
    const t2 = performance.now();
    await press(['F10', 'Down', 'Down', 'Return']);
    await picked('wrap', t2, 'Wrap picked in the window menu');
    const inBar = await ui.wrap.isChecked();
    expect(inContext === true && inBar === false,
      `checked by the context menu, unchecked by the bar, got ${inContext}, ${inBar}`);
    return 'checked, unchecked';
  });
}

// ---------------------------------------------------------------------------------------------
// main: what second did with main's ids, the app menu, the default set.

const secondState = { ready: false, done: false };
let reloaderReady = false;

async function sendIdsToSecond() {
  await until(async () => secondState.ready, 'second\'s page ready', 8000);
  // An item a failed scenario did not make goes as null: second's scenarios on it fail.
  const id = (item) => (item ? [item.rid, item.kind] : null);
  await emit('main-ids', { open: id(ui.open), wrap: id(ui.wrap), file: id(ui.file), menu: id(ui.menu),
                           context: id(ui.context) });
  for (const name of ['open', 'wrap', 'file', 'menu', 'context']) expect(ui[name], `main's ${name} to send`);
}

async function afterSecondScenarios() {
  await scenario('main_menu_intact_after_second', async () => {
    await until(async () => secondState.done, 'second\'s report', 10000);
    const text = await ui.open.text();
    expect(text === '&Begin', 'Open keeping its text, got ' + text);
    expect((await ui.open.isEnabled()) === true, 'Open still enabled');
    expect((await ui.wrap.isChecked()) === false, 'Wrap still unchecked');
    expect((await ui.file.items()).some((i) => i.id === 'open'), 'Open still in File');
    const t = performance.now();
    await press(['ctrl+shift+l']);
    await picked('open', t, 'Open still picked by its accelerator');
    // second made an item with the id 'open' too: main's pick reached main (above), and second
    // reports whether it heard anything (same_id_item_not_picked).
    await emit('main-picked-open', true);
    return 'unchanged';
  });
}

async function appMenuScenarios() {
  await scenario('app_menu_on_windows_without_menu', async () => {
    const appMenu = await Menu.new({
      id: 'app-menu', items: [{ text: '&App', items: [{ id: 'app-hello', text: '&Hello', action: record }] }],
    });
    const previous = await appMenu.setAsAppMenu();
    expect(previous === null, 'no earlier app menu, got ' + JSON.stringify(previous));
    ui.appMenu = appMenu;
    // plain has no menu of its own (and no menu permission): it shows the app menu, whose item
    // reaches main, the page that made it.
    const t = performance.now();
    await press(['F10', 'Down', 'Return'], TITLES.plain);
    await picked('app-hello', t, 'F10, Down, Return in plain to pick the app menu\'s Hello');
    // main keeps its own window menu.
    const t2 = performance.now();
    await press(['alt+r', 'b']);
    await picked('open', t2, 'main\'s own menu still in its window');
    return 'plain shows it; main keeps its own';
  });

  await scenario('app_menu_on_window_made_later', async () => {
    // A window opened after setAsAppMenu shows the app menu too.
    const late = new WebviewWindow('late', { url: 'index.html', title: TITLES.late, width: 320, height: 160,
                                             x: 700, y: 600 });
    const created = await new Promise((resolve) => {
      late.once('tauri://created', () => resolve(true));
      late.once('tauri://error', (e) => resolve(e.payload));
    });
    expect(created === true, 'the window "late" opened, got ' + JSON.stringify(created));
    await until(async () => (await x('/window', { title: TITLES.late })).found, 'the window "late" on screen');
    const t = performance.now();
    await press(['F10', 'Down', 'Return'], TITLES.late);
    await picked('app-hello', t, 'F10, Down, Return in the new window to pick the app menu\'s Hello');
    return 'late shows it';
  });
}

async function replacedMenuScenarios() {
  await scenario('window_menu_replaced', async () => {
    ui.fresh = await Menu.new({
      id: 'replacement',
      items: [{ text: '&Go', items: [{ id: 'fresh', text: '&Fresh', accelerator: 'Ctrl+Shift+F', action: record }] }],
    });
    const previous = await ui.fresh.setAsWindowMenu();
    expect(previous !== null && previous.id === 'window-menu', 'the window menu answered as the previous one, got ' +
      (previous && previous.id));
    // The old menu's accelerators and mnemonics went with it.
    const t = performance.now();
    await press(['ctrl+shift+l']);
    const records = await pressAndLook(['alt+r']);
    await closeMenus();
    await notPicked('open', t, 'the accelerator of the replaced menu');
    expect(records.length === 0, 'no Records menu after the replacement, X shows ' + JSON.stringify(records));
    await press(['ctrl+shift+f']);
    await picked('fresh', t, 'the new menu\'s accelerator');
    const t2 = performance.now();
    await press(['F10', 'Down', 'Return']);
    await picked('fresh', t2, 'F10, Down, Return to pick the new menu\'s Fresh');
    return 'old keys gone, new ones work';
  });

  await scenario('one_menu_in_two_windows', async () => {
    expect(ui.fresh, 'the menu made by window_menu_replaced');
    const previous = await ui.fresh.setAsWindowMenu({ label: 'plain' });
    expect(previous !== null && previous.id === 'app-menu', 'plain\'s app menu answered as the previous one');
    const t = performance.now();
    await press(['ctrl+shift+f'], TITLES.plain);
    await picked('fresh', t, 'Fresh by its accelerator in plain');
    const t2 = performance.now();
    await press(['F10', 'Down', 'Return'], TITLES.plain);
    await picked('fresh', t2, 'Fresh picked in plain\'s bar');
    const t3 = performance.now();
    await press(['ctrl+shift+f']);
    await picked('fresh', t3, 'Fresh by its accelerator in main still');
    return 'main and plain';
  });
}

// Every command of core:menu:default answers main (none refused by the ACL), in the order the
// package's menu module lists them.
async function defaultSetScenario() {
  await scenario('default_set_allows_every_command', async () => {
    const done = [];
    const failed = [];
    const call = async (command, body) => {
      try {
        await body();
        done.push(command);
      } catch (e) {
        failed.push(`${command}: ${message(e)}`);
      }
    };
    let menu, sub, item, check, icon;
    await call('new', async () => {
      menu = await Menu.new({ items: [{ id: 'scratch-a', text: 'Scratch A' }] });
      sub = await Submenu.new({ text: 'Scratch', items: [] });
      item = await MenuItem.new({ id: 'scratch-b', text: 'Scratch B' });
      check = await CheckMenuItem.new({ id: 'scratch-c', text: 'Scratch C', checked: true });
      icon = await IconMenuItem.new({ id: 'scratch-d', text: 'Scratch D', icon: 'icons/red.png' });
    });
    await call('append', () => menu.append(item));
    await call('prepend', () => menu.prepend(sub));
    await call('insert', () => menu.insert(check, 1));
    await call('remove', () => menu.remove(check));
    await call('remove_at', async () =>
      expect((await menu.removeAt(0)).id === sub.id, 'removeAt(0) answering Scratch'));
    await call('items', async () => expect((await menu.items()).length === 2, 'two items left'));
    await call('get', async () => expect((await menu.get('scratch-b')).id === 'scratch-b', 'get(scratch-b)'));
    await call('popup', async () => {
      await menu.popup(new LogicalPosition(20, 20));
      await until(async () => (await openMenus()).length > 0, 'the scratch menu on screen');
      await closeMenus();
    });
    await call('create_default', async () => expect((await (await Menu.default()).items()).length > 0, 'items'));
    await call('set_as_app_menu', async () => {
      const previous = await ui.appMenu.setAsAppMenu();
      expect(previous !== null && previous.id === 'app-menu', 'the app menu answered as the previous one');
    });
    await call('set_as_window_menu', async () => {
      // second showed the app menu: it is the previous one.
      const previous = await menu.setAsWindowMenu({ label: 'second' });
      expect(previous !== null && previous.id === 'app-menu', 'the app menu answered as second\'s previous menu, got ' +
        (previous && previous.id));
    });
    await call('text', async () => expect((await item.text()) === 'Scratch B', 'text()'));
    await call('set_text', () => item.setText('Scratch B2'));
    await call('is_enabled', async () => expect((await item.isEnabled()) === true, 'isEnabled()'));
    await call('set_enabled', () => item.setEnabled(false));
    await call('set_accelerator', () => item.setAccelerator('Ctrl+Shift+F12'));
    await call('set_as_windows_menu_for_nsapp', () => sub.setAsWindowsMenuForNSApp());
    await call('set_as_help_menu_for_nsapp', () => sub.setAsHelpMenuForNSApp());
    await call('is_checked', async () => expect((await check.isChecked()) === true, 'isChecked()'));
    await call('set_checked', () => check.setChecked(false));
    await call('set_icon', () => icon.setIcon(null));
    expect(failed.length === 0, 'every command answered, refused: ' + failed.join('; '));
    expect(done.length === 22, '22 commands, called ' + done.length);
    return done.length + ' commands';
  });
}

// ---------------------------------------------------------------------------------------------
// second: main's ids, from another window's page.

async function secondPage() {
  // main may not listen yet when this page starts: say ready until its ids come.
  let ids = null;
  await listen('main-ids', (e) => { ids = e.payload; });
  for (let i = 0; i < 80 && !ids; i++) {
    await emit('second-ready', true);
    await sleep(250);
  }
  if (!ids) throw new Error('main never sent its ids (event main-ids)');
  results.metadata = { ok: true, detail: label };

  // ARGS(rid, kind) makes the call's arguments from main's item WHICH (a failed scenario of main
  // sent null for an item it did not make: the scenario fails on it).
  const notFound = (name, command, which, args) => scenario(name, async () => {
    expect(ids[which], `main's ${which} among its ids`);
    const e = await rejects(invoke('plugin:menu|' + command, args(...ids[which])));
    expect(isNotFound(e), `'not found' for main's item, got: ${message(e)}`);
    return message(e);
  });
  await notFound('main_item_text_not_found', 'text', 'open', (rid, kind) => ({ rid, kind }));
  await notFound('main_item_set_text_not_found', 'set_text', 'open', (rid, kind) => ({ rid, kind, text: 'hijacked' }));
  await notFound('main_item_set_enabled_not_found', 'set_enabled', 'open',
    (rid, kind) => ({ rid, kind, enabled: false }));
  await notFound('main_item_set_accelerator_not_found', 'set_accelerator', 'open',
    (rid, kind) => ({ rid, kind, accelerator: 'Ctrl+Shift+H' }));
  await notFound('main_check_is_checked_not_found', 'is_checked', 'wrap', (rid, kind) => ({ rid, kind }));
  await notFound('main_check_set_checked_not_found', 'set_checked', 'wrap',
    (rid, kind) => ({ rid, kind, checked: true }));
  await notFound('main_menu_items_not_found', 'items', 'menu', (rid, kind) => ({ rid, kind }));
  await notFound('main_submenu_remove_not_found', 'remove', 'file', (rid, kind) => ({ rid, kind, item: ids.open }));
  await notFound('main_context_popup_not_found', 'popup', 'context',
    (rid, kind) => ({ rid, kind, window: 'main', at: null }));

  await scenario('main_item_answered_as_unknown_id', async () => {
    // main's item and an id no page has get the same answer (but for the number): another page
    // cannot tell that main's id exists.
    expect(ids.open, 'main\'s open among its ids');
    const unknown = 4000000;
    const theirs = message(await rejects(invoke('plugin:menu|text', { rid: ids.open[0], kind: ids.open[1] })));
    const none = message(await rejects(invoke('plugin:menu|text', { rid: unknown, kind: ids.open[1] })));
    expect(theirs.replace(String(ids.open[0]), 'N') === none.replace(String(unknown), 'N'),
      `the same answer, got '${theirs}' and '${none}'`);
    return none;
  });

  let own = null;
  await scenario('own_menu_built', async () => {
    own = await Menu.new({ id: 'second-menu', items: [{ id: 'second-item', text: 'Second item' }] });
    return `rid ${own.rid}`;
  });
  await scenario('main_item_in_own_menu_not_found', async () => {
    // main's Open, named by its [rid, kind], cannot be put into second's own menu.
    expect(ids.open, 'main\'s open among its ids');
    const e = await rejects(invoke('plugin:menu|append', { rid: own.rid, kind: 'Menu', items: [ids.open] }));
    expect(isNotFound(e), `'not found' for main's item, got: ${message(e)}`);
    const after = (await own.items()).map((i) => i.id);
    expect(JSON.stringify(after) === '["second-item"]', 'second\'s menu unchanged, got ' + after);
    return message(e);
  });
  await scenario('main_item_close_not_found', async () => {
    expect(ids.open, 'main\'s open among its ids');
    const e = await rejects(invoke('plugin:resources|close', { rid: ids.open[0] }));
    expect(isNotFound(e), `'not found' closing main's item, got: ${message(e)}`);
    return message(e);
  });
  await scenario('set_window_menu_denied', async () => {
    // second's capability has no core:menu:allow-set-as-window-menu: neither main's window nor its own.
    const onMain = await rejects(own.setAsWindowMenu({ label: 'main' }));
    const onOwn = await rejects(own.setAsWindowMenu());
    expect(isDenied(onMain) && isDenied(onOwn), `ACL refusals, got: ${message(onMain)} / ${message(onOwn)}`);
    return message(onMain);
  });
  // An item of second's with main's item id: main's picks of its own 'open' must not reach it
  // (Tauri keys the pages' handlers by item id alone, so the last page to use an id hears it).
  const heard = [];
  let mainPicked = false;
  await listen('main-picked-open', () => { mainPicked = true; });
  let sameId = null;
  await scenario('same_id_item_made', async () => {
    sameId = await MenuItem.new({ id: 'open', text: 'Second open', action: (id) => heard.push(id) });
    await own.append(sameId);
    return sameId.id;
  });
  await emit('second-done', true);
  // main picks its open late in its run: waited for outside the scenario's 20 s guard.
  await until(async () => mainPicked, 'main picking its own open', 60000).catch(() => {});
  await sleep(600);
  await scenario('same_id_item_not_picked', async () => {
    expect(sameId, 'the item made by same_id_item_made');
    expect(mainPicked, 'main to pick its own open (event main-picked-open)');
    expect(heard.length === 0, 'nothing heard by second\'s item, got ' + heard);
    return 'nothing heard';
  });
}

// ---------------------------------------------------------------------------------------------
// reloader: a page that set a window menu and reloaded; the new page's view of it.

// The first page sets a window menu and loads the page again with the menu's id in the query.
async function reloaderFirstPage() {
  const menu = await Menu.new({
    id: 'reloader-old', items: [{ text: '&Old', items: [{ id: 'old-item', text: '&Stale', action: record }] }],
  });
  await menu.setAsWindowMenu();
  location.replace('index.html?old=' + menu.rid);
}

async function reloaderPage() {
  results.metadata = { ok: true, detail: label };
  const oldRid = Number(new URLSearchParams(location.search).get('old'));
  await scenario('old_page_menu_not_found', async () => {
    // The earlier page's resources went with it: its menu id means nothing to this page.
    const e = await rejects(invoke('plugin:menu|items', { rid: oldRid, kind: 'Menu' }));
    expect(isNotFound(e), `'not found' for the earlier page's menu ${oldRid}, got: ${message(e)}`);
    return message(e);
  });
  let fresh = null;
  await scenario('new_page_menu_set', async () => {
    fresh = await Menu.new({
      id: 'reloader-new', items: [{ text: '&New', items: [{ id: 'new-item', text: '&Fresh', action: record }] }],
    });
    // The window showed the earlier page's menu; only the page that set a menu gets it back as
    // the previous one (docs/menus.md, stricter than Tauri), and this is another page.
    const previous = await fresh.setAsWindowMenu();
    expect(previous === null, 'no handle on the earlier page\'s menu, got ' + (previous && previous.id));
    return 'previous: null';
  });
  // main presses F10, Down, Return here near the end of its run (one page drives the input).
  let pressed = false;
  await listen('reloader-pressed', () => { pressed = true; });
  for (let i = 0; i < 240 && !pressed; i++) {
    await emit('reloader-ready', true);
    await sleep(250);
  }
  await sleep(300);
  await scenario('new_page_menu_picked', async () => {
    expect(pressed, 'main to press the keys here (event reloader-pressed)');
    expect(fired.some((f) => f.id === 'new-item'),
      'the pick of Fresh to reach this page, got ' + fired.map((f) => f.id));
    return 'new-item';
  });
}

// ---------------------------------------------------------------------------------------------
// plain: no menu permission.

async function plainPage() {
  results.metadata = { ok: true, detail: label };
  const denied = (name, make) => scenario(name, async () => {
    const e = await rejects(make());
    expect(isDenied(e), 'an ACL refusal, got: ' + message(e));
    return message(e);
  });
  await denied('menu_new_denied', () => Menu.new({ items: [{ id: 'x', text: 'X' }] }));
  await denied('menu_item_new_denied', () => MenuItem.new({ id: 'y', text: 'Y' }));
  await denied('create_default_denied', () => Menu.default());
  await denied('text_denied', () => invoke('plugin:menu|text', { rid: 1, kind: 'MenuItem' }));
}

// ---------------------------------------------------------------------------------------------

async function mainPage() {
  results.metadata = { ok: true, detail: label };
  await listen('second-ready', () => { secondState.ready = true; });
  await listen('second-done', () => { secondState.done = true; });
  await listen('reloader-ready', () => { reloaderReady = true; });
  await windowMenuSet();
  await contextMenuBuilt();
  // second tries main's ids while main goes on (its calls must not show or change anything).
  await scenario('ids_sent_to_second', async () => {
    await sendIdsToSecond();
    return 'sent';
  });
  await windowMenuScenarios();
  await contextMenuScenarios();
  await afterSecondScenarios();
  await appMenuScenarios();
  await defaultSetScenario();
  await replacedMenuScenarios();
  await scenario('reloaded_page_menu_picked', async () => {
    await until(async () => reloaderReady, 'the reloaded page of reloader ready', 15000);
    await press(['F10', 'Down', 'Return'], TITLES.reloader);
    await emit('reloader-pressed', true);
    return 'pressed';
  });
  await closeMenus();
}

async function sendReport() {
  const response = await fetch(DRIVER + '/report?' + new URLSearchParams({ window: label }),
    { method: 'POST', body: JSON.stringify(results) });
  if (!response.ok) throw new Error('menu-driver /report: ' + response.status);
  document.title = 'DONE ' + JSON.stringify({ report: { ok: true, detail: Object.keys(results).length + ' keys' } });
}

function runPage(body) {
  body().then(sendReport).catch((e) => {
    results.runner = { ok: false, detail: message(e) };
    sendReport().catch(() => { document.title = 'DONE ' + JSON.stringify({ runner: results.runner }); });
  });
}

const text = document.createElement('p');
text.textContent = PAGE_TEXT;
document.body.appendChild(text);
if (label === 'main') runPage(mainPage);
else if (label === 'second') runPage(secondPage);
else if (label === 'plain') runPage(plainPage);
else if (label === 'reloader' && !location.search) reloaderFirstPage().catch((e) => {
  results.runner = { ok: false, detail: 'the first page: ' + message(e) };
  sendReport();
});
else if (label === 'reloader') runPage(reloaderPage);
// The window main opens late (app_menu_on_window_made_later) only shows the app menu.
else document.title = 'DONE {}';
