// The log folder against the store and fs plugins (issue 12, finding 6; finding 8 for the store),
// bundled with the unmodified @tauri-apps/plugin-store, -log and -fs. $APPLOG lies inside
// $APPDATA: window "main" (store:default, log:default) tries to replace the log with a store,
// window "fswin" (fs:allow-appdata-write-recursive) to overwrite, remove and move it. Both log a
// line before and after their attacks; check_store_log.py reads the log file on disk. Every window
// reports {scenario: {ok, detail}} in its title as "DONE <json>".
import { appDataDir } from '@tauri-apps/api/path';
import { load } from '@tauri-apps/plugin-store';
import { info } from '@tauri-apps/plugin-log';
import { writeTextFile, remove, rename } from '@tauri-apps/plugin-fs';
import { results, scenario, short, setDetailLengths } from '../../prelude/scenario.js';

setDetailLengths(60, 60);

const ID = 'dev.warden.security.storelog';
const LOG = 'logs/' + ID + '.log';
// The attack must be refused: resolves with the refusal, throws when the attack went through.
async function refused(attack) {
  try {
    await attack();
  } catch (e) {
    return String(e && e.message ? e.message : e);
  }
  throw new Error('the attack went through');
}

async function mainWindow(dataDir) {
  const refusals = [];
  const storeAttack = (name, path) => scenario(name, async () => {
    const why = await refused(async () => {
      const store = await load(path, { createNew: true, autoSave: false });
      await store.set('pwned', true);
      await store.save();
    });
    refusals.push(why);
    return why;
  });
  await storeAttack('store_overwrites_log_refused', LOG);
  await storeAttack('store_dotdot_to_log_refused', 'sub/../' + LOG);
  await storeAttack('store_new_file_in_log_folder_refused', 'logs/notes.json');
  await storeAttack('store_escape_refused', '../escape.json');
  await scenario('store_elsewhere_still_works', async () => {
    const store = await load('settings.json', { autoSave: false });
    await store.set('theme', 'dark');
    await store.save();
    return 'saved';
  });
  // In release builds a page learns that the scope refused, not where the app's files are.
  await scenario('store_refusal_hides_paths', async () => {
    if (refusals.length === 0) throw new Error('no refusal to look at');
    const leaks = refusals.some((r) => r.includes(dataDir));
    return (leaks ? 'LEAKS ' : 'hidden ') + refusals[0];
  });
}

async function fsWindow(dataDir) {
  await scenario('fs_write_log_refused', () => refused(() => writeTextFile(dataDir + '/' + LOG, 'pwned by fs\n')));
  await scenario('fs_remove_log_refused', () => refused(() => remove(dataDir + '/' + LOG)));
  await scenario('fs_rename_log_folder_refused', () => refused(() => rename(dataDir + '/logs', dataDir + '/logs-moved')));
  await scenario('fs_write_elsewhere_still_works', async () => {
    await writeTextFile(dataDir + '/fs-ok.txt', 'written by fs\n');
    return 'written';
  });
  // The folder above the log is the page's to remove, but not with the log inside it.
  await scenario('fs_remove_data_folder_refused', () => refused(() => remove(dataDir, { recursive: true })));
}

async function run() {
  const label = window.__TAURI_INTERNALS__.metadata.currentWindow.label;
  results.metadata = { ok: true, detail: label };
  const dataDir = await appDataDir();
  await info('before-attack ' + label);
  if (label === 'main') await mainWindow(dataDir);
  else await fsWindow(dataDir);
  await info('after-attack ' + label);
  document.title = 'DONE ' + JSON.stringify(results);
}

run().catch((e) => { document.title = 'DONE ' + JSON.stringify({ runner: { ok: false, detail: String(e) } }); });
