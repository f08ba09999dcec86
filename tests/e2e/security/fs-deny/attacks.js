// A hostile page against the fs plugin's denies, through the unmodified @tauri-apps/plugin-fs
// (issue 12, finding 5). Its window may read and write $HOME/data except work/confidential/**,
// old/confidential/**, vault/**, safe/** and sealed/** (app/capabilities/main.json). Each deny must hold against commands that
// act on a whole folder: renaming a parent away, renaming X of a deny `X/**`, moving a folder
// under a deny, removing recursively and listing. (A watch needs no such check: each event is
// judged against the scope, deny included, before it is sent.) It reports {scenario: {ok,
// detail}} in its title as "DONE <json>"; check_attack.py checks the report and the files on disk.
// __HOME__ is defined by the runner.
import { readDir, readTextFile, remove, rename } from '@tauri-apps/plugin-fs';
import { results, scenario, expect, short, setDetailLengths } from '../../prelude/scenario.js';

setDetailLengths(80, 90);

const DATA = __HOME__ + '/data';
// The call's rejection text; throws when the call went through (the attack was not stopped).
async function refused(promise) {
  let value;
  try {
    value = await promise;
  } catch (e) {
    return String(e && e.message ? e.message : e);
  }
  throw new Error('the call went through: ' + short(JSON.stringify(value) ?? 'undefined', 60));
}

// Reads what a successful bypass exposes, so a report shows the leak.
async function leak(path) {
  try {
    return await readTextFile(path);
  } catch (e) {
    return null;
  }
}

(async () => {
  // Listing X of a deny `X/**` shows the names the deny hides. (First: the attacks below move
  // vault/ when they succeed.)
  await scenario('read_dir_x_refused', async () => {
    const message = await refused(readDir(DATA + '/vault'));
    expect(!message.includes('No such file'), 'a refusal, not a missing folder: ' + message);
    return message;
  });
  // The deny names work/confidential/**; renaming work moves confidential/ out from under it.
  await scenario('rename_parent_refused', async () => {
    const message = await refused(rename(DATA + '/work', DATA + '/work2')).catch(async (e) => {
      throw new Error(e.message + '; read ' + JSON.stringify(await leak(DATA + '/work2/confidential/c.txt')));
    });
    return message;
  });
  // vault/** is denied, vault itself is not: renaming it takes its content along.
  await scenario('rename_x_refused', async () => {
    const message = await refused(rename(DATA + '/vault', DATA + '/vault2')).catch(async (e) => {
      throw new Error(e.message + '; read ' + JSON.stringify(await leak(DATA + '/vault2/v.txt')));
    });
    return message;
  });
  // The other direction: a folder moved under a deny plants content where the app may not write.
  await scenario('rename_into_denied_refused', () => refused(rename(DATA + '/drop', DATA + '/sealed')));
  // Recursive removal deletes the denied files below.
  await scenario('remove_parent_refused', () => refused(remove(DATA + '/old', { recursive: true })));
  await scenario('remove_x_refused', () => refused(remove(DATA + '/safe', { recursive: true })));
  // What no deny reaches still works.
  await scenario('plain_folders_still_work', async () => {
    await rename(DATA + '/plain', DATA + '/plain2');
    const names = (await readDir(DATA + '/plain2')).map((e) => e.name).sort();
    expect(JSON.stringify(names) === '["p.txt"]', 'plain2 to list p.txt, got ' + JSON.stringify(names));
    await remove(DATA + '/plain2', { recursive: true });
    const listed = (await readDir(DATA + '/work')).map((e) => e.name).sort();
    expect(JSON.stringify(listed) === '["confidential","notes.txt"]', 'work to list its entries, got ' + JSON.stringify(listed));
  });
  document.title = 'DONE ' + JSON.stringify(results);
})();
