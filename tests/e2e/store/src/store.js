// Warden end-to-end scenarios of the store plugin through the unmodified npm package
// @tauri-apps/plugin-store (pinned by tests/e2e's lockfile). The app runs twice (the page reads
// which run from <meta name=run>); each window reports {scenario: {ok, detail}} in its title as
// "DONE <json>". check_store_files.py checks the files on disk after each run.
import { LazyStore, getStore, load } from '@tauri-apps/plugin-store';
import { results, scenario, expect, short, setDetailLengths } from '../../prelude/scenario.js';

setDetailLengths(80, 80);

function same(a, b) {
  return JSON.stringify(a) === JSON.stringify(b);
}

async function rejects(promise) {
  try {
    const value = await promise;
    throw new Error('resolved with ' + JSON.stringify(value));
  } catch (e) {
    if (e instanceof Error && e.message.startsWith('resolved with')) throw e;
    return String(e && e.message ? e.message : e);
  }
}

async function until(cond, ms) {
  const t0 = performance.now();
  while (!cond() && performance.now() - t0 < ms) await new Promise((r) => setTimeout(r, 20));
}

const appData = () => document.querySelector('meta[name=app-data]').content;

async function firstRun() {
  let settings;
  await scenario('store_set_get', async () => {
    settings = await load('settings.json', { autoSave: false });
    await settings.set('theme', 'dark');
    await settings.set('user', { name: 'Ana', langs: ['fr', 'en'] });
    const theme = await settings.get('theme');
    const user = await settings.get('user');
    expect(theme === 'dark', 'theme dark, got ' + JSON.stringify(theme));
    expect(same(user, { name: 'Ana', langs: ['fr', 'en'] }), 'the user back, got ' + JSON.stringify(user));
    expect((await settings.get('missing')) === undefined, 'undefined for a missing key');
    expect((await settings.has('user')) === true && (await settings.has('missing')) === false, 'has()');
    expect((await settings.length()) === 2, 'length 2');
    expect(same(await settings.keys(), ['theme', 'user']), 'keys theme, user');
    expect(same((await settings.entries())[0], ['theme', 'dark']), 'entries');
    return 'rid ' + settings.rid;
  });

  await scenario('store_same_store', async () => {
    const again = await load('settings.json');
    const found = await getStore('settings.json');
    expect(again.rid === settings.rid, 'the same resource id, got ' + again.rid + ' and ' + settings.rid);
    expect(found && found.rid === settings.rid, 'getStore finds it, got ' + JSON.stringify(found && found.rid));
    expect((await getStore('never-loaded.json')) === null, 'null for a store never loaded');
    return 'rid ' + again.rid;
  });

  await scenario('store_change_events', async () => {
    const keyValues = [];
    const changes = [];
    const stopKey = await settings.onKeyChange('counter', (v) => keyValues.push(v));
    const stopAll = await settings.onChange((k, v) => changes.push([k, v]));
    await settings.set('counter', 1);
    await settings.set('other', 'x');
    await settings.set('counter', 2);
    await settings.delete('counter');
    await settings.delete('other');
    await until(() => keyValues.length >= 3 && changes.length >= 5, 5000);
    stopKey();
    stopAll();
    expect(keyValues.length === 3 && keyValues[0] === 1 && keyValues[1] === 2 && keyValues[2] === undefined,
      'counter 1, 2, then undefined (deleted), got ' + JSON.stringify(keyValues) + ' (' + keyValues.length + ')');
    expect(same(changes.map((c) => c[0]), ['counter', 'other', 'counter', 'counter', 'other']),
      'five changes in order, got ' + JSON.stringify(changes));
    return JSON.stringify(changes);
  });

  await scenario('store_save', async () => {
    await settings.set('saved_at', 'run1');
    await settings.save();
    return appData() + '/settings.json';
  });

  await scenario('store_unsaved_kept_at_exit', async () => {
    const pending = await load('pending.json', { autoSave: false });
    await pending.set('note', 'saved by shutdown');
    return 'not saved by the page';
  });

  await scenario('store_defaults', async () => {
    const d = await load('defaults.json', { defaults: { volume: 5, theme: 'light' }, autoSave: false });
    expect((await d.get('volume')) === 5, 'the default volume 5');
    await d.set('volume', 9);
    expect((await d.get('volume')) === 9, 'volume 9 after set');
    await d.reset();
    expect((await d.get('volume')) === 5, 'volume 5 after reset');
    await d.clear();
    expect((await d.length()) === 0, 'empty after clear');
    return 'defaults, reset, clear';
  });

  await scenario('store_lazy_autosave', async () => {
    const lazy = new LazyStore('lazy/auto.json', { autoSave: 20 });
    await lazy.set('x', 'lazy');
    expect((await lazy.get('x')) === 'lazy', 'the value back');
    return 'autoSave 20 ms';
  });

  await scenario('store_path_escape_refused', async () => {
    // A scope refusal: release builds give the page only the generic text, debug builds the detail.
    const scopeRefusal = (error, detail) => error === 'refused by scope' || error.includes(detail);
    const up = await rejects(load('../escape.json'));
    expect(scopeRefusal(up, "'../escape.json' leaves the app data folder"), 'a scope refusal, got ' + up);
    const abs = await rejects(load('/tmp/warden-store-abs.json'));
    expect(scopeRefusal(abs, 'is absolute'), 'absolute refused, got ' + abs);
    return up;
  });

  await scenario('store_corrupt_refused', async () => {
    const error = await rejects(load('broken.json'));
    expect(error.includes(appData() + '/broken.json') && error.includes('line 2, column'),
      'an error naming the file and the line, got ' + error);
    return error.slice(error.indexOf('line'));
  });
}

