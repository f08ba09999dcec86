// The dialog e2e (tests/e2e/dialog): @tauri-apps/plugin-dialog through the pinned package, on
// GTK's real dialogs under openbox, each answered as a user answers it: dialog_driver.py presses
// keys with xdotool (a message dialog: Return, Escape, Shift+Tab; the file chooser: Ctrl+L, a
// path typed, Return). What the user picks is read back with @tauri-apps/plugin-fs and the asset
// protocol, from capabilities that hold fs reads but no fs scope and an asset scope with nothing
// in it: only the dialog's grants open them.
//
// Two runs (CMakeLists.txt), one page, three windows (warden.conf.json):
// - main asks for every kind of dialog, then tells second what it was given ("main-picked") and
//   closer that the keyboard is free ("closer-go");
// - second has no dialog permission, and reads main's picked folder: refused;
// - closer leaves its page while its dialog is up; the next page of the window sees it gone.
// GRANTS (x-grants): "fs-asset", the app lets the dialog plugin grant (plugins.dialog.grants);
// "none", it does not: the same picks work and grant nothing.
import { convertFileSrc, invoke } from '@tauri-apps/api/core';
import { emit, once } from '@tauri-apps/api/event';
import { appLogDir } from '@tauri-apps/api/path';
import { getCurrentWindow } from '@tauri-apps/api/window';
import { ask, confirm, message, open, save } from '@tauri-apps/plugin-dialog';
import { readTextFile } from '@tauri-apps/plugin-fs';
import { results, scenarioWithin, expect, rejects, setDetailLengths } from '../prelude/scenario.js';
import { pageDriver } from '../prelude/page_driver.js';

setDetailLengths(80, 200);

const meta = (name) => document.querySelector(`meta[name="${name}"]`).content;
const DRIVER = pageDriver('x-driver', 'dialog-driver');
const FILES = meta('x-files');
const GRANTED = meta('x-grants') === 'fs-asset';
const label = window.__TAURI_INTERNALS__.metadata.currentWebview.label;
const TITLES = { main: 'dialog-main', second: 'dialog-second', closer: 'dialog-closer', doomed: 'dialog-doomed' };
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const message_ = (e) => String(e && e.message ? e.message : e);

// Every scenario ends: one whose dialog never answers fails after 25 s instead of holding the
// report back until the run's timeout.
const scenario = (name, body) => scenarioWithin(25000, name, body);

// ---------------------------------------------------------------------------------------------
// The user (dialog_driver.py).

const user = (path, params) => DRIVER.call(path, params);
const shown = (title) => user('/wait', { title });
const gone = (title) => user('/wait', { title, gone: 1 });
const press = (title, ...keys) => user('/keys', { title, keys: keys.join(' ') });
const typeIn = (title, text) => user('/type', { title, text });
const windowNamed = (title) => user('/window', { title });

// Asks for a dialog (START returns the call's promise), waits until X shows its window (named
// TITLE), lets ANSWER act as the user, and returns what the call answered once the window went.
async function answered(title, start, answer) {
  const call = start();
  call.catch(() => {});  // awaited below; a rejection before that is not "unhandled"
  await shown(title);
  await answer(title);
  const result = await call;
  await gone(title);
  return result;
}
// The file chooser's location entry: Ctrl+L, the path, Delete (the entry completes a folder's
// only child inline, selected: Delete drops it), Return.
const pickPath = (path) => async (title) => {
  await press(title, 'ctrl+l');
  await typeIn(title, path);
  await press(title, 'Delete', 'Return');
};
const keys = (...names) => (title) => press(title, ...names);

// fs and asset reads of what was (not) granted.
const readable = async (path) => {
  try {
    return { ok: true, text: (await readTextFile(path)).trim() };
  } catch (e) {
    return { ok: false, error: message_(e) };
  }
};
const assetStatus = async (path) => (await fetch(convertFileSrc(path))).status;
function expectRefused(read, what) {
  expect(!read.ok, what + ' refused, got ' + JSON.stringify(read));
  return read.error;
}

