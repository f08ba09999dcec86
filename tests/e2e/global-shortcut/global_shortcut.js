// The global-shortcut e2e (tests/e2e/global-shortcut): @tauri-apps/plugin-global-shortcut 2.4.0
// through the pinned package, in the real WebView under openbox. shortcut_driver.py gives the
// focus to another X client (xev) and presses keys with xdotool, so a shortcut counts only when
// the X server hands the key to Warden's grab, not to the focused window.
//
// Pages (warden.conf.json): main registers, hears, unregisters and meets another client's grab;
// other (same permissions) must neither see nor end main's shortcut; plain lacks register;
// leaver registers and loads another page, which must release its grab. With WAYLAND (the second
// run, under a headless weston), main only checks the refusal.
import { Channel, invoke } from '@tauri-apps/api/core';
import { emit, listen } from '@tauri-apps/api/event';
import { isRegistered, register, unregister, unregisterAll } from '@tauri-apps/plugin-global-shortcut';
import { expect, rejects, report, results, scenario as runScenario } from '../prelude/scenario.js';

const DRIVER = document.querySelector('meta[name="x-driver"]').content;
const label = window.__TAURI_INTERNALS__.metadata.currentWebview.label;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const message = (e) => String(e && e.message ? e.message : e);

// Every scenario ends: a call or event that never comes fails it after 20 s.
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
  if (!response.ok) throw new Error('shortcut-driver ' + path + ': ' + body.error);
  return body;
}

async function until(cond, what, ms = 5000) {
  const t0 = performance.now();
  for (;;) {
    const v = await cond();
    if (v) return v;
    if (performance.now() - t0 > ms) throw new Error('timed out waiting for ' + what);
    await sleep(50);
  }
}

// A promise for the first event NAME (from another page).
function once(name) {
  return new Promise((resolve) => {
    const stop = listen(name, (e) => {
      stop.then((f) => f());
      resolve(e.payload);
    });
  });
}

// Presses KEYS while xev has the focus; answers the name of the window that had it.
async function pressElsewhere(keys) {
  await driver('/focus-other');
  const pressed = await driver('/keys', { keys });
  expect(pressed.active === 'Event Tester', 'another client (xev) to have the focus, not ' + pressed.active);
  return pressed.active;
}

