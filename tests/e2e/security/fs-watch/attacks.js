// A page watching a folder while someone else moves its sub-folders away (issue 13, finding 7),
// through the unmodified @tauri-apps/plugin-fs. Its window may read and write $HOME/data/G except
// G/secret/** (app/capabilities/main.json); $HOME/outside is out of scope. inotify follows a
// watched folder's inode wherever it is moved, so after `mv G/sub $HOME/outside/sub` a watch that
// names events by the folder's old path reports files of $HOME/outside as G/sub/..., and after
// `mv G/x G/secret/x` it reports activity under the deny.
//
// The runner (run_fs_watch_attacks.sh) plays "someone else": it waits for the files this page
// writes (ready.txt, phase2.txt, phase3.txt), moves folders, writes files, then drops a marker
// file in G. inotify delivers one watcher's events in order, so every event caused before a
// marker reaches the page before the marker's own event: the page judges what came before it.
// Both plugin-fs watchers run side by side: watchImmediate and watch (batched, delayMs).
//
// Reports {scenario: {ok, detail}} in its title as "DONE <json>"; check_attack.py checks the
// report and that the runner's files exist where it wrote them. __HOME__ is defined by the runner.
import { mkdir, watch, watchImmediate, writeTextFile } from '@tauri-apps/plugin-fs';
import { results, scenario, expect, short, setDetailLengths } from '../../prelude/scenario.js';

setDetailLengths(80, 120);

const G = __HOME__ + '/data/G';
const watchers = { immediate: [], debounced: [] };
const waiters = [];

function record(list) {
  return (event) => {
    list.push(event);
    for (const w of waiters.slice()) w();
  };
}

// Resolves with the index of the first event of `which` naming `path` (with `kind`, only an
// event of that kind: 'create'). The bound only ends a window whose event never comes (the
// failure this test looks for); it is not what is tested.
function eventFor(which, path, kind) {
  const list = watchers[which];
  return new Promise((resolve, reject) => {
    const check = () => {
      const i = list.findIndex((e) => e.paths.includes(path) && (!kind || kind in e.type));
      if (i < 0) return false;
      waiters.splice(waiters.indexOf(check), 1);
      clearTimeout(timer);
      resolve(i);
      return true;
    };
    const timer = setTimeout(() => {
      waiters.splice(waiters.indexOf(check), 1);
      reject(new Error(which + ' never reported ' + path.slice(G.length + 1)));
    }, 20000);
    waiters.push(check);
    check();
  });
}

// {immediate: index, debounced: index} of the first event naming `path` in each watcher.
async function both(path, kind) {
  return { immediate: await eventFor('immediate', path, kind), debounced: await eventFor('debounced', path, kind) };
}

function paths(which, from, to) {
  return watchers[which].slice(from, to).flatMap((e) => e.paths);
}

(async () => {
  let setup = null;
  try {
    await watchImmediate(G, record(watchers.immediate), { recursive: true });
    await watch(G, record(watchers.debounced), { recursive: true, delayMs: 100 });
    await writeTextFile(G + '/ready.txt', 'ready');
  } catch (e) {
    setup = e;
  }
  await scenario('watch_started', async () => {
    if (setup) throw setup;
  });

  // The runner moves G/sub to $HOME/outside/sub and writes outside/sub/private-file-1.txt; the
  // page makes a new G/sub, which must be watched, and writes a file there.
  await scenario('new_folder_watched', async () => {
    await both(G + '/moved-sub.txt');
    await mkdir(G + '/sub');
    // The loop watches the new folder before it reports it. (The earlier remove of the old G/sub
    // names the same path: only the create says the new one is watched.)
    await both(G + '/sub', 'create');
    await writeTextFile(G + '/sub/new.txt', 'mine');
    await both(G + '/sub/new.txt');
  });
  // The runner writes private-file-2..4 in outside/sub over time, then G/written-sub.txt.
  await writeTextFile(G + '/phase2.txt', 'phase2').catch(() => {});
  await scenario('moved_folder_not_reported', async () => {
    const end = await both(G + '/written-sub.txt');
    for (const which of ['immediate', 'debounced']) {
      const leaked = paths(which, 0, end[which] + 1).filter((p) => p.includes('private-file') || !(p === G || p.startsWith(G + '/')));
      expect(leaked.length === 0, 'no event for the files of $HOME/outside/sub, ' + which + ' reported ' + JSON.stringify(leaked.map((p) => p.slice(G.length))));
    }
  });

  // The runner moves G/x to G/secret/x (under the deny), drops G/moved-x.txt, writes
  // secret-file-1..3 in G/secret/x over time, then G/written-x.txt.
  await writeTextFile(G + '/phase3.txt', 'phase3').catch(() => {});
  await scenario('denied_folder_not_reported', async () => {
    const start = await both(G + '/moved-x.txt');
    const end = await both(G + '/written-x.txt');
    for (const which of ['immediate', 'debounced']) {
      const all = paths(which, 0, end[which] + 1);
      const after = paths(which, start[which] + 1, end[which]);
      const leaked = all.filter((p) => p.includes('secret-file') || p.startsWith(G + '/secret/'))
        .concat(after.filter((p) => p === G + '/x' || p.startsWith(G + '/x/')));
      expect(leaked.length === 0, 'no event for what is written under G/secret, ' + which + ' reported ' + JSON.stringify(leaked.map((p) => p.slice(G.length))));
    }
  });
  document.title = 'DONE ' + JSON.stringify(results);
})();