// The page's report goes to the driver (page-results.txt): a title holds only about 1000
// characters. The title then says the page is done, for warden run's --exit-on-title.
const report = () => DRIVER.sendReport(label);

// ---------------------------------------------------------------------------------------------
// main

async function mainMessages() {
  let transient = null;
  await scenario('message_answered_ok', async () => {
    const answer = await answered('msg-ok', () => message('Hello from the page', { title: 'msg-ok', kind: 'info' }),
      async (title) => {
        transient = { dialog: await windowNamed(title), main: await windowNamed(TITLES.main) };
        await press(title, 'Return');
      });
    expect(answer === 'Ok', "'Ok', got " + JSON.stringify(answer));
    return answer;
  });
  await scenario('message_transient_for_window', async () => {
    expect(transient && transient.main.found, 'main window found: ' + JSON.stringify(transient));
    expect(transient.dialog.transient_for === transient.main.id,
      'WM_TRANSIENT_FOR of the dialog to be main ' + transient.main.id + ', got ' + transient.dialog.transient_for);
    return 'transient for main';
  });
  // The box is modal to main only: second still takes a click while it is up.
  await scenario('other_window_usable_while_modal', async () => {
    const clicked = new Promise((resolve) => once('second-click', (e) => resolve(e.payload)));
    const answer = await answered('msg-modal', () => message('Modal to main', { title: 'msg-modal' }), async (title) => {
      await user('/click', { title: TITLES.second });
      const got = await Promise.race([clicked, sleep(3000).then(() => null)]);
      await press(title, 'Return');
      expect(got === 'second', "second's page to get a click while main's box is up, got " + JSON.stringify(got));
    });
    expect(answer === 'Ok', "'Ok', got " + JSON.stringify(answer));
    return 'second clicked';
  });
  const buttons = { yes: 'Save_it', no: 'Discard', cancel: 'Keep editing' };
  await scenario('message_custom_label_by_return', async () => {
    const answer = await answered('msg-custom', () => message('Save?', { title: 'msg-custom', kind: 'warning', buttons }),
      keys('Return'));
    expect(answer === 'Save_it', "'Save_it' (the label as written), got " + JSON.stringify(answer));
    return answer;
  });
  await scenario('message_custom_dismissed_by_escape', async () => {
    const answer = await answered('msg-custom', () => message('Save?', { title: 'msg-custom', kind: 'error', buttons }),
      keys('Escape'));
    expect(answer === 'Keep editing', "the cancel label, got " + JSON.stringify(answer));
    return answer;
  });
  await scenario('message_other_button_by_shift_tab', async () => {
    const answer = await answered('msg-custom', () => message('Save?', { title: 'msg-custom', buttons }),
      keys('shift+Tab', 'Return'));
    expect(answer === 'Discard', "'Discard' (the button before the default), got " + JSON.stringify(answer));
    return answer;
  });
  for (const [name, fn, title, key, want] of [
    ['ask_yes_by_return', ask, 'ask-q', 'Return', true],
    ['ask_no_by_escape', ask, 'ask-q', 'Escape', false],
    ['confirm_ok_by_return', confirm, 'confirm-q', 'Return', true],
    ['confirm_cancel_by_escape', confirm, 'confirm-q', 'Escape', false],
  ]) {
    await scenario(name, async () => {
      const answer = await answered(title, () => fn('Are you sure?', { title, kind: 'warning' }), keys(key));
      expect(answer === want, want + ', got ' + JSON.stringify(answer));
      return answer;
    });
  }
  await scenario('ask_custom_labels', async () => {
    const answer = await answered('ask-custom', () => ask('Really?', { title: 'ask-custom', okLabel: 'Go', cancelLabel: 'Stay' }),
      keys('Return'));
    expect(answer === true, 'true, got ' + JSON.stringify(answer));
    return answer;
  });
}

