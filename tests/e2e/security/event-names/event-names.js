// Forged host and plugin event names (issue 13, finding 5), bundled with the unmodified
// @tauri-apps/api and @tauri-apps/plugin-store. Window "victim" listens the way apps do: the
// window's drag-drop and close-requested events (getCurrentWindow()), its store's changes
// (Store.onChange), an ordinary event. Window "attacker", granted only core:event:default, emits
// tauri://drag-drop with paths ["/etc/shadow"], tauri://close-requested and a store://change for
// the victim's store to the victim, then an ordinary event and "attack-done". Events from one
// emitter to one window arrive in order, so the victim has seen every forgery that went through
// when "attack-done" arrives. Every window reports {scenario: {ok, detail}} in its title as
// "DONE <json>".
import { emit, emitTo, listen, once } from '@tauri-apps/api/event';
import { getCurrentWindow } from '@tauri-apps/api/window';
import { load } from '@tauri-apps/plugin-store';
import { results, scenario, expect, short, setDetailLengths } from '../../prelude/scenario.js';

setDetailLengths(80, 80);

function withTimeout(promise, ms, what) {
  return Promise.race([promise, new Promise((_, reject) => setTimeout(() => reject(new Error('timeout: ' + what)), ms))]);
}

// The attack must be refused: resolves with the refusal, throws when the attack went through.
async function refused(attack) {
  try {
    await attack();
  } catch (e) {
    return String(e && e.message ? e.message : e);
  }
  throw new Error('the attack went through');
}

async function victimWindow() {
  const seen = { drags: [], closes: [], changes: [], hello: [] };
  const store = await load('victim.json', { autoSave: false });
  let ownChange;
  const ownChangeSeen = new Promise((resolve) => { ownChange = resolve; });
  await store.onChange((key, value) => {
    seen.changes.push([key, value]);
    if (key === 'theme' && value === 'light') ownChange();
  });
  const win = getCurrentWindow();
  await win.onDragDropEvent((e) => seen.drags.push(e.payload));
  await win.onCloseRequested((e) => { seen.closes.push(e.event); e.preventDefault(); });
  await listen('hello', (e) => seen.hello.push(e.payload));
  const done = new Promise((resolve) => { listen('attack-done', resolve); });

  // The store plugin's own store://change for this window's store (the host emits it).
  await store.set('theme', 'light');
  await scenario('store_own_change_received', async () => {
    await withTimeout(ownChangeSeen, 20000, "the store plugin's change event");
    return 'theme=light';
  });

  // Tell the attacker which resource id the store has, until it says it is done.
  const announce = setInterval(() => { emit('victim-ready', { rid: store.rid }).catch(() => {}); }, 300);
  emit('victim-ready', { rid: store.rid }).catch(() => {});
  await scenario('attack_finished', () => withTimeout(done, 60000, 'the attacker to finish'));
  clearInterval(announce);

  await scenario('no_forged_drag_drop_received', async () => {
    expect(seen.drags.length === 0, 'no drag-drop event, got ' + JSON.stringify(seen.drags));
    return 'none';
  });
  await scenario('no_forged_close_requested_received', async () => {
    expect(seen.closes.length === 0, 'no close-requested event, got ' + JSON.stringify(seen.closes));
    return 'none';
  });
  await scenario('no_forged_store_change_received', async () => {
    const forged = seen.changes.filter(([, value]) => value === 'evil');
    expect(forged.length === 0, 'no forged store change, got ' + JSON.stringify(forged));
    return JSON.stringify(seen.changes);
  });
  await scenario('ordinary_event_received', async () => {
    expect(seen.hello.length === 1 && seen.hello[0].from === 'attacker', 'one hello, got ' + JSON.stringify(seen.hello));
    return seen.hello[0];
  });
}

async function attackerWindow() {
  const ready = await withTimeout(new Promise((resolve) => { once('victim-ready', (e) => resolve(e.payload)); }),
    60000, 'the victim to be ready');
  const refusals = [];
  const forged = (name, attack) => scenario(name, async () => {
    const why = await refused(attack);
    refusals.push(why);
    return why;
  });
  const drop = { paths: ['/etc/shadow'], position: { x: 10, y: 10 } };
  await forged('drag_drop_emit_refused', () => emitTo('victim', 'tauri://drag-drop', drop));
  await forged('close_requested_emit_refused', () => emitTo('victim', 'tauri://close-requested', null));
  await forged('store_change_emit_refused', () => emitTo('victim', 'store://change',
    { path: 'victim.json', resourceId: ready.rid, key: 'theme', value: 'evil', exists: true }));
  await forged('drag_drop_broadcast_refused', () => emit('tauri://drag-drop', drop));
  await scenario('ordinary_event_still_emitted', async () => {
    await emitTo('victim', 'hello', { from: 'attacker' });
    return 'sent';
  });
  await scenario('refusal_is_generic', async () => {
    if (refusals.length === 0) throw new Error('no refusal to look at');
    return refusals[0];
  });
  await emitTo('victim', 'attack-done', null);
}

async function run() {
  const label = window.__TAURI_INTERNALS__.metadata.currentWindow.label;
  results.metadata = { ok: true, detail: label };
  if (label === 'victim') await victimWindow();
  else await attackerWindow();
  document.title = 'DONE ' + JSON.stringify(results);
}

run().catch((e) => { document.title = 'DONE ' + JSON.stringify({ runner: { ok: false, detail: String(e) } }); });