async function main() {
  const events = [];
  const otherDone = once('other-done');

  await scenario('pressed_and_released_while_another_client_has_focus', async () => {
    await register('CommandOrControl+Shift+U', (e) => events.push(e));
    await pressElsewhere('ctrl+shift+u');
    await until(() => events.some((e) => e.state === 'Released'), 'Pressed and Released');
    const [p, r] = events;
    expect(p.state === 'Pressed' && r.state === 'Released', 'Pressed then Released, got ' + JSON.stringify(events));
    expect(p.shortcut === 'shift+control+KeyU', "shortcut 'shift+control+KeyU', got " + p.shortcut);
    expect(typeof p.id === 'number' && p.id === r.id, 'one numeric id, got ' + JSON.stringify(events));
    return p.shortcut;
  });

  await scenario('is_registered_any_spelling', async () => {
    for (const s of ['Ctrl+Shift+U', 'control+shift+KeyU', ' shift + CmdOrCtrl + u '])
      expect((await isRegistered(s)) === true, s + ' registered');
    expect((await isRegistered('Ctrl+Shift+I')) === false, 'Ctrl+Shift+I not registered');
  });

  // other's turn: it must not see, end or take main's shortcut (its own report says how it went).
  // Told until other answers (its page may start listening after main got here).
  let other = null;
  otherDone.then((v) => (other = v));
  for (let i = 0; i < 150 && other === null; i++) {
    await emit('main-registered');
    await sleep(200);
  }

  await scenario('other_page_left_it_working', async () => {
    expect(other === 'done', 'other to have finished, got ' + JSON.stringify(other));
    expect(await isRegistered('Ctrl+Shift+U'), 'still registered after other tried to unregister it');
    events.length = 0;
    await pressElsewhere('ctrl+shift+u');
    await until(() => events.some((e) => e.state === 'Released'), 'the press after other tried');
  });

  await scenario('unregistered_press_no_longer_arrives', async () => {
    await unregister('CmdOrCtrl+Shift+U');
    expect((await isRegistered('Ctrl+Shift+U')) === false, 'no longer registered');
    events.length = 0;
    await pressElsewhere('ctrl+shift+u');
    await sleep(1500);
    expect(events.length === 0, 'no event after unregister, got ' + JSON.stringify(events));
  });

  await scenario('invalid_shortcuts_refused', async () => {
    const unknown = message(await rejects(register('Ctrl+Shift+NoSuchKey', () => {})));
    expect(unknown.includes('NoSuchKey'), 'an error naming the key, got ' + unknown);
    const order = message(await rejects(register('Shift+U+Ctrl', () => {})));
    expect(order.includes('last'), 'an error about the order, got ' + order);
    const empty = message(await rejects(register('Ctrl++U', () => {})));
    expect(empty.includes('empty'), 'an error about the empty token, got ' + empty);
    // A bare typing key (or with Shift) would be taken from every application: refused.
    for (const s of ['A', 'Shift+A', 'Space']) {
      const typing = message(await rejects(register(s, () => {})));
      expect(typing.includes('typing key'), s + ': refused as a typing key, got ' + typing);
    }
    return unknown.slice(0, 50);
  });

  await scenario('grabbed_by_another_client_refused', async () => {
    await driver('/grab', { keysym: 'F9', mask: '4' });  // 4: ControlMask
    try {
      const e = message(await rejects(register('Ctrl+F9', () => {})));
      expect(e.includes('another application'), 'an error naming the other grab, got ' + e);
      expect((await isRegistered('Ctrl+F9')) === false, 'not registered after the refusal');
    } finally {
      await driver('/ungrab');
    }
    await register('Ctrl+F9', () => {});  // free again: taken now
    expect(await isRegistered('Ctrl+F9'), 'registered once the other client let go');
  });

  await scenario('register_twice_refused', async () => {
    const e = message(await rejects(register('Control+F9', () => {})));
    expect(e.includes('already registered'), 'already registered, got ' + e);
  });

  await scenario('unregister_all', async () => {
    await register(['Alt+Shift+1', 'Alt+Shift+2'], () => {});
    await unregisterAll();
    for (const s of ['Alt+Shift+1', 'Alt+Shift+2', 'Ctrl+F9']) expect(!(await isRegistered(s)), s + ' gone');
  });

  // What @tauri-apps/plugin-global-shortcut 2.0's registerAll sent: the list and a Channel.
  await scenario('register_all_of_older_packages', async () => {
    await invoke('plugin:global-shortcut|register_all', { shortcuts: ['Alt+Shift+3', 'Alt+Shift+4'], handler: new Channel() });
    for (const s of ['Alt+Shift+3', 'Alt+Shift+4']) expect(await isRegistered(s), s + ' registered');
    await unregisterAll();
    for (const s of ['Alt+Shift+3', 'Alt+Shift+4']) expect(!(await isRegistered(s)), s + ' gone');
  });

  await scenario('too_many_refused', async () => {
    const keys = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'];
    const first = keys.map((k) => 'Ctrl+Alt+Shift+' + k).concat(keys.slice(0, 24).map((k) => 'Ctrl+Alt+Super+' + k));
    await register(first, () => {});  // 60: allowed
    const e = message(await rejects(register(keys.slice(24, 29).map((k) => 'Ctrl+Alt+Super+' + k), () => {})));
    expect(e.includes('at most 64'), 'the page limit, got ' + e);
    expect(!(await isRegistered('Ctrl+Alt+Super+' + keys[24])), 'none of the refused call registered');
    const many = message(await rejects(register(keys.map((k) => 'Super+Shift+' + k).concat(first), () => {})));
    expect(many.includes('more than 64'), 'one call naming too many refused, got ' + many);
    await unregisterAll();
    expect(!(await isRegistered('Ctrl+Alt+Shift+A')), 'unregisterAll released them');
  });

  await scenario('leaver_page_gone_released_its_shortcut', async () => {
    // Asked until leaver's second page answers (it may load before or after this point).
    const answer = once('leaver-reloaded');
    let answered = null;
    answer.then((v) => (answered = v));
    for (let i = 0; i < 100 && answered === null; i++) {
      await emit('leaver-check');
      await sleep(150);
    }
    expect(answered === 'reloaded', 'leaver to have loaded its second page');
    await register('Ctrl+Alt+L', (e) => events.push(e));  // refused if leaver's first page still held it
    events.length = 0;
    await pressElsewhere('ctrl+alt+l');
    await until(() => events.some((e) => e.state === 'Released'), 'the press reaching main');
    await unregisterAll();
  });
}