async function mainFilePicks() {
  // Cancelled with defaultPath on the folder: null, and the folder it started in is not granted.
  await scenario('cancel_null_grants_nothing', async () => {
    const answer = await answered('pick-cancel',
      () => open({ title: 'pick-cancel', directory: true, recursive: true, defaultPath: FILES + '/picked' }), keys('Escape'));
    expect(answer === null, 'null, got ' + JSON.stringify(answer));
    return expectRefused(await readable(FILES + '/picked/inside.txt'), 'the default folder');
  });
  // One dialog per window: a second call while the first is up is refused at once, and twenty
  // more at once are all refused (no queue of dialogs to click through). The file chooser is
  // transient for its window too.
  let chooser = null;
  await scenario('second_dialog_refused_while_one_is_up', async () => {
    let second, flood;
    const answer = await answered('pick-busy', () => open({ title: 'pick-busy' }), async (title) => {
      chooser = { dialog: await windowNamed(title), main: await windowNamed(TITLES.main) };
      second = message_(await rejects(message('again', { title: 'msg-again' })));
      flood = await Promise.allSettled(Array.from({ length: 20 }, () => save({ title: 'save-flood' })));
      await press(title, 'Escape');
    });
    expect(answer === null, 'the first answered null, got ' + JSON.stringify(answer));
    expect(/already open/.test(second), "the second refused as 'already open', got " + second);
    const refused = flood.filter((r) => r.status === 'rejected' && /already open/.test(message_(r.reason))).length;
    expect(refused === 20, '20 more refused, got ' + refused);
    expect(!(await windowNamed('save-flood')).found, 'no flood dialog shown');
    return second;
  });
  await scenario('file_chooser_transient_for_window', async () => {
    expect(chooser && chooser.dialog.found && chooser.main.found, 'both windows found: ' + JSON.stringify(chooser));
    expect(chooser.dialog.transient_for === chooser.main.id,
      'WM_TRANSIENT_FOR of the chooser to be main ' + chooser.main.id + ', got ' + chooser.dialog.transient_for);
    return 'transient for main';
  });
  let folder = null;
  await scenario('folder_picked', async () => {
    folder = await answered('pick-folder',
      () => open({ title: 'pick-folder', directory: true, recursive: true, defaultPath: FILES }), pickPath(FILES + '/picked'));
    expect(folder === FILES + '/picked', FILES + '/picked, got ' + JSON.stringify(folder));
    return 'picked';
  });
  await scenario('folder_read_inside', async () => {
    const read = await readable(FILES + '/picked/inside.txt');
    if (!GRANTED) return expectRefused(read, 'without plugins.dialog.grants, the read');
    expect(read.ok && read.text === 'inside the picked folder', 'the file read, got ' + JSON.stringify(read));
    return read.text;
  });
  await scenario('folder_read_below', async () => {
    const read = await readable(FILES + '/picked/sub/deep.txt');
    if (!GRANTED) return expectRefused(read, 'without plugins.dialog.grants, the read');
    expect(read.ok && read.text === 'below the picked folder', 'the file read (recursive), got ' + JSON.stringify(read));
    return read.text;
  });
  await scenario('folder_read_outside_refused', async () =>
    expectRefused(await readable(FILES + '/outside.txt'), 'a file beside the picked folder'));
  await emit('main-picked', { folder: folder || FILES + '/picked' });
  // Without recursive, Tauri's fs grant of a folder is the folder and its entries, not below.
  await scenario('folder_without_recursive_entries_only', async () => {
    const shallow = await answered('pick-shallow', () => open({ title: 'pick-shallow', directory: true, defaultPath: FILES }),
      pickPath(FILES + '/shallow'));
    expect(shallow === FILES + '/shallow', FILES + '/shallow, got ' + JSON.stringify(shallow));
    const top = await readable(FILES + '/shallow/top.txt');
    const below = expectRefused(await readable(FILES + '/shallow/sub/deep.txt'), 'a file below the folder');
    if (!GRANTED) return expectRefused(top, 'without plugins.dialog.grants, the entry');
    expect(top.ok && top.text === 'an entry of the folder', 'its entry read, got ' + JSON.stringify(top));
    return 'entry read, below ' + below;
  });
  await scenario('image_picked_asset_url', async () => {
    const image = await answered('pick-image',
      () => open({ title: 'pick-image', filters: [{ name: 'Images', extensions: ['png'] }] }), pickPath(FILES + '/images/red.png'));
    expect(image === FILES + '/images/red.png', 'the image path, got ' + JSON.stringify(image));
    const picked = await assetStatus(image);
    const beside = await assetStatus(FILES + '/beside.png');
    expect(beside !== 200, 'an image not picked refused, got ' + beside);
    if (!GRANTED) {
      expect(picked !== 200, 'without plugins.dialog.grants, the asset refused, got ' + picked);
      return 'refused ' + picked;
    }
    expect(picked === 200, 'the picked image served (200), got ' + picked);
    const loaded = await new Promise((resolve) => {
      const img = new Image();
      img.onload = () => resolve(img.naturalWidth);
      img.onerror = () => resolve(0);
      img.src = convertFileSrc(image);
    });
    expect(loaded === 16, 'the <img> loaded 16 px wide, got ' + loaded);
    return 'loaded';
  });
  await scenario('multiple_files_picked', async () => {
    const files = await answered('pick-multi',
      () => open({ title: 'pick-multi', multiple: true, defaultPath: FILES + '/multi' }),
      // GTK's open chooser starts with the keyboard in its file list (defaultPath's folder).
      async (title) => {
        await sleep(700);  // the folder's files listed
        await press(title, 'ctrl+a', 'Return');
      });
    const want = [FILES + '/multi/a.txt', FILES + '/multi/b.txt'];
    expect(Array.isArray(files) && JSON.stringify([...files].sort()) === JSON.stringify(want),
      JSON.stringify(want) + ', got ' + JSON.stringify(files));
    return files.length + ' files';
  });
  await scenario('save_path_returned', async () => {
    const path = await answered('save-file',
      () => save({ title: 'save-file', defaultPath: FILES + '/saved/new.txt', filters: [{ name: 'Text', extensions: ['txt'] }] }),
      keys('Return'));
    expect(path === FILES + '/saved/new.txt', 'the proposed path, got ' + JSON.stringify(path));
    return 'saved';
  });
  // The host's log folder: the user may pick it, and the page gets its path, but no grant
  // reaches a host-private folder.
  await scenario('private_folder_picked_not_granted', async () => {
    const logs = await appLogDir();
    const picked = await answered('pick-private', () => open({ title: 'pick-private', directory: true, defaultPath: logs }),
      pickPath(logs));
    expect(picked === logs, logs + ', got ' + JSON.stringify(picked));
    return expectRefused(await readable(logs + '/private.txt'), 'a file of the host-private folder');
  });
  // A name that is not UTF-8 cannot reach the page: a clear error, nothing granted.
  await scenario('non_utf8_path_refused', async () => {
    const error = await answered('pick-bad', () => open({ title: 'pick-bad', defaultPath: FILES + '/bad' }).then(
      (v) => 'resolved with ' + JSON.stringify(v), (e) => message_(e)),
    async (title) => {
      await sleep(700);  // the folder's one file listed
      await press(title, 'Home', 'Return');
    });
    expect(/not valid UTF-8/.test(error), 'the UTF-8 refusal, got ' + error);
    return error;
  });
}

