// Store and log quotas (issue 13, finding 9), bundled with the unmodified @tauri-apps/plugin-store
// and -log. The page has only store:default and log:default. It reports {scenario: {ok, detail}}
// in its title as "DONE <json>"; check_quota.py also reads the store files and the log on disk.
import { load } from '@tauri-apps/plugin-store';
import { info } from '@tauri-apps/plugin-log';
import { results, scenario, short, setDetailLengths } from '../../prelude/scenario.js';

setDetailLengths(Infinity, 120);

const MiB = 1024 * 1024;
function message(e) {
  return short(String(e && e.message ? e.message : e));
}

async function run() {
  // An ordinary store, saved first: it must survive the attacks and still save afterwards.
  const settings = await load('settings.json', { autoSave: false });
  await settings.set('theme', 'dark');
  await settings.save();
  await info('before the attacks');

  // 8 values of 4 MiB: 32 MiB in one store, then saved.
  await scenario('store_size_refused', async () => {
    const big = await load('big.json', { autoSave: false });
    const chunk = 'x'.repeat(4 * MiB);
    let stored = 0;
    try {
      for (let i = 0; i < 8; ++i) {
        await big.set('chunk' + i, chunk);
        stored += 4;
      }
      await big.save();
    } catch (e) {
      await big.save();  // what it holds below the limit may be saved
      return { stored_mib: stored, refusal: message(e) };
    }
    throw new Error('the store took ' + stored + ' MiB and saved it');
  });

  // 100 store files of a few bytes each.
  await scenario('store_file_count_refused', async () => {
    let created = 0;
    for (let i = 0; i < 100; ++i) {
      try {
        const store = await load('many/store-' + i + '.json', { autoSave: false });
        await store.set('n', i);
        await store.save();
        await store.close();
        created += 1;
      } catch (e) {
        return { created, refusal: message(e) };
      }
    }
    throw new Error('created ' + created + ' store files');
  });

  await scenario('store_small_still_works', async () => {
    await settings.set('language', 'en');
    await settings.save();
    return 'saved';
  });

  // One call with 10,000 small key-values: one line of ~150 KiB to every output.
  await scenario('log_key_value_count_refused', async () => {
    const keyValues = {};
    for (let i = 0; i < 10000; ++i) keyValues['k' + i] = 'v' + i;
    try {
      await info('many key-values', { keyValues });
    } catch (e) {
      return { refusal: message(e) };
    }
    throw new Error('logged 10,000 key-values');
  });

  // A few key-values, each as large as a key or value may be: ~40 KiB on one line.
  await scenario('log_key_value_bytes_refused', async () => {
    const keyValues = {};
    for (let i = 0; i < 30; ++i) keyValues['k' + i + '_'.repeat(300)] = 'v'.repeat(2000);
    try {
      await info('large key-values', { keyValues });
    } catch (e) {
      return { refusal: message(e) };
    }
    throw new Error('logged 30 large key-values');
  });

  await scenario('log_still_works', async () => {
    await info('after the attacks', { keyValues: { user: 'alice', action: 'save' } });
    return 'logged';
  });
  document.title = 'DONE ' + JSON.stringify(results);
}

run().catch((e) => { document.title = 'DONE ' + JSON.stringify({ runner: { ok: false, detail: String(e) } }); });