async function other() {
  await once('main-registered');
  await scenario('main_shortcut_invisible', async () => {
    expect((await isRegistered('Ctrl+Shift+U')) === false, "main's shortcut to be invisible here");
  });
  await scenario('main_shortcut_not_unregistered', async () => {
    await unregister('Ctrl+Shift+U');  // nothing of this page's: nothing happens
    await unregisterAll();
  });
  await scenario('main_shortcut_not_taken', async () => {
    const e = message(await rejects(register('Ctrl+Shift+U', () => {})));
    expect(e.includes('already registered'), 'refused, got ' + e);
  });
  await emit('other-done', 'done');
}

async function plain() {
  await scenario('register_refused', async () => {
    const e = message(await rejects(register('Ctrl+Alt+P', () => {})));
    expect(/not allowed|denied|permission/i.test(e), 'an ACL refusal, got ' + e);
    return e.slice(0, 60);
  });
  await scenario('is_registered_allowed', async () => {
    expect((await isRegistered('Ctrl+Alt+P')) === false, 'false');
  });
}

async function leaver() {
  if (!sessionStorage.getItem('registered')) {
    await register('Ctrl+Alt+L', () => {});
    sessionStorage.setItem('registered', '1');
    location.reload();
    await new Promise(() => {});  // this page ends here
  }
  await scenario('new_page_sees_nothing', async () => {
    expect((await isRegistered('Ctrl+Alt+L')) === false, "the earlier page's shortcut to be gone");
  });
  // main asks once it reaches its check; this page stays to answer.
  await listen('leaver-check', () => emit('leaver-reloaded', 'reloaded'));
}

async function wayland() {
  if (label !== 'main') return;
  await scenario('wayland_refused_with_reason', async () => {
    const e = message(await rejects(register('Ctrl+Shift+U', () => {})));
    expect(e.includes('Wayland'), 'an error naming Wayland, got ' + e);
    expect((await isRegistered('Ctrl+Shift+U')) === false, 'nothing registered');
    return e.slice(0, 80);
  });
}

// On X11 the report goes to the driver (page-results.txt: main's does not fit in a title) and the
// title only says it was sent; on Wayland (no driver there) the title carries it.
async function sendReport() {
  if (WAYLAND) return report();
  try {
    const response = await fetch(DRIVER + '/report?' + new URLSearchParams({ window: label }),
                                 { method: 'POST', body: JSON.stringify(results) });
    if (!response.ok) throw new Error('shortcut-driver /report: ' + response.status);
    document.title = 'DONE ' + JSON.stringify({ report: { ok: true, detail: Object.keys(results).length + ' keys' } });
  } catch (e) {
    document.title = 'DONE ' + JSON.stringify({ report: { ok: false, detail: message(e) } });
  }
}

const pages = { main, other, plain, leaver };
(WAYLAND ? wayland() : pages[label]())
  .catch((e) => (results.runner = { ok: false, detail: message(e) }))
  .finally(sendReport);
