// A hostile page against the fs plugin's open files, through the unmodified @tauri-apps/plugin-fs
// (issue 12, finding 2, and finding 8 for fs). It has only what its window is granted:
//   main:  examples/file-explorer's "read-only" capability (read and list $DOCUMENT);
//   mixed: read in $HOME/readonly and $HOME/scratch, write only in $HOME/scratch.
// Each window reports {scenario: {ok, detail}} in its title as "DONE <json>"; check_attack.py
// checks the report and, above all, the files on disk. __HOME__ is defined by the runner.
import { mkdir, open, readTextFile, writeFile } from '@tauri-apps/plugin-fs';
import { getCurrentWindow } from '@tauri-apps/api/window';
import { results, scenario, expect, short, setDetailLengths } from '../../prelude/scenario.js';

setDetailLengths(120, 90);

const HOME = __HOME__;
const DOC = HOME + '/Documents';
const RO = HOME + '/readonly';
const SCRATCH = HOME + '/scratch';
const refusals = {};

// The call's rejection text; throws when the call went through (the attack was not stopped).
async function refused(promise, name) {
  let value;
  try {
    value = await promise;
  } catch (e) {
    const message = String(e && e.message ? e.message : e);
    if (name) refusals[name] = message;
    return message;
  }
  throw new Error('the call went through: ' + short(JSON.stringify(value) ?? 'undefined', 40));
}

const bytes = (text) => new TextEncoder().encode(text);

// What a hostile page does with an open file: ask for a writable handle; if that is refused,
// take a read-only one and try the write through its resource id anyway.
async function handleFor(path) {
  try {
    return await open(path, { read: true, write: true });
  } catch (e) {
    return await open(path, { read: true });
  }
}

async function mainWindow() {
  // The file-explorer's read-only grant: open is in it (as in Tauri's read sets), its options are
  // the page's to choose.
  await scenario('open_truncate_refused', () =>
    refused(open(DOC + '/report.txt', { write: true, truncate: true }), 'open_truncate'));
  await scenario('open_write_refused', async () => {
    const file = await handleFor(DOC + '/report.txt');
    return refused(file.write(bytes('PWNED')));
  });
  await scenario('open_append_refused', async () => {
    let file;
    try {
      file = await open(DOC + '/report.txt', { append: true });
    } catch (e) {
      return String(e);
    }
    return refused(file.write(bytes('APPENDED')));
  });
  await scenario('open_create_executable_refused', async () => {
    let file;
    try {
      file = await open(DOC + '/run.sh', { write: true, create: true, mode: 0o755 });
    } catch (e) {
      return String(e);
    }
    await file.write(bytes('#!/bin/sh\nid > pwned\n'));
    throw new Error('created run.sh with mode 0755');
  });
  await scenario('open_create_new_refused', () =>
    refused(open(DOC + '/new.txt', { write: true, createNew: true }), 'open_create_new'));
  await scenario('read_still_works', async () => {
    const file = await open(DOC + '/report.txt', { read: true });
    const buffer = new Uint8Array(64);
    const n = await file.read(buffer);
    const text = new TextDecoder().decode(buffer.slice(0, n));
    expect(text === 'QUARTERLY REPORT\n', 'the report through a read-only handle, got ' + JSON.stringify(text));
    await file.close();
  });
  // Finding 8: what the page learns from the refusals (check_attack.py judges it).
  await scenario('scope_details_hidden', async () => {
    await refused(readTextFile(HOME + '/readonly/data.txt'), 'read_outside');
    return JSON.stringify(refusals);
  }, 1000);
}

async function mixedWindow() {
  // Write grants exist for $HOME/scratch only: a handle on $HOME/readonly must not write.
  await scenario('rid_write_refused', async () => {
    const file = await handleFor(RO + '/data.txt');
    return refused(file.write(bytes('PWNED')));
  });
  await scenario('rid_ftruncate_refused', async () => {
    const file = await handleFor(RO + '/data.txt');
    return refused(file.truncate(0));
  });
  // Set-id and sticky bits, even where writing is granted.
  await scenario('setid_mode_refused', async () => {
    await refused(open(SCRATCH + '/suid.sh', { write: true, create: true, mode: 0o4755 }));
    await refused(writeFile(SCRATCH + '/sgid.sh', bytes('#!/bin/sh\n'), { mode: 0o2755 }));
    await refused(mkdir(SCRATCH + '/sticky', { mode: 0o1777 }));
  });
  // Where the write grant does reach, open's options still work as in Tauri.
  await scenario('granted_handle_writes', async () => {
    const file = await open(SCRATCH + '/notes.txt', { read: true, write: true, create: true });
    await file.write(bytes('hello handle'));
    await file.truncate(5);
    await file.close();
    const text = await readTextFile(SCRATCH + '/notes.txt');
    expect(text === 'hello', 'notes.txt to read "hello", got ' + JSON.stringify(text));
  });
}

(async () => {
  const label = getCurrentWindow().label;
  if (label === 'main') await mainWindow();
  else await mixedWindow();
  document.title = 'DONE ' + JSON.stringify(results);
})();
