// Children per page and per app (issue 13, finding 8), bundled with the unmodified
// @tauri-apps/plugin-shell, -store, -fs and @tauri-apps/api. `main` spawns `sleep 60` until it is
// refused (at most ATTEMPTS times), then tells `second` (event spawn-cap:main), which does the
// same and tells `files` (spawn-cap:second); `files` saves a store and writes and reads a file.
// Each window reports {scenario: {ok, detail}} in its title as "DONE <json>"; check_spawn_cap.py
// compares the counts with the app config's caps.
import { Command } from '@tauri-apps/plugin-shell';
import { emit, listen } from '@tauri-apps/api/event';
import { appDataDir } from '@tauri-apps/api/path';
import { load } from '@tauri-apps/plugin-store';
import { writeTextFile, readTextFile } from '@tauri-apps/plugin-fs';
import { results, scenario, short, setDetailLengths } from '../../prelude/scenario.js';

setDetailLengths(Infinity, 90);

const ATTEMPTS = 400;
// Resolves once `event` came (or after `ms`: a window that never sends it must not hang the run).
function heard(event, ms = 60000) {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    listen(event, () => { clearTimeout(timer); resolve(true); });
  });
}

// Starts one `sleep 60`: {command, child, closed}, closed resolving once the plugin reported its end
// (Terminated comes after the plugin gave its place back).
async function spawnOne() {
  const command = Command.create('sleeper', ['60']);
  const closed = new Promise((resolve) => command.on('close', resolve));
  const child = await command.spawn();
  return { command, child, closed };
}

// Spawns until the first refusal: {started, refusal} (refusal null when none came).
async function spawnUntilRefused(children) {
  for (let i = 0; i < ATTEMPTS; ++i) {
    try {
      children.push(await spawnOne());
    } catch (e) {
      return { started: children.length, refusal: short(String(e && e.message ? e.message : e), 160) };
    }
  }
  return { started: children.length, refusal: null };
}

async function spawner(label, next) {
  const children = [];
  await scenario(label === 'main' ? 'page_cap_refused' : 'app_cap_refused', () => spawnUntilRefused(children));
  if (label === 'second') {
    // The end of a child frees its slot: kill one, and one more may start.
    await scenario('ended_child_frees_slot', async () => {
      if (children.length === 0) throw new Error('no child to kill');
      const victim = children.pop();
      await victim.child.kill();
      await victim.closed;  // the plugin saw it end: its place is free
      children.push(await spawnOne());
      return 'started again after one ended';
    });
  }
  await emit(next, label);
}

async function filesWindow() {
  await heard('spawn-cap:second');
  await scenario('other_window_store_works', async () => {
    const store = await load('settings.json', { autoSave: false });
    await store.set('theme', 'dark');
    await store.save();
    return 'saved';
  });
  await scenario('other_window_fs_works', async () => {
    const file = (await appDataDir()) + '/note.txt';
    await writeTextFile(file, 'written while others spawn\n');
    return await readTextFile(file);
  });
}

async function run() {
  const label = window.__TAURI_INTERNALS__.metadata.currentWindow.label;
  results.metadata = { ok: true, detail: label };
  if (label === 'main') {
    await spawner('main', 'spawn-cap:main');
  } else if (label === 'second') {
    await heard('spawn-cap:main');
    await spawner('second', 'spawn-cap:second');
  } else {
    await filesWindow();
  }
  document.title = 'DONE ' + JSON.stringify(results);
}

run().catch((e) => { document.title = 'DONE ' + JSON.stringify({ runner: { ok: false, detail: String(e) } }); });