async function secondRun() {
  let settings;
  await scenario('store_persisted', async () => {
    settings = await load('settings.json', { autoSave: false });
    const got = { theme: await settings.get('theme'), saved: await settings.get('saved_at'), user: await settings.get('user') };
    expect(same(got, { theme: 'dark', saved: 'run1', user: { name: 'Ana', langs: ['fr', 'en'] } }),
      'what run 1 saved, got ' + JSON.stringify(got));
    return JSON.stringify(got);
  });

  await scenario('store_saved_at_exit', async () => {
    const pending = await load('pending.json');
    const note = await pending.get('note');
    expect(note === 'saved by shutdown', 'the note run 1 left unsaved, got ' + JSON.stringify(note));
    const lazy = await load('lazy/auto.json');
    expect((await lazy.get('x')) === 'lazy', 'the lazy store auto-saved');
    return note;
  });

  await scenario('store_reload', async () => {
    await settings.set('theme', 'temporary');
    await settings.reload();
    const theme = await settings.get('theme');
    expect(theme === 'dark', 'the saved theme again, got ' + JSON.stringify(theme));
    return theme;
  });

  await scenario('store_close', async () => {
    const old = settings.rid;
    await settings.close();
    const error = await rejects(settings.get('theme'));
    expect(error.includes('no store is open as resource ' + old), 'the closed id refused, got ' + error);
    const reopened = await load('settings.json');
    expect((await reopened.get('theme')) === 'dark', 'reopened with its data');
    return error;
  });

  await scenario('store_corrupt_refused', async () => {
    const error = await rejects(load('broken.json'));
    expect(error.includes('broken.json') && error.includes('line 2'), 'still refused, got ' + error);
    return 'still refused';
  });
}

async function deniedWindow() {
  await scenario('store_denied', async () => {
    const error = await rejects(load('settings.json'));
    expect(error.startsWith('not allowed'), '"not allowed", got ' + error);
    const other = await rejects(getStore('settings.json'));
    expect(other.startsWith('not allowed'), 'getStore "not allowed", got ' + other);
    return error;
  });
}

async function run() {
  const label = window.__TAURI_INTERNALS__.metadata.currentWindow.label;
  const which = document.querySelector('meta[name=run]').content;
  results.metadata = { ok: true, detail: label + ' ' + which };
  if (label === 'denied') await deniedWindow();
  else if (which === 'run1') await firstRun();
  else await secondRun();
  document.title = 'DONE ' + JSON.stringify(results);
}

run().catch((e) => { document.title = 'DONE ' + JSON.stringify({ runner: { ok: false, detail: String(e) } }); });