// A hostile page's arguments: refused before any dialog shows.
async function mainBadArguments() {
  await scenario('bad_arguments_refused', async () => {
    const filters = Array.from({ length: 65 }, (_, i) => ({ name: 'f' + i, extensions: ['x'] }));
    const errors = [
      message_(await rejects(open({ filters }))),
      message_(await rejects(message('x'.repeat(70000)))),
      message_(await rejects(save({ title: 't'.repeat(2000) }))),
      message_(await rejects(open({ filters: [{ name: 'bad', extensions: ['../x'] }] }))),
      message_(await rejects(message('cut\u0000here'))),
      message_(await rejects(open({ multiple: 'yes' }))),
      // The package drops unknown buttons: a hostile page invokes the command itself.
      message_(await rejects(invoke('plugin:dialog|message', { message: 'x', buttons: { Detonate: 'now' } }))),
    ];
    expect(/65 entries/.test(errors[0]), 'the filter count named, got ' + errors[0]);
    expect(/message is 70000 bytes/.test(errors[1]), 'the message length named, got ' + errors[1]);
    expect(/title is 2000 bytes/.test(errors[2]), 'the title length named, got ' + errors[2]);
    expect(/must not contain '\/'/.test(errors[3]), 'the extension refused, got ' + errors[3]);
    expect(/NUL/.test(errors[4]), 'a NUL refused, got ' + errors[4]);
    expect(/multiple must be true or false/.test(errors[5]), 'the type named, got ' + errors[5]);
    expect(/not a kind of buttons/.test(errors[6]), 'the buttons refused, got ' + errors[6]);
    return 'refused';
  });
}

async function runMain() {
  await mainMessages();
  await mainFilePicks();
  await mainBadArguments();
  // doomed closes its window with its dialog up: the dialog goes with it.
  await scenario('window_closed_dialog_closed', async () => {
    await emit('doomed-go', {});
    await shown('doomed-msg');
    await gone(TITLES.doomed);
    await gone('doomed-msg');
    return 'closed';
  });
  await emit('closer-go', {});
  await report();
}

// ---------------------------------------------------------------------------------------------
// second: no dialog permission; main's grant does not reach it.

async function runSecond() {
  document.addEventListener('mousedown', () => { emit('second-click', 'second'); });
  const picked = new Promise((resolve) => once('main-picked', (e) => resolve(e.payload.folder)));
  await scenario('dialog_denied_without_permission', async () => {
    const errors = [message_(await rejects(open({}))), message_(await rejects(message('hi')))];
    expect(errors.every((e) => /not allowed|denied|refused/i.test(e)), 'the ACL refusal, got ' + JSON.stringify(errors));
    return errors[0];
  });
  // main's folder pick comes after its message boxes: waited for outside the scenario's 25 s.
  const folder = await Promise.race([picked, sleep(150000).then(() => null)]);
  await scenario('main_grant_not_here', async () => {
    expect(folder, "main's picked folder (event main-picked)");
    return expectRefused(await readable(folder + '/inside.txt'), "main's picked folder from second");
  });
  await report();
}

// ---------------------------------------------------------------------------------------------
// closer: a page that goes away with its dialog up (location.reload); its next page checks.

async function runCloser() {
  if (location.hash !== '#after') {
    await new Promise((resolve) => once('closer-go', resolve));
    confirm('Leave?', { title: 'closer-confirm' }).catch(() => {});
    await shown('closer-confirm');
    location.hash = '#after';
    location.reload();
    return;
  }
  await scenario('page_gone_closes_dialog', async () => {
    await gone('closer-confirm');
    return 'closed';
  });
  await scenario('slot_free_after_page_gone', async () => {
    const answer = await answered('closer-again', () => confirm('Again?', { title: 'closer-again' }), keys('Return'));
    expect(answer === true, 'true, got ' + JSON.stringify(answer));
    return answer;
  });
  await report();
}

// ---------------------------------------------------------------------------------------------
// doomed: closes its own window while its dialog is up (main checks that both went).

async function runDoomed() {
  await new Promise((resolve) => once('doomed-go', resolve));
  message('Closing', { title: 'doomed-msg' }).catch(() => {});
  await shown('doomed-msg');
  await getCurrentWindow().destroy();
}

const run = { main: runMain, second: runSecond, closer: runCloser, doomed: runDoomed }[label];
run().catch((e) => {
  results.runner = { ok: false, detail: message_(e).slice(0, 200) };
  report().catch(() => { document.title = 'DONE ' + JSON.stringify({ runner: results.runner }); });
});
